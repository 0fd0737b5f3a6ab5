package dev.dfd.face.mtcnn;

import dev.dfd.core.image.RgbImage;

/**
 * Area resampling (PyTorch's {@code interpolate(mode='area')}, that is adaptive average pooling) of
 * any rectangle of one image, read from a summed-area table, with the result normalised for the
 * MTCNN networks as {@code (v - 127.5) * 0.0078125}.
 *
 * <p>Output pixel (i, j) of an {@code outH × outW} resize of a {@code h × w} rectangle averages the
 * input rows {@code floor(i*h/outH) .. ceil((i+1)*h/outH) - 1} and the columns likewise. The window
 * sum is an exact integer here, and PyTorch's float32 sum of the same 8-bit values is exact as long
 * as it stays below 2^24 (windows up to 256×256 pixels, that is pyramid levels of frames whose
 * shorter side is below about 3000 px); the average is then {@code sum / kh / kw} in float32 as
 * PyTorch divides, so the result is bit-identical to facenet-pytorch's. For larger windows this is
 * exact where PyTorch rounds. The table holds {@code 3 * (H+1) * (W+1)} ints that wrap around on
 * overflow (the differences of four corners are still exact, since a window sum fits in an int).
 *
 * <p>Holds only Java heap memory (12 bytes a pixel). Immutable after construction; thread-safe.
 */
final class AreaSampler {
    /** The normalisation offset of the MTCNN networks. */
    private static final float MEAN = 127.5f;

    /** The normalisation scale of the MTCNN networks, 1/128. */
    private static final float SCALE = 0.0078125f;

    private final int width;
    private final int height;
    private final int stride;
    private final int[] table;

    /**
     * Builds the summed-area table of an image.
     *
     * @param image the image
     */
    AreaSampler(RgbImage image) {
        this.width = image.width();
        this.height = image.height();
        this.stride = (width + 1) * 3;
        this.table = new int[stride * (height + 1)];
        byte[] px = image.buffer();
        for (int y = 0; y < height; y++) {
            int r = 0;
            int g = 0;
            int b = 0;
            int src = y * width * 3;
            int above = y * stride + 3;
            int out = above + stride;
            for (int x = 0; x < width; x++) {
                r += px[src] & 0xFF;
                g += px[src + 1] & 0xFF;
                b += px[src + 2] & 0xFF;
                table[out] = table[above] + r;
                table[out + 1] = table[above + 1] + g;
                table[out + 2] = table[above + 2] + b;
                src += 3;
                above += 3;
                out += 3;
            }
        }
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /**
     * Area-resizes the rectangle of columns {@code x0 .. x0+w-1} and rows {@code y0 .. y0+h-1} to
     * {@code outH × outW} and writes it normalised and pixel-interleaved (outH × outW × 3, the
     * channels-last layout facenet-pytorch feeds P-Net) at {@code offset} of {@code out}.
     *
     * @param x0 left column, 0-based, inside the image
     * @param y0 top row, 0-based, inside the image
     * @param w rectangle width, at least 1, {@code x0 + w <= width}
     * @param h rectangle height, at least 1, {@code y0 + h <= height}
     * @param outW output width, at least 1
     * @param outH output height, at least 1
     * @param out destination
     * @param offset where row 0, column 0, channel 0 goes
     */
    void resizeNormalisedInterleaved(
            int x0, int y0, int w, int h, int outW, int outH, float[] out, int offset) {
        int[] colStart = new int[outW];
        int[] colWidth = new int[outW];
        for (int j = 0; j < outW; j++) {
            int c0 = (int) ((long) j * w / outW);
            int c1 = (int) (((long) (j + 1) * w + outW - 1) / outW);
            colStart[j] = (x0 + c0) * 3;
            colWidth[j] = c1 - c0;
        }
        for (int i = 0; i < outH; i++) {
            int r0 = (int) ((long) i * h / outH);
            int r1 = (int) (((long) (i + 1) * h + outH - 1) / outH);
            int kh = r1 - r0;
            int top = (y0 + r0) * stride;
            int bottom = (y0 + r1) * stride;
            int dst = offset + i * outW * 3;
            for (int j = 0; j < outW; j++) {
                int left = colStart[j];
                int right = left + colWidth[j] * 3;
                int kw = colWidth[j];
                for (int c = 0; c < 3; c++) {
                    int sum =
                            table[bottom + right + c]
                                    - table[bottom + left + c]
                                    - table[top + right + c]
                                    + table[top + left + c];
                    float avg = (float) sum / kh / kw;
                    out[dst + 3 * j + c] = (avg - MEAN) * SCALE;
                }
            }
        }
    }
}
