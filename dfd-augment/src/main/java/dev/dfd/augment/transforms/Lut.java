package dev.dfd.augment.transforms;

import dev.dfd.core.image.RgbImage;

/** Applies 256-entry lookup tables to 8-bit images. Stateless. */
final class Lut {
    private Lut() {}

    /**
     * Maps every channel value of an image through one table.
     *
     * @param image the image
     * @param lut 256 entries
     * @return the new image
     */
    static RgbImage apply(RgbImage image, byte[] lut) {
        byte[] in = image.buffer();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = lut[in[i] & 0xFF];
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }

    /**
     * Mean of all channel values, in float64 as numpy's {@code img.mean()}.
     *
     * @param image the image
     * @return the mean, 0..255
     */
    static double mean(RgbImage image) {
        byte[] in = image.buffer();
        long sum = 0;
        for (byte b : in) {
            sum += b & 0xFF;
        }
        return (double) sum / in.length;
    }
}
