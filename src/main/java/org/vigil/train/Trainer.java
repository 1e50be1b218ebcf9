package org.vigil.train;

import org.vigil.data.DataFormatException;
import org.vigil.data.ImageSetLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.vigil.base.AtomicFiles;
import org.vigil.classify.EmotionLabels;
import org.vigil.classify.ModelFile;
import org.vigil.classify.ModelMetadata;
import org.vigil.classify.Preprocessing;
import org.vigil.classify.SameDiffEmotionModel;
import org.vigil.data.ImageSet;
import org.vigil.eval.Charts;
import org.vigil.eval.TrainingLog;

/**
 * Trains one of Vigil's networks on FER-2013-style data with augmentation, class weighting, a
 * validation split, LR reduction on plateau, early stopping, a best-model file, a per-epoch CSV
 * log and a resumable checkpoint after every epoch (kill it at any time and run it again with --resume).
 */
public final class Trainer {
    static final String CHECKPOINT = "checkpoint.samediff";
    static final String STATE = "state.json";
    static final String LOG = "training-log.csv";
    static final String CURVES = "learning-curves.png";
    static final String BEST_WEIGHTS = "best-weights.samediff";
    /** The weight average after an epoch (--average-from), named by the epoch so a resume finds the one its state names. */
    static final String AVERAGE = "average-after-epoch-%d.samediff";
    private static final int PRECISE_BN_BATCHES = 40;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainingOptions o;
    private final PrintStream out;

    public Trainer(TrainingOptions options, PrintStream out) {
        this.o = options;
        this.out = out;
    }

    /** Result of a run: the best model's validation accuracy and where it was written. */
    public record Result(double bestValAccuracy, int bestEpoch, int epochsDone, boolean stoppedEarly, Path model) {}

