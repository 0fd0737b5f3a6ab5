package dev.dfd.bench;

import dev.dfd.augment.AugmentPipeline;
import dev.dfd.augment.BorderMode;
import dev.dfd.augment.FloatImage;
import dev.dfd.augment.Presets;
import dev.dfd.augment.Targets;
import dev.dfd.augment.Transform;
import dev.dfd.augment.transforms.CoarseDropout;
import dev.dfd.augment.transforms.Cutout;
import dev.dfd.augment.transforms.Downscale;
import dev.dfd.augment.transforms.FancyPca;
import dev.dfd.augment.transforms.GaussNoise;
import dev.dfd.augment.transforms.GaussianBlur;
import dev.dfd.augment.transforms.HorizontalFlip;
import dev.dfd.augment.transforms.HueSaturationValue;
import dev.dfd.augment.transforms.ImageCompression;
import dev.dfd.augment.transforms.RandomBrightnessContrast;
import dev.dfd.augment.transforms.ShiftScaleRotate;
import dev.dfd.augment.transforms.ToGray;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of the augmentations, to compare with Albumentations 1.3.1 on the same machine kind
 * (figures in {@code docs/bench-notes/augment.md}).
 *
 * <ul>
 *   <li>{@link #transform}: one transform with p = 1 called on one image ({@code name} x {@code
 *       size}), including the probability draw, parameter sampling and the record, as
 *       Albumentations' figures include its per-call overhead.
 *   <li>{@link #normalize}: ImageNet normalisation to channels-first float32.
 *   <li>{@link #reference2020Paired} and {@link #reference2020Single}: the whole 2020 pipeline with
 *       Normalize, on an image and its mirror (2 images a call, as in training) or one image;
 *       {@code ...TwoThreads} the same with two threads, each with its own generator.
 *   <li>{@link #dfdcWinner}: the winner's pipeline on a 300 x 260 crop to 380 x 380 with Normalize
 *       (one and two threads).
 *   <li>{@link #baselineCopy}: copying the image, the floor any transform pays.
 * </ul>
 *
 * <p>Inputs are the Albumentations reference crops ({@code reference/albumentations/inputs/} of the
 * shared folder, found through {@code -Ddfd.shared.dir}, {@code DFD_MODEL_DIR} or a {@code shared}
 * folder beside the working directory or its parents), or, when absent, a synthetic textured image
 * of the same size. Results are operations (calls) per second; a paired call is two images.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AugmentBenchmark {

    /** One generator per benchmark thread, seeded per thread. */
    @State(Scope.Thread)
    public static class Rng {
        SplittableRandom random;

        /** Seeds the thread's generator. */
        @Setup(Level.Trial)
        public void setUp() {
            random = new SplittableRandom(Thread.currentThread().getId() * 7919L + 2020L);
        }
    }

    /** The image of one size and the transform under test. */
    @State(Scope.Benchmark)
    public static class Single {
        /** Width and height of the square input. */
        @Param({"224", "380"})
        public int size;

        /** The transform, named as in the Albumentations table. */
        @Param({
            "ShiftScaleRotate",
            "HorizontalFlip",
            "Cutout",
            "RandomContrast",
            "RandomBrightness",
            "JpegCompression",
            "Downscale",
            "GaussNoise",
            "ImageCompression",
            "GaussianBlur",
            "RandomBrightnessContrast",
            "FancyPCA",
            "HueSaturationValue",
            "ToGray",
            "CoarseDropout",
            "ShiftScaleRotateWinner"
        })
        public String name;

        Targets targets;
        Transform transform;

        /** Loads the input and builds the transform with p = 1. */
        @Setup(Level.Trial)
        public void setUp() {
            targets = Targets.of(face(size, size));
            transform = byName(name);
        }
    }

    /** The square input of the 2020 pipeline, with its mirror for paired calls. */
    @State(Scope.Benchmark)
    public static class Pair {
        /** Width and height of the square input. */
        @Param({"224", "380"})
        public int size;

        Targets single;
        Targets paired;
        AugmentPipeline pipeline;

        /** Loads the input and the preset. */
        @Setup(Level.Trial)
        public void setUp() {
            RgbImage img = face(size, size);
            single = Targets.of(img);
            paired = Targets.paired(img, HorizontalFlip.flip(img));
            pipeline = Presets.reference2020();
        }
    }

    /** The 300 x 260 crop of the winner's pipeline. */
    @State(Scope.Benchmark)
    public static class Winner {
        Targets crop;
        AugmentPipeline pipeline;

        /** Loads the input and the preset. */
        @Setup(Level.Trial)
        public void setUp() {
            crop = Targets.of(face(260, 300));
            pipeline = Presets.dfdcWinner(380);
        }
    }

    /**
     * One transform, forced, on one image.
     *
     * @param s the input and transform
     * @param rng the thread's generator
     * @return the output, so that it is not optimised away
     */
    @Benchmark
    public Object transform(Single s, Rng rng) {
        return s.transform.apply(s.targets, rng.random, true).targets();
    }

    /**
     * ImageNet normalisation of one image.
     *
     * @param s the input
     * @return the tensor
     */
    @Benchmark
    public FloatImage normalize(Pair s) {
        return s.pipeline.normalize().apply(s.single.image());
    }

    /**
     * Copies the image: the floor of every transform.
     *
     * @param s the input
     * @return the copy
     */
    @Benchmark
    public byte[] baselineCopy(Pair s) {
        return s.single.image().toByteArray();
    }

    /**
     * The 2020 pipeline on an image and its mirror, normalised (2 images a call).
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    public List<FloatImage> reference2020Paired(Pair s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.paired, rng.random);
    }

    /**
     * {@link #reference2020Paired} on two threads.
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    @Threads(2)
    public List<FloatImage> reference2020PairedTwoThreads(Pair s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.paired, rng.random);
    }

    /**
     * The 2020 pipeline on one image, normalised.
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    public List<FloatImage> reference2020Single(Pair s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.single, rng.random);
    }

    /**
     * {@link #reference2020Single} on two threads.
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    @Threads(2)
    public List<FloatImage> reference2020SingleTwoThreads(Pair s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.single, rng.random);
    }

    /**
     * The winner's pipeline on a 300 x 260 crop, to 380 x 380, normalised.
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    public List<FloatImage> dfdcWinner(Winner s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.crop, rng.random);
    }

    /**
     * {@link #dfdcWinner} on two threads.
     *
     * @param s the input
     * @param rng the thread's generator
     * @return the tensors
     */
    @Benchmark
    @Threads(2)
    public List<FloatImage> dfdcWinnerTwoThreads(Winner s, Rng rng) {
        return augmentAndNormalize(s.pipeline, s.crop, rng.random);
    }

    private static List<FloatImage> augmentAndNormalize(
            AugmentPipeline p, Targets in, SplittableRandom random) {
        Targets out = p.augment(in, random).targets();
        List<FloatImage> tensors = new ArrayList<>(1 + out.paired().size());
        for (RgbImage img : out.images()) {
            tensors.add(p.toTensor(img));
        }
        return tensors;
    }

    static Transform byName(String name) {
        return switch (name) {
            case "ShiftScaleRotate" ->
                    ShiftScaleRotate.builder()
                            .scaleLimit(0.25)
                            .rotateLimit(25)
                            .border(BorderMode.REPLICATE)
                            .probability(1)
                            .build();
            case "ShiftScaleRotateWinner" ->
                    ShiftScaleRotate.builder()
                            .shiftLimit(0.1)
                            .scaleLimit(0.2)
                            .rotateLimit(10)
                            .border(BorderMode.CONSTANT)
                            .probability(1)
                            .build();
            case "HorizontalFlip" -> new HorizontalFlip(1);
            case "Cutout" -> Cutout.defaults(1);
            case "RandomContrast" -> RandomBrightnessContrast.randomContrast(0.2, 1);
            case "RandomBrightness" -> RandomBrightnessContrast.randomBrightness(0.3, 1);
            case "JpegCompression" -> ImageCompression.jpegCompression(15, 60, 1);
            case "Downscale" -> Downscale.nearest(0.25, 0.25, 1);
            case "GaussNoise" -> GaussNoise.defaults(1);
            case "ImageCompression" -> ImageCompression.of(60, 100, 1);
            case "GaussianBlur" -> new GaussianBlur(3, 3, 0, 0, 1);
            case "RandomBrightnessContrast" -> RandomBrightnessContrast.of(0.2, 0.2, true, 1);
            case "FancyPCA" -> new FancyPca(0.1, 1);
            case "HueSaturationValue" -> HueSaturationValue.defaults(1);
            case "ToGray" -> new ToGray(1);
            case "CoarseDropout" -> CoarseDropout.defaults(1);
            default -> throw new IllegalArgumentException("no transform named " + name);
        };
    }

    /** The reference face crop resized to w x h, or a synthetic textured image. */
    static RgbImage face(int w, int h) {
        Path file = sharedFace(w == h ? "face_" + w + ".png" : "face_" + h + "x" + w + ".png");
        if (file == null) {
            file = sharedFace("face_380.png");
        }
        if (file != null) {
            try (Mat bgr = opencv_imgcodecs.imread(file.toString());
                    Mat rgb = new Mat();
                    Mat sized = new Mat();
                    Size size = new Size(w, h)) {
                if (!bgr.empty()) {
                    opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
                    opencv_imgproc.resize(rgb, sized, size, 0, 0, opencv_imgproc.INTER_AREA);
                    return OpenCvImages.fromMat(sized);
                }
            }
        }
        System.err.println("AugmentBenchmark: reference face absent, synthetic " + w + "x" + h);
        byte[] px = new byte[3 * w * h];
        SplittableRandom r = new SplittableRandom(1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                px[i] = (byte) (128 + 100 * Math.sin(x / 9.0) + r.nextInt(8));
                px[i + 1] = (byte) (128 + 90 * Math.cos(y / 13.0) + r.nextInt(8));
                px[i + 2] = (byte) ((x + y) / 3 + r.nextInt(8));
            }
        }
        return RgbImage.wrap(w, h, px);
    }

    private static Path sharedFace(String name) {
        List<Path> roots = new ArrayList<>();
        String prop = System.getProperty("dfd.shared.dir");
        if (prop != null) {
            roots.add(Path.of(prop));
        }
        String models = System.getenv("DFD_MODEL_DIR");
        if (models != null && Path.of(models).toAbsolutePath().getParent() != null) {
            roots.add(Path.of(models).toAbsolutePath().getParent());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            roots.add(dir.resolveSibling("shared"));
        }
        for (Path root : roots) {
            Path p = root.resolve("reference/albumentations/inputs").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
