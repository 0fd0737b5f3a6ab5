package dev.dfd.core.pipeline;

/**
 * Optional test-time augmentation of crops before classification.
 *
 * @param horizontalFlip also score each crop mirrored and average the two probabilities
 * @param brightnessShare the share of frames, in [0, 1], whose crops get a random illumination
 *     change before scoring (the 2020 reference pipeline changed 30%)
 * @param brightnessLimit the largest relative brightness change, in [0, 1): a pixel {@code v}
 *     becomes {@code v * (1 + b)} with {@code b} uniform in {@code [-limit, limit]}
 * @param seed the seed of the random choices, so that a video is scored the same way every time
 */
public record TestTimeAugmentation(
        boolean horizontalFlip, double brightnessShare, double brightnessLimit, long seed) {

    /** No augmentation. */
    public static final TestTimeAugmentation NONE = new TestTimeAugmentation(false, 0, 0, 0);

    /** Checks the arguments. */
    public TestTimeAugmentation {
        if (!(brightnessShare >= 0 && brightnessShare <= 1)) {
            throw new IllegalArgumentException(
                    "brightness share must be in [0, 1], got " + brightnessShare);
        }
        if (!(brightnessLimit >= 0 && brightnessLimit < 1)) {
            throw new IllegalArgumentException(
                    "brightness limit must be in [0, 1), got " + brightnessLimit);
        }
    }

    /** Whether this does anything. */
    public boolean isActive() {
        return horizontalFlip || brightnessShare > 0;
    }
}
