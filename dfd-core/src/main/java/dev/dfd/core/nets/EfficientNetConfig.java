package dev.dfd.core.nets;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scaling of one EfficientNet variant (Tan and Le 2019), as timm builds it.
 *
 * @param arch the timm architecture name, for example {@code tf_efficientnet_b7_ns}
 * @param variant 0 to 7, the B number
 * @param widthMultiplier channel multiplier (1.0 for B0 ... 2.0 for B7)
 * @param depthMultiplier repeat multiplier (1.0 for B0 ... 3.1 for B7)
 * @param inputSize the native input resolution, in pixels
 * @param dropRate the dropout before timm's classifier, used only while training
 * @param tfSame TensorFlow "same" padding and BatchNorm epsilon 1e-3 ({@code tf_} models) instead
 *     of PyTorch symmetric padding and 1e-5
 */
public record EfficientNetConfig(
        String arch,
        int variant,
        double widthMultiplier,
        double depthMultiplier,
        int inputSize,
        double dropRate,
        boolean tfSame) {

    private static final Pattern NAME =
            Pattern.compile("(tf_)?efficientnet_b([0-7])(_ns|_ap|_aa)?");
    private static final double[][] SCALING = {
        // width, depth, resolution, dropout: timm's table for B0..B7
        {1.0, 1.0, 224, 0.2},
        {1.0, 1.1, 240, 0.2},
        {1.1, 1.2, 260, 0.3},
        {1.2, 1.4, 300, 0.3},
        {1.4, 1.8, 380, 0.4},
        {1.6, 2.2, 456, 0.4},
        {1.8, 2.6, 528, 0.5},
        {2.0, 3.1, 600, 0.5},
    };

    /** One stage of B0: block type, repeats, kernel, stride, expansion, output channels. */
    record Stage(
            boolean depthwiseSeparable,
            int repeats,
            int kernel,
            int stride,
            int expansion,
            int outChannels) {}

    /** The seven stages of B0, which every variant scales. */
    static final List<Stage> B0_STAGES =
            List.of(
                    new Stage(true, 1, 3, 1, 1, 16),
                    new Stage(false, 2, 3, 2, 6, 24),
                    new Stage(false, 2, 5, 2, 6, 40),
                    new Stage(false, 3, 3, 2, 6, 80),
                    new Stage(false, 3, 5, 1, 6, 112),
                    new Stage(false, 4, 5, 2, 6, 192),
                    new Stage(false, 1, 3, 1, 6, 320));

    /**
     * Looks up a timm EfficientNet name.
     *
     * @param arch {@code efficientnet_b0} to {@code efficientnet_b7} or {@code tf_efficientnet_b0}
     *     to {@code tf_efficientnet_b7}, optionally with {@code _ns}, {@code _ap} or {@code _aa}
     *     (weights trained differently, same architecture); case-insensitive
     * @return the configuration
     * @throws IllegalArgumentException if the name is not such a name
     */
    public static EfficientNetConfig of(String arch) {
        String name = arch.trim().toLowerCase(Locale.ROOT);
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "unknown EfficientNet '"
                            + arch
                            + "' (known: efficientnet_b0..b7, tf_efficientnet_b0..b7[_ns|_ap|_aa])");
        }
        int b = Integer.parseInt(m.group(2));
        double[] s = SCALING[b];
        return new EfficientNetConfig(name, b, s[0], s[1], (int) s[2], s[3], m.group(1) != null);
    }

    /**
     * The BatchNorm epsilon of this variant.
     *
     * @return 1e-3 for {@code tf_} models, 1e-5 otherwise
     */
    public float batchNormEps() {
        return tfSame ? 1e-3f : 1e-5f;
    }

    /**
     * Scales a channel count by the width multiplier, rounded as timm's {@code round_channels}.
     *
     * @param channels the B0 channel count
     * @return the scaled count, a multiple of 8
     */
    public int roundChannels(int channels) {
        return makeDivisible(channels * widthMultiplier, 8);
    }

    /**
     * Scales a stage's repeat count by the depth multiplier, rounded up as timm does.
     *
     * @param repeats the B0 repeat count
     * @return the scaled count
     */
    public int roundRepeats(int repeats) {
        return (int) Math.ceil(repeats * depthMultiplier);
    }

    /**
     * Rounds to the nearest multiple of {@code divisor}, at least {@code divisor}, and never below
     * 90% of the value (timm's {@code make_divisible}).
     *
     * @param value the value
     * @param divisor the divisor
     * @return the rounded value
     */
    static int makeDivisible(double value, int divisor) {
        int rounded = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
        if (rounded < 0.9 * value) {
            rounded += divisor;
        }
        return rounded;
    }
}
