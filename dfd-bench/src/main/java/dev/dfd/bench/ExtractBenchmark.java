package dev.dfd.bench;

import dev.dfd.core.progress.ProgressListener;
import dev.dfd.core.system.NativeAllocator;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.Dataset;
import dev.dfd.train.data.DatasetReader;
import dev.dfd.train.extract.CropExtractor;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Videos per minute through dfd-train's {@link CropExtractor}, configured as {@code dfd extract}
 * configures it by default: 32 evenly spaced frames, MTCNN on frames shrunk to a longer side of 960
 * (one detector per worker thread, made and closed by the extractor in every run), crops of 380
 * pixels with the winner's policy ({@link DetectorBenchmark#cropPolicy}) written as PNG.
 *
 * <p>The dataset, written once per trial, is one DFDC folder {@code dfdc_train_part_0} with its
 * {@code metadata.json}: {@value #REALS} copies of the shared video as real videos and {@value
 * #REALS} copies as fakes, each naming a real as its original. As in a real extraction the reals go
 * first (decode, detect, crop, write) and the fakes after them, cut at their original's boxes
 * without detection, so a fake costs much less than a real; the mix here is DFDC's one fake per
 * real, while the full DFDC set has about five fakes per real.
 *
 * <p>{@code threads} is the extractor's worker count: 2, {@code dfd extract}'s default, and 1, the
 * baseline. {@code clip} is {@code shared} (the shared video as is: 105 frames, 4.2 s of 1080p) or,
 * with {@code -p clip=looped}, the 315-frame clip of {@link DetectorBenchmark} (DFDC videos have
 * 300 frames; decoding scales with the frame count, detection and cropping do not). Every
 * invocation extracts the whole dataset into a fresh crop folder, made and deleted outside the
 * timing; a run in which any video fails stops the benchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MINUTES)
@Warmup(iterations = 1, time = 30)
@Measurement(iterations = 3, time = 60)
@Fork(1)
@State(Scope.Benchmark)
public class ExtractBenchmark {
    /** Real videos in the dataset; there are as many fakes. */
    static final int REALS = 4;

    /** Videos extracted per invocation. */
    static final int VIDEOS = 2 * REALS;

    /** Crop size, {@code dfd extract --size}'s default. */
    static final int CROP_SIZE = 380;

    /** Worker threads of the extractor. */
    @Param({"2", "1"})
    public int threads;

    /** {@code shared}: copies of the shared video; {@code looped}: of the 315-frame clip. */
    @Param({"shared"})
    public String clip;

    private TempFolder videos;
    private Dataset dataset;
    private CropExtractor extractor;
    private TempFolder crops;
    private CropExtractor.Summary summary;
    private boolean reported;

    /**
     * Writes the dataset and configures the extractor.
     *
     * @throws IOException if the dataset cannot be written or read, or MTCNN cannot be loaded
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // as the dfd program runs (ClassifierForwardBenchmark measures the difference)
        NativeAllocator.retainFreedMemory();
        SharedFolder shared = SharedFolder.find();
        videos = TempFolder.create("dfd-bench-extract-videos-");
        Path video =
                switch (clip) {
                    case "shared" -> shared.video();
                    case "looped" -> {
                        Path looped = videos.path().resolve("looped-1080p.mp4");
                        shared.writeLoopedVideo(looped);
                        yield looped;
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "clip must be shared or looped, got " + clip);
                };
        Path root = videos.path().resolve("dfdc");
        CopiedDataset.writePart(root, 0, video, REALS);
        DatasetReader.Result read = DatasetReader.read(root);
        if (read.dataset().size() != VIDEOS) {
            throw new IllegalStateException(
                    "expected " + VIDEOS + " videos, read " + read.dataset().size() + ": " + read);
        }
        dataset = read.dataset();
        // Fail here, with the reason, rather than on the extractor's worker threads.
        shared.mtcnn(DetectorBenchmark.DETECT_MAX_SIDE).close();
        extractor =
                new CropExtractor(
                        FrameSources::open,
                        shared.mtcnnPerThread(DetectorBenchmark.DETECT_MAX_SIDE),
                        new PolicyCropper(DetectorBenchmark.cropPolicy(CROP_SIZE)),
                        FrameSampling.evenlySpaced(DetectorBenchmark.FRAMES),
                        threads);
    }

    /**
     * Gives the next run an empty crop folder.
     *
     * @throws IOException if it cannot be created
     */
    @Setup(Level.Invocation)
    public void emptyCropFolder() throws IOException {
        crops = TempFolder.create("dfd-bench-extract-crops-");
    }

    /**
     * Deletes the run's crops and checks that every video was extracted.
     *
     * @throws IOException if the crops cannot be deleted
     */
    @TearDown(Level.Invocation)
    public void checkAndDeleteCrops() throws IOException {
        crops.close();
        if (summary.processed() != VIDEOS || !summary.failed().isEmpty()) {
            throw new IllegalStateException("extraction failed: " + summary);
        }
        if (!reported) {
            System.err.printf(
                    "ExtractBenchmark: %d videos (%s clip), %d crops per run%n",
                    VIDEOS, clip, summary.crops());
            reported = true;
        }
    }

    /** Deletes the dataset. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        videos.close();
    }

    /**
     * Extracts the whole dataset into an empty crop folder.
     *
     * @return what the run did
     * @throws IOException if the crop folder cannot be written
     */
    @Benchmark
    @OperationsPerInvocation(VIDEOS)
    public CropExtractor.Summary extract() throws IOException {
        summary = extractor.run(dataset, new CropStore(crops.path()), ProgressListener.NONE);
        return summary;
    }
}
