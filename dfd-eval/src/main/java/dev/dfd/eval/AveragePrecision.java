package dev.dfd.eval;

/**
 * Average precision, the area under the precision-recall curve taken as a step function: the sum
 * over falling thresholds of (R_k - R_(k-1)) P_k, fake being positive, as scikit-learn's {@code
 * average_precision_score} (no interpolation). Stateless and thread-safe.
 */
public final class AveragePrecision {
    private AveragePrecision() {}

    /**
     * Computes the average precision.
     *
     * @param scores labels and probabilities with at least one fake sample
     * @return a value in [0, 1]
     * @throws IllegalArgumentException when there is no fake sample, since recall is then undefined
     */
    public static double of(LabeledScores scores) {
        if (scores.positives() == 0) {
            throw new IllegalArgumentException(
                    "average precision needs fake samples, but all "
                            + scores.size()
                            + " samples are real");
        }
        ThresholdCounts counts = ThresholdCounts.of(scores);
        double positives = scores.positives();
        double sum = 0;
        double previousRecall = 0;
        for (int k = 0; k < counts.size(); k++) {
            double recall = counts.tps[k] / positives;
            double precision = counts.tps[k] / (counts.tps[k] + counts.fps[k]);
            sum += (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return sum;
    }
}
