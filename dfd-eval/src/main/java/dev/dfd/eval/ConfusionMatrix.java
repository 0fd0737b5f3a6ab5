package dev.dfd.eval;

import java.util.OptionalDouble;

/**
 * Counts of a binary decision against labels, fake being the positive class: a sample is called
 * fake when its probability is at least the threshold.
 *
 * <p>The rates follow the definitions of the 2020 DFDC report: FAR = FP / (FP + TN), FRR = FN / (FN
 * + TP), NPV = TN / (TN + FN). A rate whose denominator is 0 is empty rather than NaN.
 *
 * @param tn real videos called real
 * @param fp real videos called fake
 * @param fn fake videos called real
 * @param tp fake videos called fake
 */
public record ConfusionMatrix(long tn, long fp, long fn, long tp) {
    /**
     * Checks the counts.
     *
     * @throws IllegalArgumentException when a count is negative
     */
    public ConfusionMatrix {
        if (tn < 0 || fp < 0 || fn < 0 || tp < 0) {
            throw new IllegalArgumentException(
                    "negative count in confusion matrix tn="
                            + tn
                            + " fp="
                            + fp
                            + " fn="
                            + fn
                            + " tp="
                            + tp);
        }
    }

    /**
     * Counts the decisions {@code p >= threshold} (fake) against the labels.
     *
     * @param scores labels and probabilities
     * @param threshold the decision threshold, in [0, 1]; DFDC work uses 0.5
     * @return the counts
     * @throws IllegalArgumentException when the threshold is NaN or outside [0, 1]
     */
    public static ConfusionMatrix at(LabeledScores scores, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold " + threshold + " is not in [0, 1]");
        }
        long tn = 0;
        long fp = 0;
        long fn = 0;
        long tp = 0;
        for (int i = 0; i < scores.size(); i++) {
            boolean calledFake = scores.score(i) >= threshold;
            if (scores.label(i) == 1) {
                if (calledFake) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (calledFake) {
                fp++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tn, fp, fn, tp);
    }

    /** The number of samples. */
    public long total() {
        return tn + fp + fn + tp;
    }

    /** The share of correct decisions, (TP + TN) / total, in [0, 1]; empty when total is 0. */
    public OptionalDouble accuracy() {
        return ratio(tp + tn, total());
    }

    /** False acceptance rate FP / (FP + TN), in [0, 1]; empty without real samples. */
    public OptionalDouble falseAcceptanceRate() {
        return ratio(fp, fp + tn);
    }

    /** False rejection rate FN / (FN + TP), in [0, 1]; empty without fake samples. */
    public OptionalDouble falseRejectionRate() {
        return ratio(fn, fn + tp);
    }

    /** Negative predictive value TN / (TN + FN), in [0, 1]; empty when nothing is called real. */
    public OptionalDouble negativePredictiveValue() {
        return ratio(tn, tn + fn);
    }

    /** Precision TP / (TP + FP), in [0, 1]; empty when nothing is called fake. */
    public OptionalDouble precision() {
        return ratio(tp, tp + fp);
    }

    /** Recall (true positive rate) TP / (TP + FN), in [0, 1]; empty without fake samples. */
    public OptionalDouble recall() {
        return ratio(tp, tp + fn);
    }

    /**
     * F1 score 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall, in [0, 1]; 0
     * when there are fake samples but none is found (as scikit-learn), empty when every sample is a
     * true negative.
     */
    public OptionalDouble f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    private static OptionalDouble ratio(long numerator, long denominator) {
        return denominator == 0
                ? OptionalDouble.empty()
                : OptionalDouble.of((double) numerator / denominator);
    }
}
