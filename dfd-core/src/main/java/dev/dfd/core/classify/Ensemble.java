package dev.dfd.core.classify;

import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Several classifiers whose probabilities are averaged with weights (the 2020 reference pipeline
 * averaged three EfficientNet-B7 and one Xception; the DFDC winner seven B7 checkpoints).
 *
 * <p>Owns its members: closing the ensemble closes them. As thread-safe as its least thread-safe
 * member.
 */
public final class Ensemble implements Classifier {
    private final List<Classifier> members;
    private final double[] weights;
    private final int inputSize;

    private Ensemble(List<Classifier> members, double[] weights) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one member");
        }
        if (weights.length != members.size()) {
            throw new IllegalArgumentException(
                    members.size() + " members but " + weights.length + " weights");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
            }
            sum += w;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be 0");
        }
        int size = members.get(0).inputSize();
        for (Classifier c : members) {
            if (c.inputSize() != size) {
                throw new IllegalArgumentException(
                        "ensemble members must share one input size, got "
                                + size
                                + " and "
                                + c.inputSize());
            }
        }
        this.members = List.copyOf(members);
        this.weights = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / sum;
        }
        this.inputSize = size;
    }

    /**
     * An ensemble that averages its members with equal weights.
     *
     * @param members at least one classifier, all with the same input size
     * @return the ensemble
     */
    public static Ensemble of(List<? extends Classifier> members) {
        double[] w = new double[members.size()];
        java.util.Arrays.fill(w, 1.0);
        return new Ensemble(new ArrayList<>(members), w);
    }

    /**
     * An ensemble with a weighted mean of probabilities.
     *
     * @param members at least one classifier, all with the same input size
     * @param weights one weight per member, at least 0, not all 0; normalised to sum to 1
     * @return the ensemble
     */
    public static Ensemble weighted(List<? extends Classifier> members, double... weights) {
        return new Ensemble(new ArrayList<>(members), weights.clone());
    }

    /** The members, in order. */
    public List<Classifier> members() {
        return members;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public double[] predict(List<RgbImage> crops) {
        double[] out = new double[crops.size()];
        for (int m = 0; m < members.size(); m++) {
            double[] p = members.get(m).predict(crops);
            for (int i = 0; i < out.length; i++) {
                out[i] += weights[m] * p[i];
            }
        }
        return out;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Classifier c : members) {
            try {
                c.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
