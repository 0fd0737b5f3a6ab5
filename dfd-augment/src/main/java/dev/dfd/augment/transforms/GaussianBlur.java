package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Blurs with a square Gaussian kernel (Albumentations' {@code GaussianBlur}) through OpenCV's
 * {@code GaussianBlur}, border {@code REFLECT_101}.
 *
 * <p>Sampling: the kernel size is an odd number chosen uniformly from {@code blurMin..blurMax},
 * then sigma {@code U(sigmaMin, sigmaMax)}; sigma 0 lets OpenCV derive it from the size (kernel
 * [1/4, 1/2, 1/4] for size 3, with exact rounding half up). Parameters: {@code ksize}, {@code
 * sigma}. Immutable and thread-safe.
 */
public final class GaussianBlur extends ImageTransform {
    private final int blurMin;
    private final int blurMax;
    private final double sigmaMin;
    private final double sigmaMax;

    /**
     * Creates the transform.
     *
     * @param blurMin least kernel size, odd, at least 3 (default 3)
     * @param blurMax largest kernel size, odd, at least blurMin (default 7; the winner used 3)
     * @param sigmaMin least sigma in pixels, at least 0 (default 0)
     * @param sigmaMax largest sigma in pixels (default 0)
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if the ranges are invalid
     */
    public GaussianBlur(int blurMin, int blurMax, double sigmaMin, double sigmaMax, double p) {
        super("GaussianBlur", p);
        if (blurMin < 3 || blurMin % 2 == 0 || blurMax < blurMin || blurMax % 2 == 0) {
            throw new IllegalArgumentException(
                    "GaussianBlur: kernel sizes must be odd and >= 3, got "
                            + blurMin
                            + ".."
                            + blurMax);
        }
        if (!(sigmaMin >= 0) || !(sigmaMax >= sigmaMin)) {
            throw new IllegalArgumentException(
                    "GaussianBlur: need 0 <= sigmaMin <= sigmaMax, got "
                            + sigmaMin
                            + ".."
                            + sigmaMax);
        }
        this.blurMin = blurMin;
        this.blurMax = blurMax;
        this.sigmaMin = sigmaMin;
        this.sigmaMax = sigmaMax;
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        int choices = (blurMax - blurMin) / 2 + 1;
        int ksize = blurMin + 2 * random.nextInt(choices);
        double sigma = uniform(random, sigmaMin, sigmaMax);
        return Params.of("ksize", ksize, "sigma", sigma);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return blur(image, params.getInt("ksize"), params.getDouble("sigma"));
    }

    /**
     * OpenCV's {@code GaussianBlur} with a square kernel.
     *
     * @param image the image
     * @param ksize odd kernel size
     * @param sigma sigma in pixels, 0 to derive it from the size
     * @return the blurred image
     */
    public static RgbImage blur(RgbImage image, int ksize, double sigma) {
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat();
                Size k = new Size(ksize, ksize)) {
            opencv_imgproc.GaussianBlur(src, dst, k, sigma);
            return OpenCvImages.fromMat(dst);
        }
    }
}
