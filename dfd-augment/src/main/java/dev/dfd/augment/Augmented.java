package dev.dfd.augment;

import java.util.Objects;

/**
 * The result of one augmentation call: the transformed targets and the record of what was sampled,
 * which {@link Transform#replay} applies again to other inputs. Immutable.
 *
 * @param targets the output images, points and boxes
 * @param replay the record of the call
 */
public record Augmented(Targets targets, Replay replay) {
    /** Checks the arguments. */
    public Augmented {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(replay, "replay");
    }
}
