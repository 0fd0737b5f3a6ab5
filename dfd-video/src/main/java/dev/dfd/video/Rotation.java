package dev.dfd.video;

import dev.dfd.core.image.RgbImage;

/**
 * Turns images by a multiple of 90 degrees, as the display matrix of a phone video asks.
 *
 * <p>Stateless and thread-safe. Holds no native memory.
 */
final class Rotation {
    private Rotation() {}

    /**
     * Normalises an angle to one of 0, 90, 180, 270, rounding to the nearest quarter turn.
     *
     * @param degrees any angle in degrees
     * @return 0, 90, 180 or 270
     */
    static int normalize(double degrees) {
        if (!Double.isFinite(degrees)) {
            return 0;
        }
        long quarters = Math.round(degrees / 90.0);
        return (int) Math.floorMod(quarters * 90, 360L);
    }

    /**
     * Rotates an image clockwise.
     *
     * @param image the image
     * @param clockwiseDegrees 0, 90, 180 or 270
     * @return the rotated image (the same instance for 0)
     * @throws IllegalArgumentException if the angle is not a quarter turn in [0, 360)
     */
    static RgbImage rotateClockwise(RgbImage image, int clockwiseDegrees) {
        int w = image.width();
        int h = image.height();
        byte[] src = image.buffer();
        switch (clockwiseDegrees) {
            case 0:
                return image;
            case 180:
                {
                    byte[] out = new byte[src.length];
                    int pixels = w * h;
                    for (int p = 0; p < pixels; p++) {
                        System.arraycopy(src, p * 3, out, (pixels - 1 - p) * 3, 3);
                    }
                    return RgbImage.wrap(w, h, out);
                }
            case 90:
            case 270:
                {
                    // The output is h wide and w high. Clockwise: out(x', y') = in(y', h-1-x').
                    byte[] out = new byte[src.length];
                    boolean clockwise = clockwiseDegrees == 90;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int outX = clockwise ? h - 1 - y : y;
                            int outY = clockwise ? x : w - 1 - x;
                            int s = (y * w + x) * 3;
                            int d = (outY * h + outX) * 3;
                            out[d] = src[s];
                            out[d + 1] = src[s + 1];
                            out[d + 2] = src[s + 2];
                        }
                    }
                    return RgbImage.wrap(h, w, out);
                }
            default:
                throw new IllegalArgumentException(
                        "rotation must be 0, 90, 180 or 270 degrees, got " + clockwiseDegrees);
        }
    }
}
