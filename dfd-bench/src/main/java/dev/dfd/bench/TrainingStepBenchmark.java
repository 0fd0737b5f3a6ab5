package dev.dfd.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.dfd.augment.AugmentPipeline;
import dev.dfd.augment.Presets;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.Network;
import dev.dfd.core.nets.Networks;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.core.system.NativeAllocator;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.DatasetReader;
import dev.dfd.train.data.Label;
import dev.dfd.train.data.TrainingSet;
import dev.dfd.train.extract.CropExtractor;
import dev.dfd.train.run.PairAugmenter;
import dev.dfd.train.run.Trainer;
import dev.dfd.train.run.TrainingConfig;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Milliseconds per training step of tf_efficientnet_b0 with the DFDC head at 224 pixels, batch 16
 * (8 fakes and their 8 originals), through dfd-train's {@link Trainer} exactly as {@code dfd train}
 * runs it: crops read from a {@link CropStore} (PNG), augmented in pairs, normalised and batched
 * ahead by the trainer's 2 loader threads, then forward, binary cross-entropy, backward and an SGD
 * update on the engine's default device. The configuration is {@link TrainingConfig#reference2020}
 * (SGD with learning rate 0.001, momentum 0.8, weight decay 1e-6) except that a run is one epoch of
 * {@value #STEPS} batches.
 *
 * <p>Each single-shot iteration is one such run into a fresh run folder, so the score, divided by
 * {@value #STEPS}, includes what every run does once: start the loader (the first step waits for
 * the first batch), and at the end validate 2 crops and write {@code best.pth}, {@code last.pth},
 * the optimiser state and {@code loss.png} (about 64 MB for B0). After each run the log gets, from
 * a progress listener, the steady step time (first step's end to last step's end), the first step
 * and the end of the run, and the share of step time spent waiting for data as the trainer itself
 * measures it ({@link Trainer.Result#dataWaitShare()}: time blocked on the next loaded batch over
 * that time plus the step; the first step's wait is in it, so over a long run the share is lower).
 *
 * <p>{@code augment} is the augmentation: {@code reference-2020} ({@code dfd train}'s default,
 * applied to both crops of a pair with the same parameters) or {@code none}, the baseline that
 * shows what augmenting costs the loader threads, which share the CPU with the network.
 *
 * <p>The crop store is made once per trial by {@link CropExtractor} at 224 pixels from copies of
 * the shared video (one real and one fake in a training folder, the same in a validation folder):
 * the "fakes" have the same pixels as their originals, which does not matter for speed. Its
 * training pairs are repeated to fill {@value #STEPS} batches.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    /** The network. */
    static final String ARCH = "tf_efficientnet_b0";

    /** Crop and input size in pixels. */
    static final int SIZE = 224;

    /** Training steps per run (per invocation). */
    static final int STEPS = 12;

    /** The augmentation preset, or {@code none}. */
    @Param({"reference-2020", "none"})
    public String augment;

    private TempFolder cropFolder;
    private TrainingSet data;
    private TrainingConfig config;
    private PairAugmenter augmenter;
    private NDManager manager;
    private Network network;

    private TempFolder runFolder;
    private NDManager runManager;
    private final long[] stepEndNanos = new long[STEPS];
    private long runStartNanos;
    private long runEndNanos;
    private Trainer.Result result;
    private boolean measuring;
    private final List<double[]> measured = new ArrayList<>();

    /**
     * Extracts the crops, builds the training set and the network.
     *
     * @throws IOException if the crops cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // as the dfd program runs (ClassifierForwardBenchmark measures the difference)
        NativeAllocator.retainFreedMemory();
        Engine engine = Engine.getInstance();
        TrainingConfig r = TrainingConfig.reference2020(ARCH, SIZE);
        config =
                new TrainingConfig(
                        r.arch(),
                        r.inputSize(),
                        r.pairsPerBatch(),
                        r.learningRate(),
                        r.momentum(),
                        r.weightDecay(),
                        r.nesterov(),
                        r.schedule(),
                        r.warmupSteps(),
                        r.labelSmoothing(),
                        r.classBalanced(),
                        r.validateEvery(),
                        r.patience(),
                        1,
                        r.seed(),
                        r.freezeEncoderSteps(),
                        r.pseudoFakeShare(),
                        r.loaderThreads());
        data = trainingSet(SharedFolder.find());
        augmenter = augmenter(augment);
        manager = NDManager.newBaseManager(engine.defaultDevice());
        engine.setRandomSeed((int) config.seed());
        network = Networks.build(ARCH, Head.DFDC);
        Networks.initialize(network, manager);
        System.err.printf(
                Locale.ROOT,
                "TrainingStepBenchmark: %s on %s, %d training pairs, %d validation crops%n",
                ARCH,
                manager.getDevice(),
                data.trainPairs().size(),
                data.validation().size());
    }

    /** Crops of copies of the shared video, the training pairs repeated to fill the run. */
    private TrainingSet trainingSet(SharedFolder shared) throws IOException {
        cropFolder = TempFolder.create("dfd-bench-train-crops-");
        TrainingSet all;
        try (TempFolder videos = TempFolder.create("dfd-bench-train-videos-")) {
            CopiedDataset.writePart(videos.path(), 0, shared.video(), 1);
            CopiedDataset.writePart(videos.path(), 45, shared.video(), 1);
            CropStore store = new CropStore(cropFolder.path());
            CropExtractor.Summary s =
                    new CropExtractor(
                                    FrameSources::open,
                                    shared.mtcnnPerThread(DetectorBenchmark.DETECT_MAX_SIDE),
                                    new PolicyCropper(DetectorBenchmark.cropPolicy(SIZE)),
                                    FrameSampling.evenlySpaced(DetectorBenchmark.FRAMES),
                                    2)
                            .run(
                                    DatasetReader.read(videos.path()).dataset(),
                                    store,
                                    ProgressListener.NONE);
            if (!s.failed().isEmpty()) {
                throw new IllegalStateException("crop extraction failed: " + s.failed());
            }
            all = TrainingSet.from(store, store.readAll(), part -> part >= 40, false);
        }
        if (all.trainPairs().isEmpty()) {
            throw new IllegalStateException("no training pair: MTCNN found no face");
        }
        List<TrainingSet.CropPair> pairs = new ArrayList<>();
        for (int i = 0; pairs.size() < STEPS * config.pairsPerBatch(); i++) {
            pairs.add(all.trainPairs().get(i % all.trainPairs().size()));
        }
        // One crop of each label keeps the end-of-run validation small but well defined.
        List<TrainingSet.LabeledCrop> validation = new ArrayList<>();
        for (Label label : Label.values()) {
            all.validation().stream()
                    .filter(c -> c.label() == label)
                    .findFirst()
                    .ifPresent(validation::add);
        }
        return new TrainingSet(pairs, validation);
    }

    /** The pair augmenter {@code dfd train --augment} builds. */
    static PairAugmenter augmenter(String preset) {
        if (preset.equals("none")) {
            return PairAugmenter.NONE;
        }
        AugmentPipeline pipeline = Presets.byName(preset);
        return (fake, real, random) -> {
            List<RgbImage> images =
                    pipeline.augment(Targets.paired(fake, real), random).targets().images();
            return new RgbImage[] {images.get(0), images.get(1)};
        };
    }

    /**
     * Notes whether the iteration is measured.
     *
     * @param params tells warm-up from measurement
     */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
    }

    /**
     * Gives the next run an empty folder and its own manager for the optimiser state.
     *
     * @throws IOException if the folder cannot be created
     */
    @Setup(Level.Invocation)
    public void startRun() throws IOException {
        runFolder = TempFolder.create("dfd-bench-train-run-");
        runManager = manager.newSubManager();
    }

    /**
     * One run of {@value #STEPS} training steps.
     *
     * @return how the run ended
     * @throws IOException if crops cannot be read or checkpoints written
     */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Trainer.Result trainSteps() throws IOException {
        ProgressListener clock =
                (done, total, message) -> {
                    if (done >= 1 && done <= STEPS) {
                        stepEndNanos[(int) done - 1] = System.nanoTime();
                    }
                };
        runStartNanos = System.nanoTime();
        result =
                new Trainer(
                                config,
                                network,
                                runManager,
                                data,
                                augmenter,
                                runFolder.path(),
                                Map.of())
                        .run(false, clock);
        runEndNanos = System.nanoTime();
        return result;
    }

    /**
     * Logs the run's step times and data wait, frees its optimiser state and deletes its folder.
     *
     * @throws IOException if the run folder cannot be deleted
     */
    @TearDown(Level.Invocation)
    public void endRun() throws IOException {
        runManager.close();
        runFolder.close();
        if (result.steps() != STEPS) {
            throw new IllegalStateException("expected " + STEPS + " steps, ran " + result);
        }
        double steadyMillis = (stepEndNanos[STEPS - 1] - stepEndNanos[0]) / 1e6 / (STEPS - 1);
        double firstMillis = (stepEndNanos[0] - runStartNanos) / 1e6;
        double endMillis = (runEndNanos - stepEndNanos[STEPS - 1]) / 1e6;
        double waitPercent = 100 * result.dataWaitShare();
        System.err.printf(
                Locale.ROOT,
                "TrainingStepBenchmark %s %s: %d steps of %d crops; steady %.0f ms/step (%.3f"
                        + " steps/s); first step %.0f ms; validation and checkpoints at the end"
                        + " %.0f ms; data wait %.1f%% of step time%n",
                augment,
                measuring ? "measurement" : "warm-up",
                STEPS,
                2 * config.pairsPerBatch(),
                steadyMillis,
                1000 / steadyMillis,
                firstMillis,
                endMillis,
                waitPercent);
        if (measuring) {
            measured.add(new double[] {steadyMillis, waitPercent});
        }
    }

    /** Logs the means of the measured runs and frees the network and the crops. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (!measured.isEmpty()) {
            double steady = measured.stream().mapToDouble(m -> m[0]).average().orElseThrow();
            double wait = measured.stream().mapToDouble(m -> m[1]).average().orElseThrow();
            System.err.printf(
                    Locale.ROOT,
                    "TrainingStepBenchmark %s mean of %d measured runs: steady %.0f ms/step (%.3f"
                            + " steps/s); data wait %.1f%% of step time%n",
                    augment,
                    measured.size(),
                    steady,
                    1000 / steady,
                    wait);
        }
        manager.close();
        cropFolder.close();
    }
}
