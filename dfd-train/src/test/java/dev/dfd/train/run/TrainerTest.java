package dev.dfd.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import dev.dfd.core.checkpoint.Checkpoint;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StateDict;
import dev.dfd.core.checkpoint.StrictLoader;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.Label;
import dev.dfd.train.data.TrainingSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a task a tiny network can learn in seconds: a fake is its original with a bright
 * square pasted into the middle.
 */
class TrainerTest {
    private static final int S = 24;
    @TempDir Path tmp;

    /** Writes a crop store of {@code videos} real videos and one fake each, parts 0-3 / 40. */
    private CropStore store(int videos) throws IOException {
        CropStore store = new CropStore(tmp.resolve("crops"));
        Random random = new Random(7);
        Face face = new Face(new Box(0, 0, S, S), 1, List.of());
        for (int v = 0; v < videos; v++) {
            int part = v % 5 == 4 ? 40 : v % 4;
            String real = "r" + v;
            String fake = "f" + v;
            List<CropStore.CropRecord> realCrops = new ArrayList<>();
            List<CropStore.CropRecord> fakeCrops = new ArrayList<>();
            for (int frame = 0; frame < 4; frame++) {
                int r = random.nextInt(200);
                int g = random.nextInt(200);
                int b = random.nextInt(200);
                BufferedImage img = new BufferedImage(S, S, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < S; y++) {
                    for (int x = 0; x < S; x++) {
                        int n = random.nextInt(30);
                        img.setRGB(x, y, ((r + n) << 16) | ((g + n) << 8) | (b + n));
                    }
                }
                String realKey = "part" + part + "/" + real;
                String fakeKey = "part" + part + "/" + fake;
                Path rp = store.cropPath(realKey, frame, 0);
                Files.createDirectories(rp.getParent());
                ImageIO.write(img, "png", rp.toFile());
                for (int y = 8; y < 16; y++) {
                    for (int x = 8; x < 16; x++) {
                        img.setRGB(x, y, 0xF0F0F0);
                    }
                }
                Path fp = store.cropPath(fakeKey, frame, 0);
                Files.createDirectories(fp.getParent());
                ImageIO.write(img, "png", fp.toFile());
                realCrops.add(
                        new CropStore.CropRecord(
                                frame, 0, face, CropStore.relativeCrop(realKey, frame, 0), face));
                fakeCrops.add(
                        new CropStore.CropRecord(
                                frame, 0, face, CropStore.relativeCrop(fakeKey, frame, 0), face));
            }
            store.write(
                    new CropStore.VideoCrops(
                            "part" + part + "/" + real,
                            real + ".mp4",
                            Label.REAL,
                            part,
                            Optional.empty(),
                            realCrops,
                            Optional.empty()));
            store.write(
                    new CropStore.VideoCrops(
                            "part" + part + "/" + fake,
                            fake + ".mp4",
                            Label.FAKE,
                            part,
                            Optional.of(real + ".mp4"),
                            fakeCrops,
                            Optional.empty()));
        }
        return store;
    }

    private static TrainingConfig config(double lr, int validateEvery, int patience, int epochs) {
        return new TrainingConfig(
                "tiny",
                S,
                4,
                lr,
                0.8,
                1e-6,
                false,
                "constant",
                0,
                0,
                false,
                validateEvery,
                patience,
                epochs,
                11,
                0,
                0,
                2);
    }

