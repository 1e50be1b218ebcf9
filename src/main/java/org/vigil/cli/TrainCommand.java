package org.vigil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigil.train.Architecture;
import org.vigil.train.Trainer;
import org.vigil.train.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an emotion model on FER-2013 image folders (train/<class>/*), the challenge CSV, or FER+ (a folder with label.csv).",
                "Writes the best model (by validation accuracy) to --model, and a checkpoint, state, CSV log and",
                "learning-curve PNG to --work-dir after every epoch. Run again with --resume to continue."})
public class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "folder of class folders, or challenge CSV (rows with Usage=Training)")
    Path data;
    @Option(names = "--classes", defaultValue = "7", description = "7 (FER-2013) or 4 (angry happy relaxed sad); default ${DEFAULT-VALUE}")
    int classes;
    @Option(names = "--arch", defaultValue = "compact", description = "compact, resnet or resnet-lite (the ResNet without its 48x48 block; starts from a ResNet with --init-from); default ${DEFAULT-VALUE}")
    String arch;
    @Option(names = "--epochs", defaultValue = "60",
            description = "default ${DEFAULT-VALUE}; 0 with --init-from: no training, the model file is made from those weights")
    int epochs;
    @Option(names = "--batch", defaultValue = "64") int batch;
    @Option(names = "--lr", defaultValue = "0.001") double lr;
    @Option(names = "--weight-decay", defaultValue = "0.0001") double weightDecay;
    @Option(names = "--dropout", defaultValue = "0.3") double dropout;
    @Option(names = "--val-split", defaultValue = "0.1") double valSplit;
    @Option(names = "--patience", defaultValue = "10", description = "early stop after this many epochs without a better validation accuracy")
    int patience;
    @Option(names = "--lr-patience", defaultValue = "3") int lrPatience;
    @Option(names = "--lr-factor", defaultValue = "0.5") double lrFactor;
    @Option(names = "--min-lr", defaultValue = "0.00001") double minLr;
    @Option(names = "--class-weights", defaultValue = "sqrt", description = "none, sqrt or balanced; default ${DEFAULT-VALUE}")
    TrainingOptions.ClassWeighting weighting;
    @Option(names = "--no-augment", description = "train on the images as they are") boolean noAugment;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--limit-per-class", defaultValue = "0", description = "use at most N images per class (quick runs)")
    int limitPerClass;
    @Option(names = "--model", description = "where the best model goes; default models/vigil-fer<classes>-<arch>.vigil")
    Path model;
    @Option(names = "--work-dir", description = "checkpoint, log and curves; default models/training/<model name>")
    Path workDir;
    @Option(names = "--anneal-from", defaultValue = "0", paramLabel = "EPOCH",
            description = "from this epoch on, cosine-decay the learning rate from --lr to --min-lr at the last epoch (0 = off: halve on plateau)")
    int annealFrom;
    @Option(names = "--init-from", paramLabel = "FILE",
            description = "start from the weights of another run's .samediff checkpoint (e.g. a 7-class best-weights.samediff for a 4-class model)")
    Path initFrom;
    @Option(names = "--val-data", paramLabel = "DIR",
            description = "validate on this data (e.g. FER+ valid/) instead of a --val-split share of --data")
    Path valData;
    @Option(names = "--targets", defaultValue = "distribution",
            description = "distribution (FER+ crowd votes; one-hot where the data has none) or majority; default ${DEFAULT-VALUE}")
    TrainingOptions.Targets targets;
    @Option(names = "--teacher", paramLabel = "MODEL", split = ",",
            description = "distil: blend the targets with this model's mirror-averaged answers (repeat or comma-separate for an ensemble; same classes)")
    java.util.List<Path> teachers;
    @Option(names = "--teacher-weight", defaultValue = "0.5",
            description = "the teacher's share of each target, 0..1; default ${DEFAULT-VALUE}")
    double teacherWeight;
    @Option(names = "--average-from", defaultValue = "0", paramLabel = "EPOCH",
            description = "from this epoch on, judge and save the mean of the weights at the end of each epoch so far "
                    + "(stochastic weight averaging; use with a constant --lr); 0 = off")
    int averageFrom;
    @Option(names = "--resume", description = "continue from the checkpoint in --work-dir if there is one") boolean resume;

    @Override
    public Integer call() throws Exception {
        Architecture a = Architecture.parse(arch);
        Path modelPath = model != null ? model : Path.of("models", "vigil-fer" + classes + "-" + a.id() + ".vigil");
        String name = modelPath.getFileName().toString().replaceFirst("\\.vigil$", "");
        Path work = workDir != null ? workDir : Path.of("models", "training", name);
        TrainingOptions o = new TrainingOptions(data, classes, a, epochs, batch, lr, weightDecay, dropout, valSplit,
                patience, lrPatience, lrFactor, minLr, weighting, !noAugment, seed, limitPerClass, 48, modelPath, work,
                annealFrom, initFrom, valData, targets, teachers, teacherWeight, averageFrom);
        Trainer.Result r = new Trainer(o, System.out).run(resume);
        System.out.printf("done: best validation accuracy %.4f at epoch %d of %d%s; model %s%n", r.bestValAccuracy(),
                r.bestEpoch(), r.epochsDone(), r.stoppedEarly() ? " (stopped early)" : "", r.model());
        return 0;
    }
}
