package dev.dfd.eval;

import java.util.Arrays;

/**
 * The receiver operating characteristic: false positive rate against true positive rate as the
 * threshold falls from above the highest probability to the lowest, fake being positive.
 *
 * <p>Follows scikit-learn's {@code roc_curve} with {@code drop_intermediate=True}: a point is kept
 * only where the second difference of the false or the true positive counts is non-zero, and the
 * curve starts at (0, 0). Its first threshold is positive infinity (scikit-learn 1.3 and later; 1.2
 * wrote the highest probability plus 1). {@link #auc()} and {@link #equalErrorRate()} equal
 * scikit-learn's {@code roc_auc_score} and the EER taken from its {@code roc_curve}.
 *
 * <p>Immutable and thread-safe; arrays are copied out. Holds no native memory.
 */
public final class RocCurve {
    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;

    private RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
    }

    /**
     * Computes the curve.
     *
     * @param scores labels and probabilities with both classes present
     * @return the curve
     * @throws IllegalArgumentException when only one class is present, since one of the two rates
     *     is then undefined
     */
    public static RocCurve of(LabeledScores scores) {
        if (!scores.hasBothClasses()) {
            throw new IllegalArgumentException(
                    "the ROC curve needs both classes, but all "
                            + scores.size()
                            + " samples are "
                            + (scores.positives() == 0 ? "real" : "fake"));
        }
        ThresholdCounts counts = ThresholdCounts.of(scores);
        int n = counts.size();
        int[] kept = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || k == n - 1 || isCorner(counts.fps, k) || isCorner(counts.tps, k)) {
                kept[m++] = k;
            }
        }
        double[] fpr = new double[m + 1];
        double[] tpr = new double[m + 1];
        double[] thresholds = new double[m + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        double negatives = counts.fps[n - 1];
        double positives = counts.tps[n - 1];
        for (int q = 0; q < m; q++) {
            fpr[q + 1] = counts.fps[kept[q]] / negatives;
            tpr[q + 1] = counts.tps[kept[q]] / positives;
            thresholds[q + 1] = counts.thresholds[kept[q]];
        }
        return new RocCurve(fpr, tpr, thresholds);
    }

    private static boolean isCorner(double[] cumulative, int k) {
        return cumulative[k + 1] - 2 * cumulative[k] + cumulative[k - 1] != 0;
    }

    /** The number of points, at least 2. */
    public int size() {
        return fpr.length;
    }

    /** False positive rates FP / (FP + TN), from 0 up to 1. */
    public double[] falsePositiveRates() {
        return fpr.clone();
    }

    /** True positive rates TP / (TP + FN), from 0 up to 1. */
    public double[] truePositiveRates() {
        return tpr.clone();
    }

    /** The thresholds of the points, falling; the first is positive infinity. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * The area under the curve by the trapezoidal rule; tied probabilities count one half, as in
     * scikit-learn's {@code roc_auc_score}.
     *
     * @return a value in [0, 1]; 0.5 for chance
     */
    public double auc() {
        double area = 0;
        for (int k = 1; k < fpr.length; k++) {
            area += (fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1]) / 2;
        }
        return area;
    }

    /**
     * The equal error rate: at the point of this curve where the false negative rate (1 - TPR) and
     * the false positive rate are closest (the first such point), their mean.
     *
     * <p>This is the usual approximation from the points of the curve, without interpolating
     * between them, so it can differ from the crossing of the two rates when the curve is coarse.
     *
     * @return a value in [0, 1]
     */
    public double equalErrorRate() {
        int k = equalErrorIndex();
        return (fpr[k] + (1 - tpr[k])) / 2;
    }

    /**
     * The index of the point {@link #equalErrorRate()} is taken from: the first point where |FNR -
     * FPR| is smallest.
     *
     * @return an index in [0, size())
     */
    public int equalErrorIndex() {
        int best = 0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int k = 0; k < fpr.length; k++) {
            double gap = Math.abs((1 - tpr[k]) - fpr[k]);
            if (gap < bestGap) {
                bestGap = gap;
                best = k;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "RocCurve[fpr=" + Arrays.toString(fpr) + ", tpr=" + Arrays.toString(tpr) + "]";
    }
}