    public Result run(boolean resume) throws IOException {
        if (o.epochs() == 0 && (o.initFrom() == null || resume)) {
            // Checked before the faces are loaded: an export has nothing else to start from.
            throw new IllegalArgumentException("--epochs 0 makes a model from --init-from weights"
                    + (resume ? ", not from a checkpoint (--resume)" : "; none given"));
        }
        List<String> labels = EmotionLabels.forClassCount(o.classes());
        int size = o.imageSize();
        out.printf("Loading %s ...%n", o.data());
        ImageSet all = ImageSetLoader.load(o.data(), labels, size, size, "Training");
        if (o.limitPerClass() > 0) all = all.limitPerClass(o.limitPerClass(), o.seed());
        ImageSet train, val;
        if (o.validationData() != null) {
            train = all;
            val = ImageSetLoader.load(o.validationData(), labels, size, size, "PublicTest");
        } else {
            ImageSet[] split = all.stratifiedSplit(o.validationShare(), o.seed());
            train = split[0];
            val = split[1];
        }
        boolean soft = o.targets() == TrainingOptions.Targets.DISTRIBUTION && train.hasTargets();
        out.printf("targets: %s%n", soft ? "label distribution (crowd votes)" : "majority label (one-hot)");
        if (!o.teachers().isEmpty()) {
            train = TeacherTargets.blend(train, soft ? train.targets() : null, o.teachers(), o.teacherWeight(), o.workDir(), out);
            soft = true;
            out.printf("targets blended: %.0f %% teacher %s, %.0f %% the above%n", o.teacherWeight() * 100, o.teachers(),
                    (1 - o.teacherWeight()) * 100);
        }
        out.printf("%d training, %d validation images; classes %s, counts %s%n", train.size(), val.size(), labels,
                java.util.Arrays.toString(train.classCounts()));
        if (train.size() < o.batchSize()) {
            throw new DataFormatException("only " + train.size() + " training images, fewer than one batch of " + o.batchSize());
        }
        float[] classWeights = classWeights(train.classCounts());
        out.printf("class weights %s%n", java.util.Arrays.toString(classWeights));

        Files.createDirectories(o.workDir());
        Path checkpoint = o.workDir().resolve(CHECKPOINT), stateFile = o.workDir().resolve(STATE);
        Path logFile = o.workDir().resolve(LOG);
        NetworkBuilder.TrainingNet net = NetworkBuilder.training(o.architecture(), o.classes(), size, size,
                o.batchSize(), o.dropout(), o.seed());
        SameDiff sd;
        RunState state;
        AdjustableRate rate;
        if (resume && Files.exists(stateFile) && Files.exists(checkpoint)) {
            state = JSON.readValue(stateFile.toFile(), RunState.class);
            if (!state.architecture().equals(o.architecture().id()) || state.classes() != o.classes()) {
                throw new IllegalArgumentException("checkpoint in " + o.workDir() + " is for " + state.architecture() + "/"
                        + state.classes() + " classes, not " + o.architecture().id() + "/" + o.classes());
            }
            sd = SameDiff.load(checkpoint.toFile(), true);
            rate = adjustableRate(sd);
            rate.setValue(state.learningRate());
            out.printf("Resumed from %s after epoch %d (best val acc %.4f at epoch %d, lr %.2e)%n", checkpoint,
                    state.epochsDone(), state.bestValAccuracy(), state.bestEpoch(), state.learningRate());
        } else {
            sd = net.graph();
            if (o.initFrom() != null) WeightTransfer.copy(o.initFrom(), sd, labels, out);
            rate = new AdjustableRate(o.learningRate());
            sd.setTrainingConfig(trainingConfig(rate));
            state = RunState.fresh(o);
            if (o.epochs() > 0) TrainingLog.start(logFile); // an export (0 epochs) leaves the run's log alone
        }
        out.printf("%s: %,d parameters, %s%n", o.architecture().id(), parameterCount(sd), org.vigil.nd.NativeSetup.describe());

        WeightAverage average = null;
        if (o.averageFrom() > 0 && o.epochs() > 0) {
            int n = o.averagedEpochs(state.epochsDone());
            average = n > 0 ? WeightAverage.load(averageFile(state.epochsDone()), n) : new WeightAverage();
        }
        Augmenter aug = new Augmenter(o.augment() ? Augmenter.Settings.DEFAULT : Augmenter.Settings.NONE);
        int batches = train.size() / o.batchSize();
        // Training loss/accuracy are measured after each epoch on a fixed un-augmented sample of the
        // training set (SameDiff does not compute the loss value during fit, only its gradient).
        ImageSet trainSample = train.size() > 3000 ? train.subset(java.util.Arrays.copyOf(permutation(train.size(), o.seed() + 5), 3000)) : train;
        if (o.epochs() > 0) NetworkBuilder.createGradientsQuietly(sd); // an export needs no gradients
        while (state.epochsDone() < o.epochs() && !state.stoppedEarly()) {
            int epoch = state.epochsDone() + 1;
            long t0 = System.nanoTime();
            if (o.annealing(epoch)) rate.setValue(o.annealedRate(epoch));
            int[] order = permutation(train.size(), o.seed() * 1000 + epoch);
            ProgressBar bar = new ProgressBar(out, String.format("epoch %3d/%d", epoch, o.epochs()), batches);
            new EpochSteps(new BatchMaker(train, aug, classWeights, soft), o.batchSize(), EpochSteps.Settings.DEFAULT)
                    .run(sd, order, o.seed(), epoch, batches, done -> {
                        if (done % 10 == 1 || done == batches) bar.update(done, done * o.batchSize(), "");
                    });
            boolean averaged = o.averaging(epoch);
            SameDiffEmotionModel model;
            if (averaged) {
                average.add(sd);
                ImageSet trainSet = train;
                RunState before = state;
                model = average.swappedIn(sd, () -> inferenceModel(sd, net.bnLayers(), trainSet, labels, before, epoch));
            } else {
                model = inferenceModel(sd, net.bnLayers(), train, labels, state, epoch);
            }
            double[] v = validate(model, val);
            double[] tr = validate(model, trainSample);
            double secs = (System.nanoTime() - t0) / 1e9;
            boolean improved = v[1] > state.bestValAccuracy();
            if (averaged) average.save(sd, averageFile(epoch)); // before the state that names it
            if (improved) {
                ModelFile.save(model, o.modelOut());
                // The best epoch's raw weights (no optimiser state), for --init-from of another run.
                Path best = o.workDir().resolve(BEST_WEIGHTS);
                if (averaged) AtomicFiles.replace(best, tmp -> Files.copy(averageFile(epoch), tmp, StandardCopyOption.REPLACE_EXISTING));
                else replaceAtomically(best, f -> sd.save(f, false));
            }
            double lr = rate.getValue();
            int sinceBest = improved ? 0 : state.epochsSinceBest() + 1;
            int sinceLr = improved ? 0 : state.epochsSinceLrChange() + 1;
            if (!o.annealing(epoch) && sinceLr >= o.lrPatience() && lr > o.minLearningRate()) {
                lr = Math.max(o.minLearningRate(), lr * o.lrFactor());
                rate.setValue(lr);
                sinceLr = 0;
                out.printf("validation accuracy flat for %d epochs: learning rate -> %.2e%n", o.lrPatience(), lr);
            }
            boolean stop = sinceBest >= o.earlyStopPatience();
            state = new RunState(epoch, improved ? v[1] : state.bestValAccuracy(), improved ? epoch : state.bestEpoch(),
                    lr, sinceBest, sinceLr, stop, o.architecture().id(), o.classes());
            TrainingLog.append(logFile, new TrainingLog.Epoch(epoch, rate.getValue(), tr[0], v[0], v[1], tr[1], secs,
                    batches * o.batchSize() / secs));
            saveCheckpoint(sd, checkpoint, state, stateFile);
            Files.deleteIfExists(averageFile(epoch - 1));
            try {
                Charts.learningCurves(logFile, o.workDir().resolve(CURVES));
            } catch (RuntimeException e) {
                out.println("could not draw learning curves: " + e.getMessage());
            }
            out.printf("epoch %d: %strain loss %.4f acc %.4f, val loss %.4f acc %.4f%s, %.0f s%n", epoch,
                    averaged ? "mean weights of epochs " + o.averageFrom() + "-" + epoch + ": " : "", tr[0], tr[1], v[0], v[1],
                    improved ? " (best, saved " + o.modelOut() + ")" : "", secs);
            if (stop) out.printf("early stop: no improvement for %d epochs%n", o.earlyStopPatience());
        }
        if (o.epochs() == 0) return exportOnly(sd, net.bnLayers(), train, val, labels, state);
        return new Result(state.bestValAccuracy(), state.bestEpoch(), state.epochsDone(), state.stoppedEarly(), o.modelOut());
    }

