package dev.dfd.augment;

import dev.dfd.core.image.RgbImage;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A named training augmentation: a transform (usually a {@link Compose}) on 8-bit images, then
 * {@link Normalize} to the channels-first float layout a network takes.
 *
 * <p>Immutable and thread-safe: give each call (or each data-loading thread) its own generator, for
 * example {@code new SplittableRandom(seed)} per sample or {@code split()} of a per-thread root.
 *
 * @param name the preset's name, e.g. {@code reference-2020}
 * @param transform the augmentation of the 8-bit images
 * @param normalize the final normalisation
 */
public record AugmentPipeline(String name, Transform transform, Normalize normalize) {
    /** Checks the arguments. */
    public AugmentPipeline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(normalize, "normalize");
    }

    /**
     * Augments the targets (8-bit output, before normalisation).
     *
     * @param targets the input
     * @param random the generator of this call; not shared with another thread
     * @return the output and its replay record
     */
    public Augmented augment(Targets targets, RandomGenerator random) {
        return transform.apply(targets, random);
    }

    /**
     * Augments the targets with a generator seeded by {@code seed}: the same seed gives the same
     * output on every thread and every run.
     *
     * @param targets the input
     * @param seed the seed
     * @return the output and its replay record
     */
    public Augmented augment(Targets targets, long seed) {
        return transform.apply(targets, new SplittableRandom(seed));
    }

    /**
     * Applies a recorded augmentation to other targets.
     *
     * @param targets the input
     * @param record a record from {@link #augment}
     * @return the output
     * @throws IllegalArgumentException if the record does not belong to this pipeline's transform
     */
    public Targets replay(Targets targets, Replay record) {
        return transform.replay(targets, record);
    }

    /**
     * Normalises one image into the network's layout.
     *
     * @param image an augmented image
     * @return the 3 x H x W float image
     */
    public FloatImage toTensor(RgbImage image) {
        return normalize.apply(image);
    }
}
