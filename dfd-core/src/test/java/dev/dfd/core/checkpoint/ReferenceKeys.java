package dev.dfd.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One line of a {@code keys/<model>.keys.txt} reference: key, shape and dtype. */
record ReferenceKeys(String key, long[] shape, String dtype) {
    static List<ReferenceKeys> read(Path file) throws IOException {
        List<ReferenceKeys> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            String dims = f[1].substring(1, f[1].length() - 1).trim();
            long[] shape =
                    dims.isEmpty()
                            ? new long[0]
                            : Arrays.stream(dims.split(","))
                                    .map(String::trim)
                                    .mapToLong(Long::parseLong)
                                    .toArray();
            out.add(new ReferenceKeys(f[0], shape, f[2]));
        }
        return out;
    }
}
