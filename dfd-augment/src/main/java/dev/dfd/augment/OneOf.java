package dev.dfd.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, picks exactly one child, weighted by the children's probabilities
 * ({@code w_i = p_i / sum p}), and applies it whatever its own probability, as Albumentations'
 * {@code OneOf}.
 *
 * <p>The record holds the chosen child only. Immutable and thread-safe.
 */
public final class OneOf implements Transform {
    private final List<Transform> transforms;
    private final double[] weights;
    private final double p;

    /**
     * Creates the choice.
     *
     * @param transforms the candidates; their probabilities are the weights
     * @param p the probability of applying one of them, 0..1 (Albumentations' default is 0.5)
     * @throws IllegalArgumentException if p is outside [0, 1], or the weights sum to 0
     */
    public OneOf(List<? extends Transform> transforms, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("OneOf: probability must be in [0, 1], got " + p);
        }
        this.transforms = List.copyOf(transforms);
        this.weights = Composites.weights(this.transforms, "OneOf");
        this.p = p;
    }

    /** The candidates. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public String name() {
        return "OneOf";
    }

    @Override
    public double probability() {
        return p;
    }

    @Override
    public Augmented apply(Targets targets, RandomGenerator random, boolean force) {
        double r = random.nextDouble();
        if (!force && !(r < p)) {
            return new Augmented(targets, Replay.notApplied(name()));
        }
        int i = Composites.pick(weights, random);
        Augmented a = transforms.get(i).apply(targets, random, true);
        return new Augmented(
                a.targets(),
                new Replay(
                        name(), -1, true, Params.of("chosen", i), List.of(a.replay().atIndex(i))));
    }

    @Override
    public Targets replay(Targets targets, Replay record) {
        Transform.checkRecord(this, record);
        Targets current = targets;
        if (record.applied()) {
            for (Replay child : record.children()) {
                current = Composites.child(transforms, child, name()).replay(current, child);
            }
        }
        return current;
    }

    @Override
    public String toString() {
        return "OneOf(p=" + p + ", " + transforms + ")";
    }
}
