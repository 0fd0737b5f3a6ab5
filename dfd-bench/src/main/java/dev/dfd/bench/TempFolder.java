package dev.dfd.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A temporary folder that is deleted, with everything in it, when closed. Not thread-safe. */
final class TempFolder implements AutoCloseable {
    private final Path path;

    private TempFolder(Path path) {
        this.path = path;
    }

    /**
     * Creates an empty folder in the system's temporary folder.
     *
     * @param prefix the start of its name
     * @return the folder
     * @throws IOException if it cannot be created
     */
    static TempFolder create(String prefix) throws IOException {
        return new TempFolder(Files.createTempDirectory(prefix));
    }

    /** The folder. */
    Path path() {
        return path;
    }

    /**
     * Deletes the folder and its contents.
     *
     * @throws IOException if something cannot be deleted
     */
    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(path)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
