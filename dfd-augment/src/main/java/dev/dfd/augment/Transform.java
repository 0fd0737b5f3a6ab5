package dev.dfd.augment;

import java.util.random.RandomGenerator;

/**
 * An augmentation applied with a probability, the way Albumentations applies one: a uniform draw
 * {@code r} in [0, 1) is always taken first, and the transform applies when {@code r < p} (or when
 * forced); its parameters are then sampled from the same generator and applied to every image of
 * the {@link Targets}.
 *
 * <p>Implementations are immutable and thread-safe: all randomness comes from the generator passed
 * to each call, so one pipeline serves many data-loading threads, each with its own generator.
 */
public interface Transform {

    /** The name recorded in {@link Replay} records, as Albumentations names the transform. */
    String name();

    /** The probability {@code p} in [0, 1] that a call applies this transform. */
    double probability();

    /**
     * Applies this transform with its probability.
     *
     * @param targets the input
     * @param random the generator of this call; must not be shared with another thread
     * @return the output and the record of what was done
     */
    default Augmented apply(Targets targets, RandomGenerator random) {
        return apply(targets, random, false);
    }

    /**
     * Applies this transform, or forces it as {@link OneOf} does with the child it picks (the
     * probability draw is still taken, so that the random sequence does not depend on forcing).
     *
     * @param targets the input
     * @param random the generator of this call; must not be shared with another thread
     * @param force whether to apply whatever the probability draw gives
     * @return the output and the record of what was done
     */
    Augmented apply(Targets targets, RandomGenerator random, boolean force);

    /**
     * Applies exactly what a record says, without drawing anything: the recorded parameters are
     * reused as they are (dropout holes and noise seeds are only meaningful on inputs of the
     * recorded size, as in Albumentations).
     *
     * @param targets the input
     * @param record a record produced by this transform (or an equal one)
     * @return the output
     * @throws IllegalArgumentException if the record was made by another transform
     */
    Targets replay(Targets targets, Replay record);

    /**
     * Checks that a record belongs to a transform of the given name.
     *
     * @param t the transform
     * @param record the record
     * @throws IllegalArgumentException if the names differ
     */
    static void checkRecord(Transform t, Replay record) {
        if (!t.name().equals(record.transform())) {
            throw new IllegalArgumentException(
                    "replay record of '"
                            + record.transform()
                            + "' given to transform '"
                            + t.name()
                            + "'");
        }
    }
}
