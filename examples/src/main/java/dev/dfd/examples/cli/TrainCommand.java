package dev.dfd.examples.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.dfd.augment.AugmentPipeline;
import dev.dfd.augment.Augmented;
import dev.dfd.augment.Presets;
import dev.dfd.augment.Targets;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StateDict;
import dev.dfd.core.checkpoint.StrictLoader;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.nets.DeepFakeClassifier;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.Network;
import dev.dfd.core.nets.Networks;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.Splits;
import dev.dfd.train.data.TrainingSet;
import dev.dfd.train.run.PairAugmenter;
import dev.dfd.train.run.Trainer;
import dev.dfd.train.run.TrainingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dfd train}: trains a detector on the crops {@code dfd extract} wrote. */
@Command(
        name = "train",
        description = {
            "Trains a one-logit detector (the DFDC winner's head on a timm network) on fake/real"
                    + " crop pairs, validating every N batches with early stopping.",
            "Writes RUN/history.jsonl, RUN/best.pth, RUN/last.pth and RUN/loss.png; --resume"
                    + " continues a killed run exactly."
        },
        mixinStandardHelpOptions = true)
final class TrainCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--crops", required = true, description = "Folder written by dfd extract.")
    Path crops;

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Option(
            names = "--arch",
            defaultValue = "tf_efficientnet_b0",
            description = "Network (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(
            names = "--input-size",
            defaultValue = "224",
            description = "Crop size fed to the network (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(
            names = "--batch-size",
            defaultValue = "16",
            description =
                    "Crops per batch, half fake and half their originals (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--val-parts",
            defaultValue = "40-49",
            description = "DFDC folders that validate (default: ${DEFAULT-VALUE}).")
    String valParts;

    @Option(
            names = "--validate-every",
            defaultValue = "1000",
            description = "Batches between validations (default: ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(
            names = "--patience",
            defaultValue = "10",
            description =
                    "Validations without improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(
            names = "--max-epochs",
            defaultValue = "10",
            description = "At most this many epochs (default: ${DEFAULT-VALUE}).")
    int maxEpochs;

    @Option(
            names = "--lr",
            defaultValue = "0.001",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--momentum",
            defaultValue = "0.8",
            description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(
            names = "--weight-decay",
            defaultValue = "1e-6",
            description = "Weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--nesterov", description = "Nesterov momentum.")
    boolean nesterov;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description = "constant, step, cosine or poly (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--label-smoothing",
            defaultValue = "0",
            description = "Label smoothing (default: ${DEFAULT-VALUE}).")
    double labelSmoothing;

    @Option(names = "--balanced", description = "Average the fake and real halves of the loss.")
    boolean balanced;

    @Option(
            names = "--freeze-encoder-steps",
            defaultValue = "0",
            description =
                    "Train only the head for this many first steps (default: ${DEFAULT-VALUE}).")
    int freezeSteps;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(
            names = "--init",
            description =
                    "Start from this checkpoint (.pth or .safetensors; a timm encoder or a full DFDC model), loaded strictly.")
    Path init;

    @Option(
            names = "--pseudo-fakes",
            description = "Also pair every real crop with a self-blended fake of itself.")
    boolean pseudoFakes;

    @Option(
            names = "--pseudo-fake-share",
            defaultValue = "0",
            description =
                    "Share of DFDC pairs whose fake is replaced by a self-blended one (default: ${DEFAULT-VALUE}).")
    double pseudoShare;

    @Option(
            names = "--augment",
            defaultValue = "reference-2020",
            description = "Augmentation preset, or none (default: ${DEFAULT-VALUE}).")
    String augment;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Data-loading threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 2 || batchSize % 2 != 0) {
            throw new IllegalArgumentException(
                    "--batch-size must be an even number >= 2, got " + batchSize);
        }
        TrainingConfig config =
                new TrainingConfig(
                        arch,
                        inputSize,
                        batchSize / 2,
                        lr,
                        momentum,
                        weightDecay,
                        nesterov,
                        schedule.toLowerCase(Locale.ROOT),
                        warmup,
                        labelSmoothing,
                        balanced,
                        validateEvery,
                        patience,
                        maxEpochs,
                        seed,
                        freezeSteps,
                        pseudoShare,
                        threads);
        PairAugmenter augmenter = augmenter(augment);
        CropStore store = new CropStore(crops);
        List<CropStore.VideoCrops> videos = store.readAll();
        TrainingSet data =
                TrainingSet.from(store, videos, Splits.parse(valParts).isValidation(), pseudoFakes);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%d videos, %d training pairs, %d validation crops%n",
                        videos.size(),
                        data.trainPairs().size(),
                        data.validation().size());

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("crops", crops.toAbsolutePath().toString());
        meta.put("train_pairs", data.trainPairs().size());
        meta.put("validation_crops", data.validation().size());
        meta.put("augment", augment);
        meta.put("pseudo_fakes", pseudoFakes);
        meta.put("init", init == null ? null : init.toString());
        meta.put("dfd_version", "0.1.0");
        meta.put("djl_version", Engine.getDjlVersion());
        meta.put(
                "engine",
                Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        meta.put("java_version", System.getProperty("java.version"));

        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) seed);
            Network network = Networks.build(arch, Head.DFDC);
            Networks.initialize(network, manager);
            if (init != null) {
                loadInit((DeepFakeClassifier) network, init);
            }
            Trainer.Result r =
                    new Trainer(config, network, manager, data, augmenter, out, meta)
                            .run(
                                    resume,
                                    ProgressBar.onStderr(spec.commandLine().getErr(), "train"));
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%d steps%s; best validation log loss %.4f at step %d; data wait %.0f%% of"
                                    + " step time%n",
                            r.steps(),
                            r.stoppedEarly() ? " (stopped early)" : "",
                            r.bestValLogLoss(),
                            r.bestStep(),
                            100 * r.dataWaitShare());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Score videos with: dfd detect --model %s:%s VIDEO%n",
                            arch, out.resolve("best.pth"));
        }
        return 0;
    }

    private static void loadInit(DeepFakeClassifier network, Path file) throws java.io.IOException {
        StateDict sd = Checkpoints.read(file);
        boolean full = sd.keys().stream().anyMatch(k -> k.startsWith("encoder."));
        if (full) {
            StrictLoader.load(network, sd);
        } else {
            StrictLoader.load(network.encoder(), sd);
        }
    }

    static PairAugmenter augmenter(String preset) {
        if (preset.equalsIgnoreCase("none")) {
            return PairAugmenter.NONE;
        }
        AugmentPipeline pipeline = Presets.byName(preset);
        return (fake, real, random) -> {
            Augmented a = pipeline.augment(Targets.paired(fake, real), random);
            List<RgbImage> images = a.targets().images();
            return new RgbImage[] {images.get(0), images.get(1)};
        };
    }
}
