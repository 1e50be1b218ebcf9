package org.vigil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.EmotionModel;
import org.vigil.classify.KerasImporter;
import org.vigil.classify.ModelFile;
import org.vigil.classify.Preprocessing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-keras", mixinStandardHelpOptions = true,
        description = "Convert a Keras .h5 emotion model (channels-last, grey input) into a Vigil model file.")
public class ImportKerasCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "the Keras .h5/.hdf5 file") Path h5;
    @Option(names = {"--out", "-o"}, required = true, description = "the Vigil model file to write (.vigil)") Path out;
    @Option(names = "--labels", split = ",", description = "class names in output order; default the 7 FER-2013 classes")
    List<String> labels;
    @Option(names = "--preprocessing", defaultValue = "SYMMETRIC",
            description = "UNIT (x/255) or SYMMETRIC ((x/255-0.5)*2, the mini-Xception recipe); default ${DEFAULT-VALUE}")
    Preprocessing preprocessing;

    @Override
    public Integer call() throws Exception {
        EmotionModel m = KerasImporter.importModel(h5, labels == null ? EmotionLabels.FER7 : labels, preprocessing);
        ModelFile.save(m, out);
        ModelFile.load(out).close(); // read back: what we wrote must validate
        System.out.printf("wrote %s: %s, input %dx%d, %d classes %s, %,d parameters%n", out, m.metadata().name(),
                m.metadata().inputHeight(), m.metadata().inputWidth(), m.labels().size(), m.labels(), m.metadata().parameters());
        return 0;
    }
}
