package dev.dfd.train.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.dfd.core.checkpoint.BlockParameters;
import dev.dfd.core.checkpoint.Checkpoint;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StateDict;
import dev.dfd.core.checkpoint.StrictLoader;
import dev.dfd.core.checkpoint.TensorData;
import dev.dfd.core.checkpoint.TorchCheckpointWriter;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.eval.ClipBounds;
import dev.dfd.eval.EvaluationReport;
import dev.dfd.eval.LabeledScores;
import dev.dfd.train.data.Label;
import dev.dfd.train.data.PairBatches;
import dev.dfd.train.data.TrainingSet;
import dev.dfd.train.loss.BinaryCrossEntropy;
import dev.dfd.train.optim.LearningRateSchedule;
import dev.dfd.train.optim.Sgd;
import dev.dfd.train.pseudo.SelfBlendedImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a one-logit network on fake/real crop pairs, validating every {@code validateEvery}
 * batches, stopping early on a plateau of the validation log loss, and restoring the best weights
 * at the end.
 *
 * <p>A run lives in a folder: {@code history.jsonl} (one line per validation), {@code best.pth}
 * (the best weights in the layout {@code dfd detect} loads, with the run's metadata), {@code
 * last.pth} and {@code optim-<step>.pth} (the newest weights and optimiser state). Every file is
 * written under a temporary name and renamed, and {@code last.pth} is written after the optimiser
 * state it names, so a run killed at any moment resumes ({@code resume = true}) from its last
 * validation with the same weights, optimiser state, data position and random state, and reaches
 * the same result as an uninterrupted run of the same seed: every random choice is a pure function
 * of the seed and the position in the data.
 *
 * <p>Owns nothing it was given: the caller closes the manager that holds the network. Not
 * thread-safe; it uses its own loader threads.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    private static final int VALIDATION_BATCH = 32;
    private static final String HEAD_PREFIX = "fc.";

    private final TrainingConfig config;
    private final Block model;
    private final NDManager manager;
    private final TrainingSet data;
    private final PairAugmenter augmenter;
    private final Path runDir;
    private final Map<String, Object> extraMetadata;

    /**
     * Prepares a run.
     *
     * @param config how to train
     * @param model an initialised network mapping N×3×S×S to N×1 logits; its parameters are trained
     *     in place
     * @param manager the manager that owns the model's parameters (optimiser state goes there)
     * @param data the training pairs and validation crops
     * @param augmenter the paired augmentation
     * @param runDir the run folder
     * @param extraMetadata plain values stored with every checkpoint (data identity, versions)
     */
    public Trainer(
            TrainingConfig config,
            Block model,
            NDManager manager,
            TrainingSet data,
            PairAugmenter augmenter,
            Path runDir,
            Map<String, Object> extraMetadata) {
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.data = Objects.requireNonNull(data, "data");
        this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
        this.runDir = Objects.requireNonNull(runDir, "runDir");
        this.extraMetadata = new LinkedHashMap<>(extraMetadata);
        if (data.trainPairs().size() < config.pairsPerBatch()) {
            throw new IllegalArgumentException(
                    "only "
                            + data.trainPairs().size()
                            + " training pairs, fewer than one batch of "
                            + config.pairsPerBatch());
        }
        if (data.validation().isEmpty()) {
            throw new IllegalArgumentException("no validation crops");
        }
    }

    /**
     * How a run ended.
     *
     * @param steps training steps done in all
     * @param bestStep the step of the best validation
     * @param bestValLogLoss its validation log loss
     * @param stoppedEarly whether early stopping ended the run
     * @param dataWaitShare the share of step time spent waiting for data, in [0, 1]
     */
    public record Result(
            long steps,
            long bestStep,
            double bestValLogLoss,
            boolean stoppedEarly,
            double dataWaitShare) {}

    /** Where a run stands; what {@code last.pth} records besides the weights. */
    private static final class Position {
        int epoch;
        int index;
        long step;
        double trainLossSum;
        int trainLossCount;
    }

    /**
     * Trains.
     *
     * @param resume continue the run in the folder from its {@code last.pth}; when false the folder
     *     must not hold a run yet
     * @param progress receives one report per step
     * @return how the run ended
     * @throws IOException if data or checkpoints cannot be read or written
     */
    public Result run(boolean resume, ProgressListener progress) throws IOException {
        Files.createDirectories(runDir);
        Path last = runDir.resolve("last.pth");
        if (!resume && Files.exists(last)) {
            throw new IOException(
                    runDir + " already holds a run; resume it or choose another folder");
        }
        Map<String, Parameter> params = BlockParameters.named(model);
        for (Parameter p : params.values()) {
            if (p.requiresGradient()) {
                p.getArray().setRequiresGradient(true);
            }
        }
        Sgd sgd = new Sgd(manager, config.momentum(), config.weightDecay(), config.nesterov());
        PairBatches<TrainingSet.CropPair> batches =
                new PairBatches<>(data.trainPairs(), config.pairsPerBatch(), config.seed());
        int perEpoch = batches.batchesPerEpoch();
        LearningRateSchedule schedule = config.schedule(perEpoch);
        EarlyStopping early = new EarlyStopping(config.patience(), 0);
        TrainingHistory history = new TrainingHistory(runDir.resolve("history.jsonl"));
        Position pos = new Position();
        if (resume) {
            if (!Files.exists(last)) {
                throw new IOException(last + " not found: nothing to resume");
            }
            restore(last, sgd, early, pos);
            history.truncateAfter(pos.step);
            LOG.info(
                    "Resuming {} at step {} (epoch {}, batch {})",
                    runDir,
                    pos.step,
                    pos.epoch,
                    pos.index);
        }
        BinaryCrossEntropy loss =
                new BinaryCrossEntropy(config.labelSmoothing(), config.classBalanced());
        long started = System.nanoTime();
        long waitNanos = 0;
        long stepNanos = 0;
        boolean stopped = false;
        long total = (long) perEpoch * config.maxEpochs();
        ExecutorService pool =
                Executors.newFixedThreadPool(config.loaderThreads(), daemonThreads());
        ArrayDeque<Future<float[]>> ahead = new ArrayDeque<>();
        ArrayDeque<long[]> aheadAt = new ArrayDeque<>();
        try {
            long next = pos.step;
            while (pos.epoch < config.maxEpochs() && !stopped) {
                while (ahead.size() < 2L * config.loaderThreads() && next < total) {
                    int e = (int) (next / perEpoch);
                    int i = (int) (next % perEpoch);
                    ahead.add(pool.submit(() -> loadBatch(batches.batch(e, i), e, i)));
                    aheadAt.add(new long[] {e, i});
                    next++;
                }
                long t0 = System.nanoTime();
                float[] input = await(ahead.poll());
                aheadAt.poll();
                long t1 = System.nanoTime();
                double lr = schedule.at(pos.step);
                double batchLoss = trainStep(input, params, sgd, loss, lr, pos.step);
                if (!Double.isFinite(batchLoss)) {
                    throw diverged("training loss " + batchLoss, pos.step);
                }
                long t2 = System.nanoTime();
                waitNanos += t1 - t0;
                stepNanos += t2 - t0;
                pos.trainLossSum += batchLoss;
                pos.trainLossCount++;
                pos.step++;
                pos.index++;
                if (pos.index == perEpoch) {
                    pos.index = 0;
                    pos.epoch++;
                }
                progress.progress(
                        pos.step,
                        total,
                        String.format(java.util.Locale.ROOT, "loss %.4f", batchLoss));
                boolean endOfRun = pos.epoch >= config.maxEpochs();
                if (pos.step % config.validateEvery() == 0 || endOfRun) {
                    stopped =
                            validateAndCheckpoint(
                                    pos,
                                    lr,
                                    sgd,
                                    early,
                                    history,
                                    (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            ahead.forEach(f -> f.cancel(true));
            pool.shutdownNow();
        }
        Path best = runDir.resolve("best.pth");
        if (Files.exists(best)) {
            StrictLoader.load(model, Checkpoints.read(best));
        }
        return new Result(
                pos.step,
                early.bestStep(),
                early.best(),
                stopped,
                stepNanos == 0 ? 0 : waitNanos / (double) stepNanos);
    }

    private double trainStep(
            float[] input,
            Map<String, Parameter> params,
            Sgd sgd,
            BinaryCrossEntropy loss,
            double lr,
            long step) {
        int n = 2 * config.pairsPerBatch();
        int s = config.inputSize();
        float[] labels = new float[n];
        for (int i = 0; i < n; i += 2) {
            labels[i] = 1;
        }
        double value;
        Engine.getInstance().setRandomSeed((int) mix(config.seed(), -1, step, 0));
        try (NDManager batch = manager.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray x = batch.create(input, new Shape(n, 3, s, s));
            NDArray y = batch.create(labels);
            NDArray logits =
                    model.forward(new ParameterStore(batch, false), new NDList(x), true)
                            .singletonOrThrow();
            NDArray l = loss.loss(logits, y);
            gc.backward(l);
            value = l.getFloat();
        }
        if (step < config.freezeEncoderSteps()) {
            Map<String, Parameter> head = new LinkedHashMap<>();
            params.forEach(
                    (k, v) -> {
                        if (k.startsWith(HEAD_PREFIX)) {
                            head.put(k, v);
                        }
                    });
            sgd.step(head, lr);
            sgd.zeroGradients(params);
        } else {
            sgd.step(params, lr);
        }
        return value;
    }

    /** Loads, self-blends where asked, augments and normalises one batch: fake, real, fake, ... */
    private float[] loadBatch(List<TrainingSet.CropPair> pairs, int epoch, int index) {
        int s = config.inputSize();
        float[] out = new float[2 * pairs.size() * 3 * s * s];
        try {
            for (int i = 0; i < pairs.size(); i++) {
                TrainingSet.CropPair p = pairs.get(i);
                SplittableRandom random = new SplittableRandom(mix(config.seed(), epoch, index, i));
                RgbImage real = CropImages.read(p.real());
                boolean blend =
                        p.fake().isEmpty() || random.nextDouble() < config.pseudoFakeShare();
                RgbImage fake =
                        blend
                                ? SelfBlendedImages.blend(real, p.realRecord().faceInCrop(), random)
                                        .image()
                                : CropImages.read(p.fake().get());
                RgbImage[] aug = augmenter.apply(fake, real, random);
                CropImages.normalise(CropImages.resizeTo(aug[0], s), out, (2 * i) * 3 * s * s);
                CropImages.normalise(CropImages.resizeTo(aug[1], s), out, (2 * i + 1) * 3 * s * s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private boolean validateAndCheckpoint(
            Position pos,
            double lr,
            Sgd sgd,
            EarlyStopping early,
            TrainingHistory history,
            double seconds)
            throws IOException {
        EvaluationReport report = validate();
        double trainLoss =
                pos.trainLossCount == 0 ? Double.NaN : pos.trainLossSum / pos.trainLossCount;
        pos.trainLossSum = 0;
        pos.trainLossCount = 0;
        ValidationRecord record =
                new ValidationRecord(
                        pos.step,
                        pos.epoch,
                        lr,
                        trainLoss,
                        report.logLoss(),
                        report.logLossClipped().get("0.1,0.9"),
                        report.logLossClipped().get("0.15,0.85"),
                        report.accuracy(),
                        report.auc().orElse(Double.NaN),
                        seconds);
        history.append(record);
        LOG.info(
                "step {}: train loss {} val log loss {} auc {}",
                pos.step,
                trainLoss,
                report.logLoss(),
                record.valAuc());
        boolean improved = early.record(pos.step, report.logLoss());
        Map<String, Object> meta = metadata(pos, early);
        StateDict weights = weights();
        if (improved) {
            TorchCheckpointWriter.write(runDir.resolve("best.pth"), "state_dict", weights, meta);
        }
        String optimName = "optim-" + pos.step + ".pth";
        TorchCheckpointWriter.write(
                runDir.resolve(optimName),
                "state_dict",
                stateOf(sgd.state()),
                Map.of("step", pos.step));
        meta.put("optimizer_file", optimName);
        TorchCheckpointWriter.write(runDir.resolve("last.pth"), "state_dict", weights, meta);
        try (Stream<Path> s = Files.list(runDir)) {
            for (Path old :
                    s.filter(p -> p.getFileName().toString().startsWith("optim-")).toList()) {
                if (!old.getFileName().toString().equals(optimName)) {
                    Files.deleteIfExists(old);
                }
            }
        }
        LossCurve.write(history.read(), runDir.resolve("loss.png"));
        return early.shouldStop();
    }

    /** The error of a run whose numbers stopped being finite: the usual cause and the way out. */
    private IllegalStateException diverged(String what, long step) {
        return new IllegalStateException(
                "training diverged"
                        + (step >= 0 ? " at step " + step : "")
                        + " ("
                        + what
                        + "): lower the learning rate (now "
                        + config.learningRate()
                        + ") or raise the input size; "
                        + runDir.resolve("last.pth")
                        + " holds the last good checkpoint, if any");
    }

    /** Scores every validation crop and aggregates per video by the mean. */
    private EvaluationReport validate() throws IOException {
        int s = config.inputSize();
        List<TrainingSet.LabeledCrop> crops = data.validation();
        double[] p = new double[crops.size()];
        for (int from = 0; from < crops.size(); from += VALIDATION_BATCH) {
            int to = Math.min(crops.size(), from + VALIDATION_BATCH);
            float[] input = new float[(to - from) * 3 * s * s];
            for (int i = from; i < to; i++) {
                TrainingSet.LabeledCrop c = crops.get(i);
                RgbImage img = CropImages.read(c.crop());
                if (c.selfBlended()) {
                    img =
                            SelfBlendedImages.blend(
                                            img,
                                            c.record().faceInCrop(),
                                            new SplittableRandom(mix(config.seed(), -2, i, 0)))
                                    .image();
                }
                CropImages.normalise(CropImages.resizeTo(img, s), input, (i - from) * 3 * s * s);
            }
            try (NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(input, new Shape(to - from, 3, s, s));
                NDArray logits =
                        model.forward(new ParameterStore(batch, false), new NDList(x), false)
                                .singletonOrThrow();
                float[] z = logits.toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = 0; i < z.length; i++) {
                    if (!Float.isFinite(z[i])) {
                        throw diverged("validation output " + z[i], -1);
                    }
                    p[from + i] = 1 / (1 + Math.exp(-z[i]));
                }
            }
        }
        Map<String, double[]> byVideo = new LinkedHashMap<>();
        Map<String, Label> labels = new LinkedHashMap<>();
        for (int i = 0; i < crops.size(); i++) {
            TrainingSet.LabeledCrop c = crops.get(i);
            double[] acc = byVideo.computeIfAbsent(c.videoKey(), k -> new double[2]);
            acc[0] += p[i];
            acc[1]++;
            labels.put(c.videoKey(), c.label());
        }
        int[] y = new int[byVideo.size()];
        double[] q = new double[byVideo.size()];
        int k = 0;
        for (Map.Entry<String, double[]> e : byVideo.entrySet()) {
            y[k] = labels.get(e.getKey()).value();
            q[k] = e.getValue()[0] / e.getValue()[1];
            k++;
        }
        Map<String, ClipBounds> clips = new LinkedHashMap<>();
        clips.put("0.1,0.9", new ClipBounds(0.1, 0.9));
        clips.put("0.15,0.85", new ClipBounds(0.15, 0.85));
        return EvaluationReport.compute(LabeledScores.of(y, q), 0.5, clips);
    }

    private Map<String, Object> metadata(Position pos, EarlyStopping early) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", pos.epoch);
        m.put("batch_in_epoch", pos.index);
        m.put("step", pos.step);
        m.put("best_val_log_loss", Double.isFinite(early.best()) ? early.best() : null);
        m.put("best_step", early.bestStep());
        m.put("validations_since_best", early.sinceBest());
        m.put("config", config.toMap());
        m.put("arch", config.arch());
        m.put("input_size", config.inputSize());
        m.putAll(extraMetadata);
        return m;
    }

    private void restore(Path last, Sgd sgd, EarlyStopping early, Position pos) throws IOException {
        Checkpoint c = Checkpoints.readFull(last);
        StrictLoader.load(model, c.stateDict());
        Map<String, Object> m = c.metadata();
        Object optimFile = m.get("optimizer_file");
        if (!(optimFile instanceof String name)) {
            throw new IOException(
                    last + ": no optimizer_file entry; not a DFD training checkpoint");
        }
        StateDict optim = Checkpoints.read(runDir.resolve(name));
        Map<String, NDArray> buffers = new LinkedHashMap<>();
        try (NDManager tmp = manager.newSubManager()) {
            for (String k : optim.keys()) {
                buffers.put(k, optim.get(k).toNDArray(tmp));
            }
            sgd.restore(buffers);
        }
        pos.epoch = number(m, "epoch", last).intValue();
        pos.index = number(m, "batch_in_epoch", last).intValue();
        pos.step = number(m, "step", last).longValue();
        Object best = m.get("best_val_log_loss");
        early.restore(
                best instanceof Number b ? b.doubleValue() : Double.POSITIVE_INFINITY,
                number(m, "best_step", last).longValue(),
                number(m, "validations_since_best", last).intValue());
    }

    private static Number number(Map<String, Object> m, String key, Path file) throws IOException {
        if (m.get(key) instanceof Number n) {
            return n;
        }
        throw new IOException(file + ": metadata entry '" + key + "' missing");
    }

    private StateDict weights() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : BlockParameters.named(model).entrySet()) {
            out.put(e.getKey(), tensor(e.getKey(), e.getValue().getArray()));
        }
        return StateDict.of(out);
    }

    private static StateDict stateOf(Map<String, NDArray> arrays) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        arrays.forEach((k, v) -> out.put(k, tensor(k, v)));
        return StateDict.of(out);
    }

    private static TensorData tensor(String name, NDArray a) {
        return new TensorData(
                name,
                a.getDataType(),
                a.getShape().getShape(),
                a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading a batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException("loading a batch failed: " + e.getCause(), e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "dfd-train-loader");
            t.setDaemon(true);
            return t;
        };
    }

    /** A seed for one position: independent streams for every (seed, epoch, batch, item). */
    static long mix(long seed, long epoch, long index, long item) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h = (h ^ (epoch + 0x632BE59BD9B4E019L)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (index + 0x85EBCA77C2B2AE63L)) * 0x94D049BB133111EBL;
        h = (h ^ (item + 0x27D4EB2F165667C5L)) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 31);
    }
}