    private Path averageFile(int epoch) {
        return o.workDir().resolve(String.format(Locale.ROOT, AVERAGE, epoch));
    }

    /**
     * No epochs: the model file is made from the starting weights as they are (batch norm measured on the
     * training faces and folded, as after every epoch). Rebuilds a lost model file from a run's
     * best-weights.samediff without changing a weight.
     */
    private Result exportOnly(SameDiff sd, List<String> bnLayers, ImageSet train, ImageSet val, List<String> labels,
                              RunState state) throws IOException {
        SameDiffEmotionModel model = inferenceModel(sd, bnLayers, train, labels, state, 0);
        double[] v = validate(model, val);
        ModelFile.save(model, o.modelOut());
        out.printf("no epochs: model from %s, val loss %.4f acc %.4f, saved %s%n", o.initFrom(), v[0], v[1], o.modelOut());
        return new Result(v[1], 0, 0, false, o.modelOut());
    }

    private TrainingConfig trainingConfig(AdjustableRate rate) {
        return trainingConfig(rate, o.weightDecay());
    }

    /** Adam, weight decay scaled by the learning rate, batches fed to the input/labels placeholders. */
    static TrainingConfig trainingConfig(org.nd4j.linalg.schedule.ISchedule rate, double weightDecay) {
        return TrainingConfig.builder()
                .updater(new Adam(rate))
                .weightDecay(weightDecay, true)
                .dataSetFeatureMapping(NetworkBuilder.INPUT)
                .dataSetLabelMapping(NetworkBuilder.LABELS)
                .build();
    }

    private AdjustableRate adjustableRate(SameDiff sd) {
        TrainingConfig tc = sd.getTrainingConfig();
        if (tc != null && tc.getUpdater() instanceof Adam a && a.getLearningRateSchedule() instanceof AdjustableRate r) {
            return r;
        }
        // The checkpoint had no training config: continue with fresh optimiser moments.
        AdjustableRate r = new AdjustableRate(o.learningRate());
        sd.setTrainingConfig(trainingConfig(r));
        out.println("warning: checkpoint has no optimiser state; Adam moments start again");
        return r;
    }

    private static void saveCheckpoint(SameDiff sd, Path checkpoint, RunState state, Path stateFile) throws IOException {
        replaceAtomically(checkpoint, f -> sd.save(f, true));
        replaceAtomically(stateFile, f -> JSON.writeValue(f, state));
    }

    private interface TmpFileWriter {
        void write(java.io.File file) throws IOException;
    }

    /** Writes next to the file, then renames: a crash mid-write leaves the previous version intact. */
    private static void replaceAtomically(Path file, TmpFileWriter writer) throws IOException {
        AtomicFiles.replace(file, tmp -> writer.write(tmp.toFile()));
    }

