package dev.dfd.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * With probability {@code p}, picks {@code n} children weighted by their probabilities, with or
 * without replacement, and applies each of them in the order picked, forced, as Albumentations'
 * {@code SomeOf} (whose default in 1.3.1 is with replacement).
 *
 * <p>The record holds the picked children in order. Immutable and thread-safe.
 */
public final class SomeOf implements Transform {
    private final List<Transform> transforms;
    private final double[] weights;
    private final int n;
    private final boolean replace;
    private final double p;

    /**
     * Creates the choice.
     *
     * @param transforms the candidates; their probabilities are the weights
     * @param n how many to pick, at least 0; at most the number of candidates with non-zero weight
     *     when {@code replace} is false
     * @param replace whether a candidate may be picked more than once
     * @param p the probability of applying any, 0..1
     * @throws IllegalArgumentException if an argument is out of range
     */
    public SomeOf(List<? extends Transform> transforms, int n, boolean replace, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("SomeOf: probability must be in [0, 1], got " + p);
        }
        this.transforms = List.copyOf(transforms);
        this.weights = Composites.weights(this.transforms, "SomeOf");
        long nonZero = this.transforms.stream().filter(t -> t.probability() > 0).count();
        if (n < 0 || (!replace && n > nonZero)) {
            throw new IllegalArgumentException(
                    "SomeOf: cannot pick "
                            + n
                            + " of "
                            + nonZero
                            + " candidates with non-zero weight"
                            + (replace ? "" : " without replacement"));
        }
        this.n = n;
        this.replace = replace;
        this.p = p;
    }

    @Override
    public String name() {
        return "SomeOf";
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
        double[] w = weights.clone();
        List<Replay> records = new ArrayList<>(n);
        List<Integer> chosen = new ArrayList<>(n);
        Targets current = targets;
        for (int k = 0; k < n; k++) {
            int i = Composites.pick(w, random);
            if (!replace) {
                w[i] = 0;
            }
            Augmented a = transforms.get(i).apply(current, random, true);
            current = a.targets();
            records.add(a.replay().atIndex(i));
            chosen.add(i);
        }
        return new Augmented(
                current, new Replay(name(), -1, true, Params.of("chosen", chosen), records));
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
        return "SomeOf(n=" + n + ", replace=" + replace + ", p=" + p + ", " + transforms + ")";
    }
}
