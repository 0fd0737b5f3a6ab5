package dev.dfd.augment;

import dev.dfd.core.image.RgbImage;

/**
 * The last step of a training pipeline: subtracts a per-channel mean and divides by a per-channel
 * standard deviation (both given for values in [0, 1]) and lays the result out channels first, as
 * Albumentations' {@code Normalize} followed by a HWC to CHW transpose.
 *
 * <p>The arithmetic is Albumentations' float32 arithmetic bit for bit: {@code m = float(mean) *
 * 255}, {@code r = 1 / (float(std) * 255)} and {@code out = (float(x) - m) * r}, a multiplication
 * by the float32 reciprocal, not a division. Immutable and thread-safe.
 */
public final class Normalize {
    private final float[] offset = new float[3];
    private final float[] factor = new float[3];

    /**
     * Creates the step.
     *
     * @param mean per-channel mean (R, G, B) of values scaled to [0, 1]
     * @param std per-channel standard deviation of values scaled to [0, 1], positive
     * @param maxPixelValue the value that maps to 1, 255 for 8-bit images
     * @throws IllegalArgumentException if the arrays do not have 3 entries or a std is not positive
     */
    public Normalize(double[] mean, double[] std, double maxPixelValue) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException(
                    "need 3 means and 3 stds, got " + mean.length + " and " + std.length);
        }
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + std[c]);
            }
            offset[c] = (float) mean[c] * (float) maxPixelValue;
            factor[c] = 1f / ((float) std[c] * (float) maxPixelValue);
        }
    }

    /** ImageNet statistics: mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225), max 255. */
    public static Normalize imageNet() {
        return new Normalize(
                new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, 255);
    }

    /**
     * Normalises an image into a new 3 x H x W float image.
     *
     * @param image the image
     * @return the channels-first float image
     */
    public FloatImage apply(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int plane = w * h;
        byte[] px = image.buffer();
        float[] out = new float[3 * plane];
        float m0 = offset[0];
        float m1 = offset[1];
        float m2 = offset[2];
        float r0 = factor[0];
        float r1 = factor[1];
        float r2 = factor[2];
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            out[i] = ((px[j] & 0xFF) - m0) * r0;
            out[plane + i] = ((px[j + 1] & 0xFF) - m1) * r1;
            out[2 * plane + i] = ((px[j + 2] & 0xFF) - m2) * r2;
        }
        return new FloatImage(3, h, w, out);
    }
}
