package dev.dfd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A small dataset in the DFDC layout made of copies of one video: {@code
 * dfdc_train_part_<part>/real_NN.mp4} and {@code fake_NN.mp4}, each fake naming the real of the
 * same number as its original, with the folder's {@code metadata.json}. The "fakes" are the same
 * pixels as their originals; for speed measurements only the layout and the work matter.
 */
final class CopiedDataset {
    private CopiedDataset() {}

    /**
     * Writes one DFDC folder.
     *
     * @param root the dataset root, created if needed
     * @param part the folder number
     * @param video the video every entry copies
     * @param reals how many real videos; as many fakes are written
     * @return the folder written
     * @throws IOException if a file cannot be written
     */
    static Path writePart(Path root, int part, Path video, int reals) throws IOException {
        Path dir = Files.createDirectories(root.resolve("dfdc_train_part_" + part));
        StringBuilder metadata = new StringBuilder("{");
        for (int i = 0; i < reals; i++) {
            String real = String.format(Locale.ROOT, "real_%02d.mp4", i);
            String fake = String.format(Locale.ROOT, "fake_%02d.mp4", i);
            Files.copy(video, dir.resolve(real));
            Files.copy(video, dir.resolve(fake));
            if (i > 0) {
                metadata.append(',');
            }
            metadata.append(
                    String.format(
                            Locale.ROOT,
                            "\"%s\":{\"label\":\"REAL\",\"split\":\"train\"},"
                                    + "\"%s\":{\"label\":\"FAKE\",\"split\":\"train\","
                                    + "\"original\":\"%s\"}",
                            real,
                            fake,
                            real));
        }
        Files.writeString(
                dir.resolve("metadata.json"), metadata.append('}'), StandardCharsets.UTF_8);
        return dir;
    }
}
