package dev.dfd.eval.io;

import dev.dfd.eval.LabeledScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predictions joined to labels by file name, ready for the metrics.
 *
 * <p>Immutable and thread-safe; holds no native memory.
 *
 * @param filenames the file names scored, in the order of the predictions
 * @param scores their labels and probabilities, index for index with {@code filenames}
 * @param withoutLabel predicted file names that have no label (empty unless the intersection was
 *     scored)
 * @param withoutPrediction labelled file names that have no prediction (empty unless the
 *     intersection was scored)
 */
public record MatchedPredictions(
        List<String> filenames,
        LabeledScores scores,
        List<String> withoutLabel,
        List<String> withoutPrediction) {
    private static final Logger LOG = LoggerFactory.getLogger(MatchedPredictions.class);

    /** How many names an error or warning lists before it says how many more there are. */
    static final int NAMES_LISTED = 10;

    /** Copies the lists. */
    public MatchedPredictions {
        filenames = List.copyOf(filenames);
        withoutLabel = List.copyOf(withoutLabel);
        withoutPrediction = List.copyOf(withoutPrediction);
    }

    /**
     * Joins predictions to labels by exact file name.
     *
     * @param predictions probabilities in [0, 1] by file name
     * @param labels labels 0 (real) or 1 (fake) by file name
     * @param intersection false to require the same file names on both sides; true to score the
     *     names they share and log a warning listing the others
     * @return the joined samples
     * @throws EvaluationInputException when a name is on one side only and {@code intersection} is
     *     false (the message lists them), or when the two sides share no name
     * @throws IllegalArgumentException when a probability is outside [0, 1] or a label is not 0 or
     *     1
     */
    public static MatchedPredictions match(
            Map<String, Double> predictions, Map<String, Integer> labels, boolean intersection)
            throws EvaluationInputException {
        List<String> names = new ArrayList<>();
        List<String> withoutLabel = new ArrayList<>();
        for (String name : predictions.keySet()) {
            (labels.containsKey(name) ? names : withoutLabel).add(name);
        }
        List<String> withoutPrediction = new ArrayList<>();
        for (String name : labels.keySet()) {
            if (!predictions.containsKey(name)) {
                withoutPrediction.add(name);
            }
        }
        boolean mismatch = !withoutLabel.isEmpty() || !withoutPrediction.isEmpty();
        if (mismatch && !intersection) {
            throw new EvaluationInputException(
                    describe(withoutLabel, withoutPrediction)
                            + "; score the intersection to ignore them");
        }
        if (names.isEmpty()) {
            throw new EvaluationInputException(
                    "predictions and labels share no file name ("
                            + predictions.size()
                            + " predictions, "
                            + labels.size()
                            + " labels)");
        }
        if (mismatch) {
            LOG.warn(
                    "scoring the {} file names that predictions and labels share; {}",
                    names.size(),
                    describe(withoutLabel, withoutPrediction));
        }
        int[] y = new int[names.size()];
        double[] p = new double[names.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(names.get(i));
            p[i] = predictions.get(names.get(i));
        }
        return new MatchedPredictions(
                names, LabeledScores.of(y, p), withoutLabel, withoutPrediction);
    }

    /**
     * Describes the unmatched names for a person, listing at most ten of each side.
     *
     * @param withoutLabel predicted names without a label
     * @param withoutPrediction labelled names without a prediction
     * @return one line, for example {@code 2 predictions have no label: a.mp4, b.mp4}
     */
    public static String describe(List<String> withoutLabel, List<String> withoutPrediction) {
        List<String> parts = new ArrayList<>();
        if (!withoutLabel.isEmpty()) {
            parts.add(
                    count(withoutLabel.size(), "prediction has", "predictions have")
                            + " no label: "
                            + list(withoutLabel));
        }
        if (!withoutPrediction.isEmpty()) {
            parts.add(
                    count(withoutPrediction.size(), "label has", "labels have")
                            + " no prediction: "
                            + list(withoutPrediction));
        }
        return String.join("; ", parts);
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String list(List<String> names) {
        if (names.size() <= NAMES_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_LISTED))
                + " and "
                + (names.size() - NAMES_LISTED)
                + " more";
    }
}