    /** Folds BN with statistics measured on un-augmented training batches, and wraps the result as a model. */
    SameDiffEmotionModel inferenceModel(SameDiff sd, List<String> bnLayers, ImageSet train, List<String> labels,
                                        RunState state, int epoch) {
        Map<String, INDArray> mean = new HashMap<>(), var = new HashMap<>(), meanSq = new HashMap<>();
        List<String> outputs = new ArrayList<>();
        for (String l : bnLayers) {
            outputs.add(NetworkBuilder.meanName(l));
            outputs.add(NetworkBuilder.varName(l));
        }
        int[] order = permutation(train.size(), o.seed() + 17);
        int n = Math.min(PRECISE_BN_BATCHES, train.size() / o.batchSize());
        Augmenter none = new Augmenter(Augmenter.Settings.NONE);
        for (int b = 0; b < n; b++) {
            DataSet ds = batch(train, order, b * o.batchSize(), o.batchSize(), none, new SplittableRandom(b), null, false);
            Map<String, INDArray> r = sd.output(Map.of(NetworkBuilder.INPUT, ds.getFeatures()), outputs);
            for (String l : bnLayers) {
                INDArray m = r.get(NetworkBuilder.meanName(l)), v = r.get(NetworkBuilder.varName(l));
                mean.merge(l, m.dup(), INDArray::addi);
                meanSq.merge(l, m.mul(m), INDArray::addi);
                var.merge(l, v.dup(), INDArray::addi);
            }
        }
        Map<String, INDArray> runMean = new HashMap<>(), runVar = new HashMap<>();
        for (String l : bnLayers) {
            INDArray m = mean.get(l).div(n);
            // total variance = mean of batch variances + variance of batch means
            INDArray v = var.get(l).div(n).addi(meanSq.get(l).div(n)).subi(m.mul(m));
            runMean.put(l, m);
            runVar.put(l, v);
        }
        Map<String, INDArray> folded = NetworkBuilder.fold(sd, bnLayers, runMean, runVar);
        SameDiff inf = NetworkBuilder.inference(o.architecture(), o.classes(), o.imageSize(), o.imageSize(), folded);
        String name = o.modelOut().getFileName().toString().replaceFirst("\\.vigil$", "");
        ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION, name, o.architecture().id(), "samediff",
                labels, o.imageSize(), o.imageSize(), NetworkBuilder.INFERENCE_LAYOUT, Preprocessing.SYMMETRIC, NetworkBuilder.INPUT,
                NetworkBuilder.PROBS, describeData(train), Instant.now().toString(), parameterCount(inf),
                o.averaging(epoch) ? Map.of("epoch", (double) epoch, "averaged_epochs", (double) o.averagedEpochs(epoch))
                        : Map.of("epoch", (double) epoch));
        return new SameDiffEmotionModel(inf, meta);
    }

    private String describeData(ImageSet train) {
        String split = o.validationData() != null ? "validated on " + o.validationData()
                : String.format(Locale.ROOT, "after a %.0f%% stratified validation split", o.validationShare() * 100);
        return String.format(Locale.ROOT, "%s (%d train images %s, seed %d%s), targets %s, "
                        + "augment=%s, class weights %s, lr %.0e, batch %d", o.data(), train.size(), split, o.seed(),
                o.limitPerClass() > 0 ? ", limit " + o.limitPerClass() + "/class" : "",
                (train.hasTargets() ? o.targets().name().toLowerCase(Locale.ROOT) : "majority")
                        + (o.teachers().isEmpty() ? "" : String.format(Locale.ROOT, " blended %.2f with teacher %s",
                        o.teacherWeight(), o.teachers().stream().map(p -> p.getFileName().toString()).toList())),
                o.augment(), o.classWeighting().name().toLowerCase(Locale.ROOT), o.learningRate(), o.batchSize());
    }

    /** @return {mean cross-entropy, accuracy} */
    static double[] validate(SameDiffEmotionModel model, ImageSet val) {
        int correct = 0;
        double loss = 0;
        float[][] p = val.answers(model, 256);
        for (int i = 0; i < val.size(); i++) {
            if (org.vigil.classify.EmotionModel.argmax(p[i]) == val.labels()[i]) correct++;
            loss -= Math.log(Math.max(p[i][val.labels()[i]], 1e-7));
        }
        return new double[] {loss / val.size(), correct / (double) val.size()};
    }

    private DataSet batch(ImageSet set, int[] order, int from, int n, Augmenter aug, SplittableRandom rnd, float[] classWeights,
                          boolean soft) {
        return new BatchMaker(set, aug, classWeights, soft).make(order, from, n, rnd).toDataSet();
    }

    float[] classWeights(int[] counts) {
        float[] w = new float[counts.length];
        double total = 0;
        for (int c : counts) total += c;
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            double balanced = total / (counts.length * (double) Math.max(counts[i], 1));
            w[i] = (float) switch (o.classWeighting()) {
                case NONE -> 1.0;
                case SQRT -> Math.sqrt(balanced);
                case BALANCED -> balanced;
            };
            sum += w[i] * counts[i];
        }
        // Normalise so the average weight per image is 1 and the loss keeps its scale.
        for (int i = 0; i < w.length; i++) w[i] = (float) (w[i] * total / sum);
        return w;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static long parameterCount(SameDiff sd) {
        return NetworkBuilder.parameters(sd).stream().mapToLong(v -> v.getArr().length()).sum();
    }
}
