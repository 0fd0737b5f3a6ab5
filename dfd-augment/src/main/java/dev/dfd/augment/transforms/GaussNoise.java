package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Adds Gaussian noise (Albumentations' {@code GaussNoise}).
 *
 * <p>Sampling: the <b>variance</b> {@code var = U(varMin, varMax)} in squared grey levels (sigma =
 * sqrt(var), 3.2 to 7.1 levels for the default 10..50), then a 64-bit seed from which the noise
 * field is generated (a {@link SplittableRandom} with that seed, ziggurat normals). The field has
 * the image's full H x W x 3 shape (per channel) or H x W repeated over the channels; it is drawn
 * once per call from the primary image's size and the same field is added to every paired image.
 * {@code out = trunc(clip(x + noise, 0, 255))}: truncated, not rounded, so the output is on average
 * half a level darker, as in Albumentations. The field differs from numpy's (another generator);
 * its distribution is the same. Parameters: {@code sigma}, {@code seed}. Immutable and thread-safe.
 */
public final class GaussNoise extends ImageTransform {
    private final double varMin;
    private final double varMax;
    private final double mean;
    private final boolean perChannel;

    /**
     * Creates the transform.
     *
     * @param varMin least variance in squared grey levels, at least 0 (default 10)
     * @param varMax largest variance, at least varMin (default 50)
     * @param mean mean of the noise in grey levels (default 0)
     * @param perChannel whether each channel gets its own noise (default) or all share one field
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if the variance range is invalid
     */
    public GaussNoise(double varMin, double varMax, double mean, boolean perChannel, double p) {
        super("GaussNoise", p);
        if (!(varMin >= 0) || !(varMax >= varMin)) {
            throw new IllegalArgumentException(
                    "GaussNoise: need 0 <= varMin <= varMax, got " + varMin + ".." + varMax);
        }
        this.varMin = varMin;
        this.varMax = varMax;
        this.mean = mean;
        this.perChannel = perChannel;
    }

    /**
     * Albumentations' defaults: variance 10..50, mean 0, per channel.
     *
     * @param p probability of applying
     * @return the transform
     */
    public static GaussNoise defaults(double p) {
        return new GaussNoise(10, 50, 0, true, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        double var = uniform(random, varMin, varMax);
        return Params.of("sigma", Math.sqrt(var), "seed", random.nextLong());
    }

    @Override
    public Targets applyTargets(Targets targets, Params params) {
        RgbImage first = targets.image();
        double[] field =
                field(
                        first.width(),
                        first.height(),
                        params.getDouble("sigma"),
                        params.getLong("seed"));
        List<RgbImage> paired = new ArrayList<>(targets.paired().size());
        for (RgbImage img : targets.paired()) {
            paired.add(addNoise(img, field));
        }
        return targets.withImages(addNoise(first, field), paired);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return addNoise(
                image,
                field(
                        image.width(),
                        image.height(),
                        params.getDouble("sigma"),
                        params.getLong("seed")));
    }

    /**
     * The noise field of this transform for a size, sigma and seed.
     *
     * @param width image width
     * @param height image height
     * @param sigma standard deviation in grey levels
     * @param seed the seed recorded in the parameters
     * @return H x W x 3 values, row-major, interleaved like the pixels
     */
    public double[] field(int width, int height, double sigma, long seed) {
        SplittableRandom g = new SplittableRandom(seed);
        int n = width * height;
        double[] f = new double[3 * n];
        if (perChannel) {
            for (int i = 0; i < f.length; i++) {
                f[i] = mean + sigma * g.nextGaussian();
            }
        } else {
            for (int i = 0; i < f.length; i += 3) {
                double v = mean + sigma * g.nextGaussian();
                f[i] = v;
                f[i + 1] = v;
                f[i + 2] = v;
            }
        }
        return f;
    }

    /**
     * Adds a noise field, clips to [0, 255] and truncates, as Albumentations' {@code gauss_noise}.
     *
     * @param image the image
     * @param field H x W x 3 values in grey levels, interleaved like the pixels
     * @return the new image
     * @throws IllegalArgumentException if the field's length does not match the image
     */
    public static RgbImage addNoise(RgbImage image, double[] field) {
        byte[] in = image.buffer();
        if (field.length != in.length) {
            throw new IllegalArgumentException(
                    "noise field of "
                            + field.length
                            + " values for "
                            + in.length
                            + " channel values");
        }
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            double v = (in[i] & 0xFF) + field[i];
            out[i] = (byte) (int) (v <= 0 ? 0 : v >= 255 ? 255 : v);
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }
}
