package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * Converts to grey and back to three equal channels (Albumentations' {@code ToGray}, OpenCV's
 * {@code RGB2GRAY} then {@code GRAY2RGB}): {@code g = (9798 R + 19235 G + 3735 B + 16384) >> 15},
 * OpenCV's 15-bit fixed point, bit-exact. No parameters. Immutable and thread-safe.
 */
public final class ToGray extends ImageTransform {

    /**
     * Creates the transform.
     *
     * @param p probability of applying, 0..1 (default 0.5)
     */
    public ToGray(double p) {
        super("ToGray", p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.EMPTY;
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return gray(image);
    }

    /**
     * The grey version of an image, three equal channels.
     *
     * @param image the image
     * @return the new image
     */
    public static RgbImage gray(RgbImage image) {
        byte[] in = image.buffer();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int g =
                    (9798 * (in[i] & 0xFF)
                                    + 19235 * (in[i + 1] & 0xFF)
                                    + 3735 * (in[i + 2] & 0xFF)
                                    + 16384)
                            >> 15;
            byte b = (byte) g;
            out[i] = b;
            out[i + 1] = b;
            out[i + 2] = b;
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }
}
