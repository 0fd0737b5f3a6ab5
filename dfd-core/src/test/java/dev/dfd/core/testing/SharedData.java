package dev.dfd.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dfd.core.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way tests reach {@code ../shared} (media, references) and the model store.
 *
 * <p>The shared folder is, in order: the {@code dfd.shared.dir} system property (the build sets it
 * to {@code ../shared} beside the checkout), the parent of {@code DFD_MODEL_DIR} when that ends in
 * {@code models}, or a {@code shared} folder beside any parent of the working directory. A test
 * whose file is absent is skipped with a message that says which file and where it was looked for;
 * CI always has it.
 */
public final class SharedData {
    private SharedData() {}

    /**
     * The shared folder, if one is found.
     *
     * @return its path
     */
    public static Optional<Path> root() {
        String prop = System.getProperty("dfd.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Optional.of(Path.of(prop).toAbsolutePath().normalize());
        }
        String modelDir = System.getenv("DFD_MODEL_DIR");
        if (modelDir != null) {
            Path parent = Path.of(modelDir).toAbsolutePath().normalize().getParent();
            if (parent != null && Files.isDirectory(parent.resolve("media"))) {
                return Optional.of(parent);
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("ARCHITECTURE.md"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * A file or folder below the shared folder; skips the calling test when it is absent.
     *
     * @param relative for example {@code media/video.mp4}
     * @return the absolute path of an existing file or folder
     */
    public static Path path(String relative) {
        Optional<Path> root = root();
        assumeTrue(
                root.isPresent(),
                "skipped: the shared folder (../shared) was not found; set -Ddfd.shared.dir");
        Path p = root.get().resolve(relative);
        assumeTrue(Files.exists(p), "skipped: " + p + " does not exist");
        return p;
    }

    /**
     * The model store of the tests: {@code DFD_MODEL_DIR}, else {@code shared/models}; never
     * downloads.
     *
     * @return the store
     */
    public static ModelStore modelStore() {
        String env = System.getenv("DFD_MODEL_DIR");
        Optional<Path> dir =
                env != null ? Optional.of(Path.of(env)) : root().map(r -> r.resolve("models"));
        return ModelStore.of(
                dir, Path.of(System.getProperty("java.io.tmpdir"), "dfd-test-cache"), false);
    }

    /**
     * A model file through the test model store; skips the calling test when it is absent.
     *
     * @param name for example {@code mtcnn/pnet.pt}
     * @return the path
     */
    public static Path model(String name) {
        Optional<Path> p = modelStore().find(name);
        assumeTrue(p.isPresent(), "skipped: model " + name + " not found; set DFD_MODEL_DIR");
        return p.get();
    }
}