    private static TinyNet net(NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        TinyNet net = new TinyNet();
        net.setInitializer(new NormalInitializer(0.1f), ai.djl.nn.Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, S, S));
        return net;
    }

    private TrainingSet data(int videos) throws IOException {
        CropStore store = store(videos);
        return TrainingSet.from(store, store.readAll(), p -> p >= 40, false);
    }

    @Test
    void learnsPairedDifferencesAndKeepsTheBestCheckpoint() throws IOException {
        TrainingSet data = data(20);
        assertThat(data.trainPairs()).hasSize(64);
        assertThat(data.validation()).hasSize(32);
        Path run = tmp.resolve("run");
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet model = net(manager);
            Trainer.Result r =
                    new Trainer(
                                    config(0.05, 16, 100, 8),
                                    model,
                                    manager,
                                    data,
                                    PairAugmenter.NONE,
                                    run,
                                    Map.of("data", "synthetic"))
                            .run(false, ProgressListener.NONE);

            // 64 pairs / 4 per batch = 16 batches per epoch, 8 epochs
            assertThat(r.steps()).isEqualTo(128);
            assertThat(r.bestValLogLoss()).isLessThan(0.35); // the prior's log loss is ln 2 = 0.693
            List<ValidationRecord> h = new TrainingHistory(run.resolve("history.jsonl")).read();
            assertThat(h).hasSize(8);
            assertThat(h.get(0).valLogLoss()).isGreaterThan(r.bestValLogLoss());
            assertThat(run.resolve("loss.png")).isNotEmptyFile();

            Checkpoint best = Checkpoints.readFull(run.resolve("best.pth"));
            assertThat(best.metadata())
                    .containsEntry("arch", "tiny")
                    .containsEntry("data", "synthetic");
            assertThat(((Number) best.metadata().get("step")).longValue()).isEqualTo(r.bestStep());
            try (NDManager other = NDManager.newBaseManager()) {
                TinyNet fresh = net(other);
                StrictLoader.load(fresh, best.stateDict());
            }
        }
    }

    @Test
    void stopsEarlyOnAPlateau() throws IOException {
        TrainingSet data = data(10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer.Result r =
                    new Trainer(
                                    config(0, 4, 3, 50),
                                    net(manager),
                                    manager,
                                    data,
                                    PairAugmenter.NONE,
                                    tmp.resolve("flat"),
                                    Map.of())
                            .run(false, ProgressListener.NONE);
            assertThat(r.stoppedEarly()).isTrue();
            // first validation is the best; three more without improvement
            assertThat(r.steps()).isEqualTo(16);
            assertThat(r.bestStep()).isEqualTo(4);
        }
    }

    @Test
    void aKilledRunResumesToTheSameResult() throws IOException {
        TrainingSet data = data(10);
        TrainingConfig cfg = config(0.05, 6, 100, 5);
        StateDict uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(
                            cfg,
                            net(manager),
                            manager,
                            data,
                            PairAugmenter.NONE,
                            tmp.resolve("a"),
                            Map.of())
                    .run(false, ProgressListener.NONE);
            uninterrupted = Checkpoints.read(tmp.resolve("a/last.pth"));
        }
        Path b = tmp.resolve("b");
        try (NDManager manager = NDManager.newBaseManager()) {
            ProgressListener crash =
                    (done, total, msg) -> {
                        if (done == 15) {
                            throw new IllegalStateException("simulated crash");
                        }
                    };
            Trainer t =
                    new Trainer(cfg, net(manager), manager, data, PairAugmenter.NONE, b, Map.of());
            assertThatThrownBy(() -> t.run(false, crash)).hasMessageContaining("simulated crash");
        }
        assertThat(
                        ((Number)
                                        Checkpoints.readFull(b.resolve("last.pth"))
                                                .metadata()
                                                .get("step"))
                                .longValue())
                .isEqualTo(12);
        try (NDManager manager = NDManager.newBaseManager()) {
            // a fresh process: new, differently initialised weights, restored from the checkpoint
            Engine.getInstance().setRandomSeed(99);
            TinyNet fresh = new TinyNet();
            fresh.initialize(manager, DataType.FLOAT32, new Shape(1, 3, S, S));
            new Trainer(cfg, fresh, manager, data, PairAugmenter.NONE, b, Map.of())
                    .run(true, ProgressListener.NONE);
        }
        StateDict resumed = Checkpoints.read(b.resolve("last.pth"));
        for (String k : uninterrupted.keys()) {
            assertThat(resumed.get(k).toFloatArray())
                    .as(k)
                    .containsExactly(uninterrupted.get(k).toFloatArray());
        }
        assertThat(new TrainingHistory(b.resolve("history.jsonl")).read())
                .extracting(ValidationRecord::valLogLoss)
                .containsExactlyElementsOf(
                        new TrainingHistory(tmp.resolve("a/history.jsonl"))
                                .read().stream().map(ValidationRecord::valLogLoss).toList());
    }

    @Test
    void refusesToOverwriteARun() throws IOException {
        TrainingSet data = data(10);
        Path run = tmp.resolve("once");
        try (NDManager manager = NDManager.newBaseManager()) {
            new Trainer(
                            config(0.01, 4, 100, 1),
                            net(manager),
                            manager,
                            data,
                            PairAugmenter.NONE,
                            run,
                            Map.of())
                    .run(false, ProgressListener.NONE);
            Trainer again =
                    new Trainer(
                            config(0.01, 4, 100, 1),
                            net(manager),
                            manager,
                            data,
                            PairAugmenter.NONE,
                            run,
                            Map.of());
            assertThatThrownBy(() -> again.run(false, ProgressListener.NONE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already holds a run");
        }
    }
}
