package dev.dfd.augment.transforms;

import dev.dfd.core.image.RgbImage;
import java.util.Arrays;

/** Fills rectangles of an image with one grey level, for the dropout transforms. Stateless. */
final class Holes {
    private Holes() {}

    /**
     * Copies an image with holes filled.
     *
     * @param image the image
     * @param holes rows {@code x1, y1, x2, y2}, ends exclusive; clipped to the image
     * @param fill the grey level 0..255 written into all three channels
     * @return the new image
     */
    static RgbImage fill(RgbImage image, int[][] holes, int fill) {
        int w = image.width();
        int h = image.height();
        byte[] out = image.toByteArray();
        byte v = (byte) fill;
        for (int[] hole : holes) {
            int x1 = Math.max(0, hole[0]);
            int y1 = Math.max(0, hole[1]);
            int x2 = Math.min(w, hole[2]);
            int y2 = Math.min(h, hole[3]);
            for (int y = y1; y < y2; y++) {
                Arrays.fill(out, (y * w + x1) * 3, (y * w + Math.max(x1, x2)) * 3, v);
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
