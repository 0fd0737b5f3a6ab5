/**
 * Image augmentations mirroring Albumentations 1.3.1: transforms applied with a probability,
 * composition ({@link dev.dfd.augment.Compose}, {@link dev.dfd.augment.OneOf}, {@link
 * dev.dfd.augment.SomeOf}), paired images that share the sampled parameters, replay of recorded
 * parameters, and the two training presets of {@link dev.dfd.augment.Presets}.
 *
 * <p>All randomness comes from a {@link java.util.random.RandomGenerator} passed to each call;
 * pipelines are immutable and can be shared by any number of data-loading threads.
 */
package dev.dfd.augment;
