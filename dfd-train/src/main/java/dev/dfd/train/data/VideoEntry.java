package dev.dfd.train.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled video of a dataset.
 *
 * @param path the video file
 * @param label real or fake
 * @param part the DFDC folder number ({@code dfdc_train_part_N}), or -1 outside that layout
 * @param original for a fake, the file name of the real video it was made from, when known
 */
public record VideoEntry(Path path, Label label, int part, Optional<String> original) {
    /** Checks the arguments. */
    public VideoEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(original, "original");
        if (label == Label.REAL && original.isPresent()) {
            throw new IllegalArgumentException(path + ": a real video has no original");
        }
    }

    /** The file name, the key DFDC metadata and submissions use. */
    public String name() {
        return path.getFileName().toString();
    }
}
