package dev.dfd.bench;

import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.model.ModelStore;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.face.mtcnn.MtcnnOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shared fixture folder the pipeline benchmarks read: {@code media/video.mp4} (1080p H.264, 105
 * frames at 25 fps), the MTCNN weights and the reference checkpoints.
 *
 * <p>It is found as the older benchmarks find it: {@code -Ddfd.shared.dir}, else the parent of
 * {@code DFD_MODEL_DIR}, else a {@code shared} folder beside the working directory or one of its
 * parents. The MTCNN weights come from {@code DFD_MODEL_DIR} when it is set, else from the folder's
 * {@code models}. Immutable.
 */
final class SharedFolder {
    /** How many times the shared video is looped for the DFDC-length clip. */
    static final int LOOPS = 3;

    private final Path root;

    private SharedFolder(Path root) {
        this.root = root;
    }

    /**
     * Finds the shared folder.
     *
     * @return the folder
     * @throws IllegalStateException if no candidate holds {@code media/video.mp4}
     */
    static SharedFolder find() {
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
                .findFirst()
                .map(SharedFolder::new)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "shared folder with media/video.mp4 not found (tried "
                                                + candidates
                                                + "); pass -Ddfd.shared.dir=..."));
    }

    /** The shared 1080p test video. */
    Path video() {
        return root.resolve("media/video.mp4");
    }

    /**
     * A file of the shared folder.
     *
     * @param relative its path inside the folder, for example {@code
     *     reference/efficientnet/dfdc_b0.dfdc.pth}
     * @return the absolute path
     * @throws IllegalStateException if the file is absent
     */
    Path file(String relative) {
        Path p = root.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + ": not found in the shared folder");
        }
        return p;
    }

    /**
     * Writes the DFDC-length test clip: the packets of the shared video copied {@value #LOOPS}
     * times one after the other (315 frames, 12.6 s of 1080p H.264 High profile, no re-encoding),
     * with {@link VideoDecodeBenchmark.Video#remuxLooped}, so that it is the clip {@code
     * VideoDecodeBenchmark} decodes.
     *
     * @param to the MP4 file to write
     * @throws IOException if FFmpeg cannot read the video or write the file
     */
    void writeLoopedVideo(Path to) throws IOException {
        VideoDecodeBenchmark.Video.remuxLooped(video(), to, LOOPS);
    }

    /** Where the MTCNN weights are looked up. */
    ModelStore modelStore() {
        return System.getenv("DFD_MODEL_DIR") != null
                ? ModelStore.fromEnvironment()
                : ModelStore.of(
                        Optional.of(root.resolve("models")),
                        Path.of(System.getProperty("user.home"), ".cache", "dfd"),
                        false);
    }

    /**
     * MTCNN with facenet-pytorch's settings, as {@code dfd detect} and {@code dfd extract} build
     * it.
     *
     * @param maxSidePixels frames are shrunk to this longer side for detection; 0 for full size
     * @return the detector, which the caller closes
     * @throws IOException if the weights are missing
     */
    MtcnnDetector mtcnn(int maxSidePixels) throws IOException {
        return MtcnnDetector.builder()
                .optModelStore(modelStore())
                .optOptions(MtcnnOptions.defaults().withMaxSidePixels(maxSidePixels))
                .build();
    }

    /**
     * Makes MTCNN detectors like {@link #mtcnn}, for {@link dev.dfd.train.extract.CropExtractor},
     * which asks for one per worker thread and closes them, as {@code dfd extract} does.
     *
     * @param maxSidePixels frames are shrunk to this longer side for detection; 0 for full size
     * @return the supplier; it throws {@link UncheckedIOException} if the weights are missing
     */
    Supplier<FaceDetector> mtcnnPerThread(int maxSidePixels) {
        return () -> {
            try {
                return mtcnn(maxSidePixels);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
