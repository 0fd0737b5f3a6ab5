package dev.dfd.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs transforms in order, each with its own probability check and each seeing the previous
 * output, as Albumentations' {@code Compose}; with probability {@code 1 - p} none runs.
 *
 * <p>The record lists every child, applied or not. Immutable and thread-safe.
 */
public final class Compose implements Transform {
    private final List<Transform> transforms;
    private final double p;

    /**
     * Creates a composition applied with probability {@code p}.
     *
     * @param transforms the transforms in order
     * @param p the probability of running the children at all, 0..1
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    public Compose(List<? extends Transform> transforms, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Compose: probability must be in [0, 1], got " + p);
        }
        this.transforms = List.copyOf(transforms);
        this.p = p;
    }

    /**
     * Creates a composition that always runs its children.
     *
     * @param transforms the transforms in order
     * @return the composition
     */
    public static Compose of(Transform... transforms) {
        return new Compose(List.of(transforms), 1);
    }

    /** The children, in order. */
    public List<Transform> transforms() {
        return transforms;
    }

    @Override
    public String name() {
        return "Compose";
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
        List<Replay> records = new ArrayList<>(transforms.size());
        Targets current = targets;
        for (int i = 0; i < transforms.size(); i++) {
            Augmented a = transforms.get(i).apply(current, random);
            current = a.targets();
            records.add(a.replay().atIndex(i));
        }
        return new Augmented(current, new Replay(name(), -1, true, Params.EMPTY, records));
    }

    @Override
    public Targets replay(Targets targets, Replay record) {
        Transform.checkRecord(this, record);
        if (!record.applied()) {
            return targets;
        }
        Targets current = targets;
        for (Replay child : record.children()) {
            current = Composites.child(transforms, child, name()).replay(current, child);
        }
        return current;
    }

    @Override
    public String toString() {
        return "Compose(p=" + p + ", " + transforms + ")";
    }
}
