package dev.dfd.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.dfd.core.classify.NetworkClassifier;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.NetworkRunner;
import dev.dfd.core.nets.Networks;
import dev.dfd.core.pipeline.DeepfakeDetector;
import dev.dfd.core.pipeline.VideoVerdict;
import dev.dfd.core.system.NativeAllocator;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.face.track.IouFaceTracker;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 * Seconds to score one video with the whole {@link DeepfakeDetector}, built as {@code dfd detect}
 * builds it: {@link FrameSources#open}, 32 evenly spaced frames, MTCNN on frames shrunk to a longer
 * side of 960, {@link IouFaceTracker}, {@link PolicyCropper} with a margin of a third of the box
 * and isotropic resize with padding, and one {@link NetworkClassifier} with folded BatchNorm on the
 * engine's default device.
 *
 * <ul>
 *   <li>{@link #detect}: the whole pipeline on one video (one call per single-shot iteration).
 *   <li>{@link #baselineDecode}: only the reading of the same 32 frames, the floor of the pipeline
 *       and what its {@code decode} stage should take.
 * </ul>
 *
 * <p>{@code model} is {@code arch@cropSize}: {@code tf_efficientnet_b0@224} with the winner-layout
 * fixture checkpoint {@code reference/efficientnet/dfdc_b0.dfdc.pth}, and {@code
 * tf_efficientnet_b7@380} (the DFDC winner's network) with random weights, since its trained
 * weights are not stored; a forward pass costs the same whatever the weights, and every crop of
 * every track is scored whatever the scores.
 *
 * <p>The video is the 315-frame 1080p clip {@code VideoDecodeBenchmark} decodes (the shared video
 * looped three times without re-encoding, 12.6 s at 25 fps), written once per trial. After every
 * iteration, and for the mean of the measurement iterations at the end of the trial, the log gets
 * the detector's own stage times ({@link VideoVerdict#stageMillis()}: decode, detect, crop,
 * classify, and their sum against {@code total}) and the wall time around the call, so that the
 * score can be split by stage.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
@Timeout(time = 30, timeUnit = TimeUnit.MINUTES)
public class DetectorBenchmark {
    /** Frames sampled per video, as {@code dfd detect --frames}. */
    static final int FRAMES = 32;

    /** Longer side of the frames MTCNN sees, as {@code dfd detect --detect-max-side}. */
    static final int DETECT_MAX_SIDE = 960;

    /** The network of the only stored DFDC-layout checkpoint. */
    static final String B0_ARCH = "tf_efficientnet_b0";

    /** That checkpoint: the winner's head on tf_efficientnet_b0, in the shared folder. */
    static final String B0_CHECKPOINT = "reference/efficientnet/dfdc_b0.dfdc.pth";

    /**
     * The crop policy of {@code dfd detect} and {@code dfd extract} (the DFDC winner's): a third of
     * the box added on each side, isotropic resize, zero padding to a square.
     *
     * @param size crop width and height in pixels
     * @return the policy
     */
    static CropPolicy cropPolicy(int size) {
        return new CropPolicy(1.0 / 3, 0, false, size, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
    }

    /** The 1080p test clip, written once per trial. */
    @State(Scope.Benchmark)
    public static class Video {
        TempFolder folder;
        Path file;

        /** Loops the shared video into a DFDC-length clip. */
        @Setup(Level.Trial)
        public void write() throws IOException {
            folder = TempFolder.create("dfd-bench-detector-");
            file = folder.path().resolve("looped-1080p.mp4");
            SharedFolder.find().writeLoopedVideo(file);
        }

        /** Deletes the clip. */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            folder.close();
        }
    }

    /** The detector for one network, and the stage times it reported. */
    @State(Scope.Benchmark)
    public static class Pipeline {
        /** Network and crop size, as {@code arch@cropSize}. */
        @Param({"tf_efficientnet_b0@224", "tf_efficientnet_b7@380"})
        public String model;

        DeepfakeDetector detector;
        private final StageTimes iteration = new StageTimes();
        private final StageTimes measured = new StageTimes();
        private boolean measuring;

        /**
         * Loads the network and the face detector and builds the pipeline.
         *
         * @throws IOException if the checkpoint or the MTCNN weights cannot be read
         */
        @Setup(Level.Trial)
        public void build() throws IOException {
            // as the dfd program runs (ClassifierForwardBenchmark measures the difference)
            NativeAllocator.retainFreedMemory();
            String[] archAndSize = model.split("@");
            String arch = archAndSize[0];
            int size = Integer.parseInt(archAndSize[1]);
            SharedFolder shared = SharedFolder.find();
            Device device = Engine.getInstance().defaultDevice();
            NetworkClassifier classifier;
            if (arch.equals(B0_ARCH)) {
                Path weights = shared.file(B0_CHECKPOINT);
                classifier =
                        NetworkClassifier.of(
                                weights.getFileName().toString(),
                                NetworkRunner.load(arch, Head.DFDC, weights, device, true),
                                size);
            } else {
                // Networks.build + Networks.initialize (create) + prepareForInference (fold).
                NetworkRunner runner =
                        NetworkRunner.create(Networks.build(arch, Head.DFDC), device);
                runner.foldBatchNorm();
                classifier = NetworkClassifier.of(arch + " (random weights)", runner, size);
            }
            System.err.println("DetectorBenchmark: " + classifier + " on " + device);
            MtcnnDetector faces;
            try {
                faces = shared.mtcnn(DETECT_MAX_SIDE);
            } catch (IOException | RuntimeException e) {
                classifier.close();
                throw e;
            }
            CropPolicy policy = cropPolicy(size);
            detector =
                    DeepfakeDetector.builder()
                            .setFrameSources(FrameSources::open)
                            .optSampling(FrameSampling.evenlySpaced(FRAMES))
                            .setFaceDetector(faces)
                            .setTracker(IouFaceTracker.builder().build())
                            .setCropper(new PolicyCropper(policy))
                            .setClassifier(classifier)
                            .build();
        }

        /**
         * Starts an iteration's stage times.
         *
         * @param params tells warm-up from measurement
         */
        @Setup(Level.Iteration)
        public void startIteration(IterationParams params) {
            measuring = params.getType() == IterationType.MEASUREMENT;
            iteration.clear();
        }

        /** Logs the iteration's stage times. */
        @TearDown(Level.Iteration)
        public void endIteration() {
            System.err.println(
                    "DetectorBenchmark "
                            + model
                            + (measuring ? " measurement: " : " warm-up: ")
                            + iteration.describe());
            if (measuring) {
                measured.add(iteration);
            }
        }

        /** Logs the mean stage times of the measurement iterations and frees the pipeline. */
        @TearDown(Level.Trial)
        public void close() {
            System.err.println(
                    "DetectorBenchmark " + model + " mean of measurements: " + measured.describe());
            detector.close();
        }
    }

    /** Sums of {@link VideoVerdict#stageMillis()} and of wall time over some videos. */
    static final class StageTimes {
        /** The stages {@link DeepfakeDetector} times, in pipeline order; {@code total} last. */
        static final List<String> STAGES = List.of("decode", "detect", "crop", "classify", "total");

        private final long[] millis = new long[STAGES.size()];
        private long wallNanos;
        private long crops;
        private int videos;

        void clear() {
            Arrays.fill(millis, 0);
            wallNanos = 0;
            crops = 0;
            videos = 0;
        }

        void record(VideoVerdict verdict, long callNanos) {
            Map<String, Long> stages = verdict.stageMillis();
            for (int i = 0; i < millis.length; i++) {
                millis[i] += stages.getOrDefault(STAGES.get(i), 0L);
            }
            wallNanos += callNanos;
            crops += verdict.tracks().stream().mapToInt(VideoVerdict.TrackScore::crops).sum();
            videos++;
        }

        void add(StageTimes other) {
            for (int i = 0; i < millis.length; i++) {
                millis[i] += other.millis[i];
            }
            wallNanos += other.wallNanos;
            crops += other.crops;
            videos += other.videos;
        }

        /** Per-video means, for example "decode 812 + detect 4120 + ... = 5847 ms; total ...". */
        String describe() {
            if (videos == 0) {
                return "no video";
            }
            StringBuilder sb = new StringBuilder();
            long sum = 0;
            for (int i = 0; i < millis.length - 1; i++) {
                sb.append(i == 0 ? "" : " + ")
                        .append(STAGES.get(i))
                        .append(' ')
                        .append(millis[i] / videos);
                sum += millis[i];
            }
            long total = millis[millis.length - 1];
            return String.format(
                    Locale.ROOT,
                    "%s = %d ms per video; total %d ms (not in a stage: %d ms); wall time of"
                            + " the call %.0f ms; %d crops per video; %d video(s)",
                    sb,
                    sum / videos,
                    total / videos,
                    (total - sum) / videos,
                    wallNanos / 1e6 / videos,
                    crops / videos,
                    videos);
        }
    }

    /**
     * Scores the clip with the whole pipeline.
     *
     * @param video the clip
     * @param pipeline the detector
     * @return the verdict, so that nothing is optimised away
     * @throws IOException if the clip cannot be decoded
     */
    @Benchmark
    public VideoVerdict detect(Video video, Pipeline pipeline) throws IOException {
        long start = System.nanoTime();
        VideoVerdict verdict = pipeline.detector.detect(video.file);
        pipeline.iteration.record(verdict, System.nanoTime() - start);
        return verdict;
    }

    /**
     * Baseline: reads the same 32 frames as the pipeline and nothing else.
     *
     * @param video the clip
     * @return the frames
     * @throws IOException if the clip cannot be decoded
     */
    @Benchmark
    public List<Frame> baselineDecode(Video video) throws IOException {
        try (FrameSource source =
                FrameSources.open(video.file, FrameSampling.evenlySpaced(FRAMES))) {
            return source.readAll();
        }
    }
}
