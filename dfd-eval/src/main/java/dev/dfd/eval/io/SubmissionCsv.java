package dev.dfd.eval.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a DFDC submission: a CSV with the header {@code filename,label} whose label column is the
 * probability that the video is fake, for example {@code aassnaulhq.mp4,0.73}. Stateless and
 * thread-safe.
 *
 * <p>Fields may be wrapped in double quotes, but a field that itself holds a comma or a quote is
 * not understood: the CSV is split at every comma (DFDC file names never contain one).
 */
public final class SubmissionCsv {
    private SubmissionCsv() {}

    /**
     * Reads the probabilities by file name.
     *
     * @param file the CSV file, UTF-8
     * @return probabilities in [0, 1] by file name, in the order of the file; unmodifiable
     * @throws EvaluationInputException when the file is missing or empty, the header is not {@code
     *     filename,label}, a line does not have two fields, a file name repeats, or a probability
     *     is not a number in [0, 1] (NaN included); the message names the file and line
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Double> read(Path file) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        for (FilenameCsv.Row row : FilenameCsv.read(file)) {
            double p;
            try {
                p = Double.parseDouble(row.value());
            } catch (NumberFormatException e) {
                throw EvaluationInputException.atLine(
                        file,
                        row.line(),
                        "probability '"
                                + row.value()
                                + "' of "
                                + row.filename()
                                + " is not a number");
            }
            if (!(p >= 0 && p <= 1)) {
                throw EvaluationInputException.atLine(
                        file,
                        row.line(),
                        "probability "
                                + row.value()
                                + " of "
                                + row.filename()
                                + " is not in [0, 1]");
            }
            out.put(row.filename(), p);
        }
        return Collections.unmodifiableMap(out);
    }
}
