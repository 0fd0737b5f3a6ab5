package dev.dfd.bench;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.model.ModelStore;
import dev.dfd.core.system.NativeAllocator;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.video.FfmpegFrameSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * MTCNN face detection ({@link MtcnnDetector}, default options) on 16 frames of the shared video,
 * one {@code detect} call per frame ({@link #single}, the baseline) against one {@code detectAll}
 * call for all 16 ({@link #batched}); the score is milliseconds per frame.
 *
 * <p>The frames are those facenet-pytorch was timed on (indices 0, 7, 14, ..., 97, 104 of {@code
 * media/video.mp4}), resized with OpenCV's {@code INTER_AREA} to each size in setup. The shared
 * folder is found through {@code -Ddfd.shared.dir}, {@code DFD_MODEL_DIR} (its parent) or a {@code
 * shared} folder beside the working directory or one of its parents; the weights through {@code
 * DFD_MODEL_DIR}, else that folder's {@code models}. facenet-pytorch on the same kind of 2-core
 * CPU: 1080p 2.52 fps single / 1.88 batched, 720p 3.87 / 3.57, 540p 4.94 / 5.23; the target is at
 * least 1.5 times those.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 5, time = 20)
@Fork(1)
public class FaceDetectBenchmark {
    /** Frames per benchmark invocation. */
    static final int FRAMES = 16;

    /** The video frames facenet-pytorch's timing used. */
    static final Set<Integer> INDICES =
            Set.of(0, 7, 14, 21, 28, 35, 42, 49, 55, 62, 69, 76, 83, 90, 97, 104);

    /** The resized frames and the detector, made once per trial. */
    @State(Scope.Benchmark)
    public static class Frames {
        /** Frame size, width x height. */
        @Param({"1920x1080", "1280x720", "960x540"})
        public String size;

        List<RgbImage> frames;
        MtcnnDetector detector;

        /** Decodes and resizes the frames, loads the detector. */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            // as the dfd program runs (ClassifierForwardBenchmark measures the difference)
            NativeAllocator.retainFreedMemory();
            Path shared =
                    sharedDir()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "shared folder not found; pass"
                                                            + " -Ddfd.shared.dir=..."));
            String[] wh = size.split("x");
            int w = Integer.parseInt(wh[0]);
            int h = Integer.parseInt(wh[1]);
            frames = new ArrayList<>(FRAMES);
            try (FfmpegFrameSource source =
                    FfmpegFrameSource.open(
                            shared.resolve("media/video.mp4"), FrameSampling.firstN(105))) {
                for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                    if (INDICES.contains(f.get().index())) {
                        frames.add(resize(f.get().image(), w, h));
                    }
                }
            }
            if (frames.size() != FRAMES) {
                throw new IllegalStateException(
                        "expected " + FRAMES + " frames, decoded " + frames.size());
            }
            String env = System.getenv("DFD_MODEL_DIR");
            ModelStore store =
                    env != null
                            ? ModelStore.fromEnvironment()
                            : ModelStore.of(
                                    Optional.of(shared.resolve("models")),
                                    Path.of(System.getProperty("user.home"), ".cache", "dfd"),
                                    false);
            detector = MtcnnDetector.builder().optModelStore(store).build();
        }

        /** Frees the detector. */
        @TearDown(Level.Trial)
        public void tearDown() {
            detector.close();
        }

        private static RgbImage resize(RgbImage image, int w, int h) {
            if (image.width() == w && image.height() == h) {
                return image;
            }
            try (Mat src = OpenCvImages.toMat(image);
                    Mat dst = new Mat();
                    Size s = new Size(w, h)) {
                opencv_imgproc.resize(src, dst, s, 0, 0, opencv_imgproc.INTER_AREA);
                return OpenCvImages.fromMat(dst);
            }
        }

        private static Optional<Path> sharedDir() {
            List<Path> candidates = new ArrayList<>();
            String prop = System.getProperty("dfd.shared.dir");
            if (prop != null) {
                candidates.add(Path.of(prop));
            }
            String models = System.getenv("DFD_MODEL_DIR");
            if (models != null && Path.of(models).toAbsolutePath().getParent() != null) {
                candidates.add(Path.of(models).toAbsolutePath().getParent());
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolveSibling("shared"));
            }
            return candidates.stream()
                    .filter(p -> Files.isRegularFile(p.resolve("media/video.mp4")))
                    .findFirst();
        }
    }

    /**
     * Baseline: one {@code detect} call per frame.
     *
     * @param f the frames and detector
     * @return the number of faces found, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int single(Frames f) {
        int faces = 0;
        for (RgbImage image : f.frames) {
            faces += f.detector.detect(image).size();
        }
        return faces;
    }

    /**
     * One {@code detectAll} call for the 16 frames.
     *
     * @param f the frames and detector
     * @return the number of faces found
     */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int batched(Frames f) {
        int faces = 0;
        for (List<Face> perFrame : f.detector.detectAll(f.frames)) {
            faces += perFrame.size();
        }
        return faces;
    }
}
