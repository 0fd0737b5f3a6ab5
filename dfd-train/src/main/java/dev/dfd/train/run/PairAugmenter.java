package dev.dfd.train.run;

import dev.dfd.core.image.RgbImage;
import java.util.SplittableRandom;

/**
 * Augments a fake crop and its original with the same sampled parameters, so that the network sees
 * the same geometry and colour change on both and can only learn what differs: the manipulation.
 * Implementations are thread-safe; all randomness comes from the generator.
 */
@FunctionalInterface
public interface PairAugmenter {
    /** Leaves both images unchanged. */
    PairAugmenter NONE = (fake, real, random) -> new RgbImage[] {fake, real};

    /**
     * Augments a pair.
     *
     * @param fake the fake crop
     * @param real its original, same size
     * @param random the generator of this pair
     * @return the augmented fake and real, in that order
     */
    RgbImage[] apply(RgbImage fake, RgbImage real, SplittableRandom random);
}
