package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Interpolation;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.nio.FloatBuffer;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shrinks the image by a factor and enlarges it back to its size (Albumentations' {@code
 * Downscale}), losing detail.
 *
 * <p>The scale is {@code U(scaleMin, scaleMax)}. The small size is OpenCV's {@code round(W * scale)
 * x round(H * scale)} ({@code cv2.resize(img, None, fx=scale, fy=scale)}). With nearest neighbour
 * both ways (Albumentations' behaviour when no interpolation is given, as in the 2020 pipeline) the
 * image stays 8-bit; with any other filter it goes through float32 {@code x / 255}, is clipped to
 * [0, 1], multiplied by 255 and truncated, as Albumentations does. Parameters: {@code scale}.
 * Immutable and thread-safe.
 */
public final class Downscale extends ImageTransform {
    private final double scaleMin;
    private final double scaleMax;
    private final Interpolation down;
    private final Interpolation up;

    /**
     * Creates the transform.
     *
     * @param scaleMin least scale, in (0, 1) (default 0.25)
     * @param scaleMax largest scale, scaleMin..1 (default 0.25)
     * @param down filter of the shrinking step
     * @param up filter of the enlarging step
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if the scales are out of range
     */
    public Downscale(
            double scaleMin, double scaleMax, Interpolation down, Interpolation up, double p) {
        super("Downscale", p);
        if (!(scaleMin > 0) || !(scaleMax >= scaleMin) || !(scaleMax < 1)) {
            throw new IllegalArgumentException(
                    "Downscale: need 0 < min <= max < 1, got " + scaleMin + ".." + scaleMax);
        }
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.down = down;
        this.up = up;
    }

    /**
     * Nearest neighbour both ways, Albumentations' effective default (and the 2020 pipeline's).
     *
     * @param scaleMin least scale
     * @param scaleMax largest scale
     * @param p probability of applying
     * @return the transform
     */
    public static Downscale nearest(double scaleMin, double scaleMax, double p) {
        return new Downscale(scaleMin, scaleMax, Interpolation.NEAREST, Interpolation.NEAREST, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.of("scale", uniform(random, scaleMin, scaleMax));
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return downscale(image, params.getDouble("scale"), down, up);
    }

    /**
     * Albumentations' {@code downscale} on an 8-bit image.
     *
     * @param image the image
     * @param scale the factor, in (0, 1)
     * @param down filter of the shrinking step
     * @param up filter of the enlarging step
     * @return the new image, same size
     */
    public static RgbImage downscale(
            RgbImage image, double scale, Interpolation down, Interpolation up) {
        int w = image.width();
        int h = image.height();
        if (down == Interpolation.NEAREST && up == Interpolation.NEAREST) {
            try (Mat src = OpenCvImages.toMat(image);
                    Mat small = new Mat();
                    Mat out = new Mat();
                    Size zero = new Size(0, 0);
                    Size full = new Size(w, h)) {
                opencv_imgproc.resize(src, small, zero, scale, scale, down.openCvCode());
                opencv_imgproc.resize(small, out, full, 0, 0, up.openCvCode());
                return OpenCvImages.fromMat(out);
            }
        }
        byte[] px = image.buffer();
        float[] f = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            f[i] = (px[i] & 0xFF) / 255f;
        }
        try (Mat src = new Mat(h, w, opencv_core.CV_32FC3);
                Mat small = new Mat();
                Mat out = new Mat();
                Size zero = new Size(0, 0);
                Size full = new Size(w, h)) {
            FloatBuffer in = src.createBuffer();
            in.put(f);
            opencv_imgproc.resize(src, small, zero, scale, scale, down.openCvCode());
            opencv_imgproc.resize(small, out, full, 0, 0, up.openCvCode());
            float[] r = new float[px.length];
            FloatBuffer res = out.createBuffer();
            res.get(r);
            byte[] result = new byte[px.length];
            for (int i = 0; i < r.length; i++) {
                float v = Math.max(0f, Math.min(1f, r[i]));
                result[i] = (byte) (int) (v * 255f);
            }
            return RgbImage.wrap(w, h, result);
        }
    }
}
