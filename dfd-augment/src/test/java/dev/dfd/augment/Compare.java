package dev.dfd.augment;

import dev.dfd.core.image.RgbImage;

/**
 * How far an image is from a reference: the largest channel difference and the fraction of pixels
 * whose three channels are all within one grey level.
 *
 * @param maxDiff the largest absolute channel difference
 * @param withinOne fraction of pixels with every channel within 1 level
 * @param exact fraction of pixels equal in every channel
 */
record Compare(int maxDiff, double withinOne, double exact) {
    static Compare of(RgbImage actual, RgbImage expected) {
        if (actual.width() != expected.width() || actual.height() != expected.height()) {
            throw new AssertionError(
                    "size "
                            + actual.width()
                            + "x"
                            + actual.height()
                            + " != expected "
                            + expected.width()
                            + "x"
                            + expected.height());
        }
        byte[] a = actual.buffer();
        byte[] e = expected.buffer();
        int max = 0;
        int ok = 0;
        int same = 0;
        for (int i = 0; i < a.length; i += 3) {
            int d = 0;
            for (int c = 0; c < 3; c++) {
                d = Math.max(d, Math.abs((a[i + c] & 0xFF) - (e[i + c] & 0xFF)));
            }
            max = Math.max(max, d);
            if (d <= 1) {
                ok++;
            }
            if (d == 0) {
                same++;
            }
        }
        int n = a.length / 3;
        return new Compare(max, (double) ok / n, (double) same / n);
    }
}
