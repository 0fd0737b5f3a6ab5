package dev.dfd.train.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.NormalInitializer;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
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

/**
 * A task a tiny network learns in seconds, shared by the trainer tests and the process they kill: a
 * fake is its original with a bright square pasted into the middle.
 */
final class TinyTask {
    /** The crops' side in pixels. */
    static final int S = 24;

    private TinyTask() {}

    /**
     * A trainer of the tiny network without augmentation or extra checkpoint metadata, as the tests
     * and the killed process build it.
     */
    static Trainer trainer(
            TrainingConfig config, TinyNet net, NDManager manager, TrainingSet data, Path run) {
        return new Trainer(config, net, manager, data, PairAugmenter.NONE, run, Map.of());
    }

    /** Writes a crop store of {@code videos} real videos and one fake each, parts 0-3 / 40. */
    static CropStore store(Path dir, int videos) throws IOException {
        CropStore store = new CropStore(dir);
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

    static TrainingConfig config(double lr, int validateEvery, int patience, int epochs) {
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

    static TinyNet net(NDManager manager) {
        Engine.getInstance().setRandomSeed(3);
        TinyNet net = new TinyNet();
        net.setInitializer(new NormalInitializer(0.1f), ai.djl.nn.Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, S, S));
        return net;
    }

    /**
     * The network as a new process would have it before resuming: other initial weights than {@link
     * #net}'s, so that a resumed run can only match by restoring its checkpoint.
     */
    static TinyNet otherNet(NDManager manager) {
        Engine.getInstance().setRandomSeed(99);
        TinyNet net = new TinyNet();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, S, S));
        return net;
    }

    /** Writes {@link #store} and returns its training set, see {@link #open}. */
    static TrainingSet data(Path dir, int videos) throws IOException {
        store(dir, videos);
        return open(dir);
    }

    /** The training set of a store written by {@link #store}: parts 0-3 train, 40 validates. */
    static TrainingSet open(Path dir) throws IOException {
        CropStore store = new CropStore(dir);
        return TrainingSet.from(store, store.readAll(), p -> p >= 40, false);
    }
}
