package dev.dfd.face.crop;

import dev.dfd.core.image.RgbImage;

/**
 * Pillow's {@code Image.resize(size, Image.BILINEAR)} for 8-bit RGB images, reproduced to the
 * integer: a separable convolution with a triangle filter whose support grows with the reduction
 * factor (so it antialiases when shrinking), weights in 22-bit fixed point, the horizontal pass
 * first with its result rounded and clipped to 8 bits, then the vertical pass (Pillow's {@code
 * libImaging/Resample.c}).
 *
 * <p>Stateless and thread-safe; heap memory only.
 */
final class PillowBilinear {
    private static final int PRECISION_BITS = 32 - 8 - 2;

    private PillowBilinear() {}

    /**
     * Resizes an image.
     *
     * @param src the image
     * @param outWidth output width, at least 1
     * @param outHeight output height, at least 1
     * @return the resized image
     */
    static RgbImage resize(RgbImage src, int outWidth, int outHeight) {
        RgbImage horizontal =
                outWidth == src.width()
                        ? src
                        : horizontalPass(src, coefficients(src.width(), outWidth));
        if (outHeight == src.height()) {
            return horizontal;
        }
        return verticalPass(horizontal, coefficients(src.height(), outHeight));
    }

    /** Per output index: the first input tap, the number of taps, and fixed-point weights. */
    private record Taps(int[] first, int[] count, int[][] weights) {}

    private static Taps coefficients(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double[] w = new double[Math.max(xmax, 0)];
            double sum = 0;
            for (int x = 0; x < xmax; x++) {
                double t = Math.abs((x + xmin - center + 0.5) / filterScale);
                w[x] = t < 1 ? 1 - t : 0;
                sum += w[x];
            }
            int[] fixed = new int[w.length];
            for (int x = 0; x < w.length; x++) {
                double v = sum != 0 ? w[x] / sum : w[x];
                fixed[x] =
                        (int)
                                (v < 0
                                        ? -0.5 + v * (1 << PRECISION_BITS)
                                        : 0.5 + v * (1 << PRECISION_BITS));
            }
            first[xx] = xmin;
            count[xx] = w.length;
            weights[xx] = fixed;
        }
        return new Taps(first, count, weights);
    }

    private static int clip8(int acc) {
        int v = acc >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }

    private static RgbImage horizontalPass(RgbImage src, Taps taps) {
        int outW = taps.first().length;
        int h = src.height();
        int inW = src.width();
        byte[] in = src.buffer();
        byte[] out = new byte[outW * h * 3];
        for (int y = 0; y < h; y++) {
            int rowStart = y * inW * 3;
            for (int xx = 0; xx < outW; xx++) {
                int[] k = taps.weights()[xx];
                int base = rowStart + taps.first()[xx] * 3;
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int x = 0; x < taps.count()[xx]; x++) {
                    int p = base + x * 3;
                    r += (in[p] & 0xFF) * k[x];
                    g += (in[p + 1] & 0xFF) * k[x];
                    b += (in[p + 2] & 0xFF) * k[x];
                }
                int o = (y * outW + xx) * 3;
                out[o] = (byte) clip8(r);
                out[o + 1] = (byte) clip8(g);
                out[o + 2] = (byte) clip8(b);
            }
        }
        return RgbImage.wrap(outW, h, out);
    }

    private static RgbImage verticalPass(RgbImage src, Taps taps) {
        int outH = taps.first().length;
        int w = src.width();
        byte[] in = src.buffer();
        byte[] out = new byte[w * outH * 3];
        for (int yy = 0; yy < outH; yy++) {
            int[] k = taps.weights()[yy];
            int y0 = taps.first()[yy];
            for (int x = 0; x < w; x++) {
                int r = 1 << (PRECISION_BITS - 1);
                int g = r;
                int b = r;
                for (int y = 0; y < taps.count()[yy]; y++) {
                    int p = ((y0 + y) * w + x) * 3;
                    r += (in[p] & 0xFF) * k[y];
                    g += (in[p + 1] & 0xFF) * k[y];
                    b += (in[p + 2] & 0xFF) * k[y];
                }
                int o = (yy * w + x) * 3;
                out[o] = (byte) clip8(r);
                out[o + 1] = (byte) clip8(g);
                out[o + 2] = (byte) clip8(b);
            }
        }
        return RgbImage.wrap(w, outH, out);
    }
}
