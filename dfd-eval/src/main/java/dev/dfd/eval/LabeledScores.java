package dev.dfd.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Binary labels (1 = fake, 0 = real) paired with probabilities that each sample is fake: the input
 * of every metric in this package.
 *
 * <p>Immutable and thread-safe; arrays are copied in and out. Holds no native memory.
 */
public final class LabeledScores {
    private final int[] labels;
    private final double[] scores;
    private final int positives;

    private LabeledScores(int[] labels, double[] scores, int positives) {
        this.labels = labels;
        this.scores = scores;
        this.positives = positives;
    }

    /**
     * Pairs labels with probabilities.
     *
     * @param labels one label a sample, each 0 (real) or 1 (fake)
     * @param scores one probability of fake a sample, each in [0, 1]
     * @return the pairs, copied
     * @throws IllegalArgumentException when the arrays are empty or differ in length, a label is
     *     not 0 or 1, or a probability is NaN or outside [0, 1]; the message names the index
     */
    public static LabeledScores of(int[] labels, double[] scores) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(scores, "scores");
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(
                    labels.length + " labels but " + scores.length + " scores");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("no samples: labels and scores are empty");
        }
        int[] labelCopy = labels.clone();
        double[] scoreCopy = new double[scores.length];
        int positives = 0;
        for (int i = 0; i < labelCopy.length; i++) {
            if (labelCopy[i] != 0 && labelCopy[i] != 1) {
                throw new IllegalArgumentException(
                        "label " + labelCopy[i] + " at index " + i + " is not 0 or 1");
            }
            double p = scores[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(
                        "probability " + p + " at index " + i + " is not in [0, 1]");
            }
            positives += labelCopy[i];
            // Adding 0.0 turns -0.0 into 0.0, so that sorting treats them as one value.
            scoreCopy[i] = p + 0.0;
        }
        return new LabeledScores(labelCopy, scoreCopy, positives);
    }

    /** The number of samples, at least 1. */
    public int size() {
        return labels.length;
    }

    /** The number of samples labelled fake (1). */
    public int positives() {
        return positives;
    }

    /** The number of samples labelled real (0). */
    public int negatives() {
        return labels.length - positives;
    }

    /** Whether both classes are present, which the ROC curve, AUC and EER need. */
    public boolean hasBothClasses() {
        return positives > 0 && positives < labels.length;
    }

    /**
     * The label of one sample.
     *
     * @param index in [0, size())
     * @return 0 (real) or 1 (fake)
     */
    public int label(int index) {
        return labels[index];
    }

    /**
     * The probability of fake of one sample.
     *
     * @param index in [0, size())
     * @return a value in [0, 1]
     */
    public double score(int index) {
        return scores[index];
    }

    /** A copy of the labels, 0 or 1 each. */
    public int[] labels() {
        return labels.clone();
    }

    /** A copy of the probabilities, each in [0, 1]. */
    public double[] scores() {
        return scores.clone();
    }

    /**
     * The probabilities of the samples of one class, sorted ascending.
     *
     * @param label 0 for real, 1 for fake
     * @return a new array
     * @throws IllegalArgumentException when the label is not 0 or 1
     */
    public double[] sortedScoresOf(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label " + label + " is not 0 or 1");
        }
        double[] out = new double[label == 1 ? positives : negatives()];
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                out[k++] = scores[i];
            }
        }
        Arrays.sort(out);
        return out;
    }
}
