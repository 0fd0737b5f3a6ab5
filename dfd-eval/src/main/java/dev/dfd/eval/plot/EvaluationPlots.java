package dev.dfd.eval.plot;

import dev.dfd.eval.ConfusionMatrix;
import dev.dfd.eval.LabeledScores;
import dev.dfd.eval.RocCurve;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every plot of an evaluation into one folder: {@code roc.png}, {@code confusion_matrix.png}
 * and {@code score_histogram.png}. Stateless and thread-safe.
 */
public final class EvaluationPlots {
    /** The file name of the ROC curve. */
    public static final String ROC = "roc.png";

    /** The file name of the confusion matrix. */
    public static final String CONFUSION_MATRIX = "confusion_matrix.png";

    /** The file name of the score histograms. */
    public static final String SCORE_HISTOGRAM = "score_histogram.png";

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationPlots.class);

    private EvaluationPlots() {}

    /**
     * Writes the plots. The ROC curve is skipped, with a warning, when only one class is present.
     *
     * @param scores labels and probabilities
     * @param threshold the decision threshold, in [0, 1]
     * @param dir the folder, created if missing; files in it with the same names are replaced
     * @return the files written
     * @throws IOException when the folder or a file cannot be written
     * @throws IllegalArgumentException when the threshold is NaN or outside [0, 1]
     */
    public static List<Path> writeAll(LabeledScores scores, double threshold, Path dir)
            throws IOException {
        ConfusionMatrix matrix = ConfusionMatrix.at(scores, threshold);
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        if (scores.hasBothClasses()) {
            Path roc = dir.resolve(ROC);
            RocPlot.write(RocCurve.of(scores), roc);
            written.add(roc);
        } else {
            LOG.warn("{}: not written, the ROC curve needs both real and fake videos", ROC);
        }
        Path cm = dir.resolve(CONFUSION_MATRIX);
        ConfusionMatrixPlot.write(matrix, threshold, cm);
        written.add(cm);
        Path hist = dir.resolve(SCORE_HISTOGRAM);
        ScoreHistogramPlot.write(scores, threshold, ScoreHistogramPlot.DEFAULT_BINS, hist);
        written.add(hist);
        return written;
    }
}
