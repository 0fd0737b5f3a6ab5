package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Shifts hue, saturation and value (Albumentations' {@code HueSaturationValue}).
 *
 * <p>Sampling, in this order: {@code U(-hue, hue)}, {@code U(-sat, sat)}, {@code U(-val, val)}. The
 * image goes through OpenCV's 8-bit RGB to HSV conversion (H in 0..179 = degrees / 2), then {@code
 * h' = trunc((h + dh) mod 180)}, {@code s' = trunc(clip(s + ds, 0, 255))}, {@code v' = trunc(clip(v
 * + dv, 0, 255))} as lookup tables, and back. Parameters: {@code hue}, {@code sat}, {@code val}.
 * Immutable and thread-safe.
 */
public final class HueSaturationValue extends ImageTransform {
    private final double hueLimit;
    private final double satLimit;
    private final double valLimit;

    /**
     * Creates the transform.
     *
     * @param hueLimit hue shift limit in OpenCV hue units (default 20)
     * @param satLimit saturation shift limit in levels (default 30)
     * @param valLimit value shift limit in levels (default 20)
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if a limit is negative
     */
    public HueSaturationValue(double hueLimit, double satLimit, double valLimit, double p) {
        super("HueSaturationValue", p);
        if (!(hueLimit >= 0) || !(satLimit >= 0) || !(valLimit >= 0)) {
            throw new IllegalArgumentException(
                    "HueSaturationValue: limits must be >= 0, got "
                            + hueLimit
                            + ", "
                            + satLimit
                            + ", "
                            + valLimit);
        }
        this.hueLimit = hueLimit;
        this.satLimit = satLimit;
        this.valLimit = valLimit;
    }

    /**
     * Albumentations' defaults: 20, 30, 20.
     *
     * @param p probability of applying
     * @return the transform
     */
    public static HueSaturationValue defaults(double p) {
        return new HueSaturationValue(20, 30, 20, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        double h = uniform(random, -hueLimit, hueLimit);
        double s = uniform(random, -satLimit, satLimit);
        double v = uniform(random, -valLimit, valLimit);
        return Params.of("hue", h, "sat", s, "val", v);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return shift(
                image, params.getDouble("hue"), params.getDouble("sat"), params.getDouble("val"));
    }

    /**
     * Albumentations' {@code shift_hsv} on an 8-bit RGB image.
     *
     * @param image the image
     * @param hueShift hue shift in OpenCV hue units (degrees / 2)
     * @param satShift saturation shift in levels
     * @param valShift value shift in levels
     * @return the new image
     */
    public static RgbImage shift(
            RgbImage image, double hueShift, double satShift, double valShift) {
        if (hueShift == 0 && satShift == 0 && valShift == 0) {
            return image;
        }
        byte[] hue = new byte[256];
        byte[] sat = new byte[256];
        byte[] val = new byte[256];
        for (int i = 0; i < 256; i++) {
            double h = (i + hueShift) % 180;
            hue[i] = (byte) (int) (h < 0 ? h + 180 : h);
            sat[i] = (byte) (int) Math.max(0, Math.min(255, i + satShift));
            val[i] = (byte) (int) Math.max(0, Math.min(255, i + valShift));
        }
        try (Mat src = OpenCvImages.toMat(image);
                Mat hsv = new Mat()) {
            opencv_imgproc.cvtColor(src, hsv, opencv_imgproc.COLOR_RGB2HSV);
            ByteBuffer b = hsv.createBuffer();
            int n = image.width() * image.height() * 3;
            for (int i = 0; i < n; i += 3) {
                b.put(i, hue[b.get(i) & 0xFF]);
                b.put(i + 1, sat[b.get(i + 1) & 0xFF]);
                b.put(i + 2, val[b.get(i + 2) & 0xFF]);
            }
            opencv_imgproc.cvtColor(hsv, src, opencv_imgproc.COLOR_HSV2RGB);
            return OpenCvImages.fromMat(src);
        }
    }
}
