package dev.dfd.eval;

import java.util.Arrays;

/**
 * Cumulative true and false positive counts at every distinct probability, from the highest down,
 * as scikit-learn's {@code _binary_clf_curve}: entry i counts the samples with a probability at
 * least {@code thresholds[i]}. Tied probabilities form one entry. Immutable; package-private.
 */
final class ThresholdCounts {
    final double[] thresholds;
    final double[] tps;
    final double[] fps;

    private ThresholdCounts(double[] thresholds, double[] tps, double[] fps) {
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
    }

    /** Counts by merging the two classes' sorted probabilities from the top, O(n log n). */
    static ThresholdCounts of(LabeledScores scores) {
        double[] fake = scores.sortedScoresOf(1);
        double[] real = scores.sortedScoresOf(0);
        int n = scores.size();
        double[] thresholds = new double[n];
        double[] tps = new double[n];
        double[] fps = new double[n];
        int i = fake.length - 1;
        int j = real.length - 1;
        int k = 0;
        long tp = 0;
        long fp = 0;
        while (i >= 0 || j >= 0) {
            double top =
                    Math.max(
                            i >= 0 ? fake[i] : Double.NEGATIVE_INFINITY,
                            j >= 0 ? real[j] : Double.NEGATIVE_INFINITY);
            while (i >= 0 && fake[i] == top) {
                tp++;
                i--;
            }
            while (j >= 0 && real[j] == top) {
                fp++;
                j--;
            }
            thresholds[k] = top;
            tps[k] = tp;
            fps[k] = fp;
            k++;
        }
        return new ThresholdCounts(
                Arrays.copyOf(thresholds, k), Arrays.copyOf(tps, k), Arrays.copyOf(fps, k));
    }

    int size() {
        return thresholds.length;
    }
}
