package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * Scales and offsets every channel value through a 256-entry table, as Albumentations' {@code
 * RandomBrightnessContrast} (and its deprecated {@code RandomBrightness} and {@code
 * RandomContrast}, which are this transform with one limit at zero).
 *
 * <p>Sampling, in this order: {@code alpha = 1 + U(-contrastLimit, contrastLimit)}, {@code beta =
 * U(-brightnessLimit, brightnessLimit)} (a zero limit still consumes its draw). The table is built
 * in float32 exactly as Albumentations builds it: {@code t = float(i) * alpha}, then {@code t +=
 * beta * 255} (brightness by max) or {@code t += alpha * beta * mean(image)}, then clipped to [0,
 * 255] and truncated (never rounded). Parameters: {@code alpha}, {@code beta}. Immutable and
 * thread-safe.
 */
public final class RandomBrightnessContrast extends ImageTransform {
    private final double brightnessLimit;
    private final double contrastLimit;
    private final boolean brightnessByMax;

    private RandomBrightnessContrast(
            String name,
            double brightnessLimit,
            double contrastLimit,
            boolean brightnessByMax,
            double p) {
        super(name, p);
        if (!(brightnessLimit >= 0) || !(contrastLimit >= 0)) {
            throw new IllegalArgumentException(
                    name
                            + ": limits must be >= 0, got brightness "
                            + brightnessLimit
                            + " contrast "
                            + contrastLimit);
        }
        this.brightnessLimit = brightnessLimit;
        this.contrastLimit = contrastLimit;
        this.brightnessByMax = brightnessByMax;
    }

    /**
     * Brightness and contrast together.
     *
     * @param brightnessLimit beta is drawn from [-limit, limit] (default 0.2)
     * @param contrastLimit alpha is 1 plus a draw from [-limit, limit] (default 0.2)
     * @param brightnessByMax whether beta is a fraction of 255 (default) rather than of the image
     *     mean
     * @param p probability of applying, 0..1 (default 0.5)
     * @return the transform
     * @throws IllegalArgumentException if a limit is negative
     */
    public static RandomBrightnessContrast of(
            double brightnessLimit, double contrastLimit, boolean brightnessByMax, double p) {
        return new RandomBrightnessContrast(
                "RandomBrightnessContrast", brightnessLimit, contrastLimit, brightnessByMax, p);
    }

    /**
     * Albumentations' {@code RandomBrightness(limit)}: alpha = 1, beta from [-limit, limit].
     *
     * @param limit the brightness limit (default 0.2; the 2020 pipeline used 0.3)
     * @param p probability of applying
     * @return the transform
     */
    public static RandomBrightnessContrast randomBrightness(double limit, double p) {
        return new RandomBrightnessContrast("RandomBrightness", limit, 0, true, p);
    }

    /**
     * Albumentations' {@code RandomContrast(limit)}: alpha from 1 + [-limit, limit], beta = 0.
     *
     * @param limit the contrast limit (default 0.2)
     * @param p probability of applying
     * @return the transform
     */
    public static RandomBrightnessContrast randomContrast(double limit, double p) {
        return new RandomBrightnessContrast("RandomContrast", 0, limit, true, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        double alpha = 1.0 + uniform(random, -contrastLimit, contrastLimit);
        double beta = uniform(random, -brightnessLimit, brightnessLimit);
        return Params.of("alpha", alpha, "beta", beta);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return adjust(image, params.getDouble("alpha"), params.getDouble("beta"), brightnessByMax);
    }

    /**
     * Albumentations' {@code brightness_contrast_adjust} on an 8-bit image.
     *
     * @param image the image
     * @param alpha the contrast factor
     * @param beta the brightness offset, a fraction of 255 or of the mean
     * @param byMax whether beta is a fraction of 255 rather than of the image mean
     * @return the new image
     */
    public static RgbImage adjust(RgbImage image, double alpha, double beta, boolean byMax) {
        double mean = !byMax && beta != 0 ? Lut.mean(image) : 0;
        return Lut.apply(image, table(alpha, beta, byMax, mean));
    }

    /**
     * The 256-entry table of {@link #adjust}.
     *
     * @param alpha the contrast factor
     * @param beta the brightness offset
     * @param byMax whether beta is a fraction of 255
     * @param mean the image mean over all channel values (used only when {@code byMax} is false)
     * @return the table
     */
    public static byte[] table(double alpha, double beta, boolean byMax, double mean) {
        float a = (float) alpha;
        float offset = (float) (byMax ? beta * 255 : alpha * beta * mean);
        byte[] lut = new byte[256];
        for (int i = 0; i < 256; i++) {
            float t = i;
            if (alpha != 1) {
                t *= a;
            }
            if (beta != 0) {
                t += offset;
            }
            lut[i] = (byte) (int) Math.max(0f, Math.min(255f, t));
        }
        return lut;
    }
}
