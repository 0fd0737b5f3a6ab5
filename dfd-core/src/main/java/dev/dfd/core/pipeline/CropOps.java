package dev.dfd.core.pipeline;

import dev.dfd.core.image.RgbImage;

/** The two pixel operations of test-time augmentation, on small crops. Stateless. */
final class CropOps {
    private CropOps() {}

    static RgbImage flipHorizontal(RgbImage img) {
        int w = img.width();
        int h = img.height();
        byte[] src = img.buffer();
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            for (int x = 0; x < w; x++) {
                int s = row + x * 3;
                int d = row + (w - 1 - x) * 3;
                out[d] = src[s];
                out[d + 1] = src[s + 1];
                out[d + 2] = src[s + 2];
            }
        }
        return RgbImage.wrap(w, h, out);
    }

    static RgbImage scaleBrightness(RgbImage img, double relative) {
        if (relative == 0) {
            return img;
        }
        byte[] lut = new byte[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = (byte) Math.min(255, Math.max(0, (int) (v * (1 + relative))));
        }
        byte[] src = img.buffer();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = lut[src[i] & 0xFF];
        }
        return RgbImage.wrap(img.width(), img.height(), out);
    }
}
