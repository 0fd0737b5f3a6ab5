package dev.dfd.augment.transforms;

import dev.dfd.augment.BorderMode;
import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Shifts, scales and rotates the image in one bilinear affine warp (Albumentations' {@code
 * ShiftScaleRotate}), output the same size.
 *
 * <p>Sampling, in this order: {@code angle = U(-rotateLimit, rotateLimit)} degrees
 * (counter-clockwise as displayed), {@code scale = U(1 - scaleLimit, 1 + scaleLimit)}, {@code dx =
 * U(-shiftLimit, shiftLimit)}, {@code dy = U(-shiftLimit, shiftLimit)} (fractions of width and
 * height). The forward matrix is OpenCV's {@code getRotationMatrix2D(center, angle, scale)} plus
 * {@code (dx W, dy H)}; the centre is {@code (W/2 - 0.5, H/2 - 0.5)} since Albumentations 1.2.1
 * ({@link Center#PIXEL_CENTERS}, the default) and {@code (W/2, H/2)} before ({@link Center#LEGACY},
 * what every 2019-2020 release and the DFDC winner's pinned 1.0.0 used). The warp is {@code
 * cv2.warpAffine(INTER_LINEAR)}. Key points and boxes are moved by the same matrix. Parameters:
 * {@code angle}, {@code scale}, {@code dx}, {@code dy}. Immutable and thread-safe.
 */
public final class ShiftScaleRotate extends ImageTransform {
    /** The rotation centre convention. */
    public enum Center {
        /** {@code (W/2 - 0.5, H/2 - 0.5)}, the centre of the pixel grid (Albumentations 1.2.1+). */
        PIXEL_CENTERS,
        /** {@code (W/2, H/2)} (Albumentations up to 1.2.0). */
        LEGACY
    }

    private final double shiftLimit;
    private final double scaleLimit;
    private final double rotateLimit;
    private final BorderMode border;
    private final int value;
    private final Center center;

    private ShiftScaleRotate(Builder b) {
        super("ShiftScaleRotate", b.p);
        if (!(b.shiftLimit >= 0) || !(b.scaleLimit >= 0) || !(b.rotateLimit >= 0)) {
            throw new IllegalArgumentException(
                    "ShiftScaleRotate: limits must be >= 0, got shift "
                            + b.shiftLimit
                            + " scale "
                            + b.scaleLimit
                            + " rotate "
                            + b.rotateLimit);
        }
        if (b.value < 0 || b.value > 255) {
            throw new IllegalArgumentException(
                    "ShiftScaleRotate: border value must be 0..255, got " + b.value);
        }
        this.shiftLimit = b.shiftLimit;
        this.scaleLimit = b.scaleLimit;
        this.rotateLimit = b.rotateLimit;
        this.border = b.border;
        this.value = b.value;
        this.center = b.center;
    }

    /**
     * A builder with Albumentations' defaults: shift 0.0625, scale 0.1, rotate 45, border
     * REFLECT_101, value 0, pixel-centre rotation, p 0.5.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        double angle = uniform(random, -rotateLimit, rotateLimit);
        double scale = uniform(random, 1 - scaleLimit, 1 + scaleLimit);
        double dx = uniform(random, -shiftLimit, shiftLimit);
        double dy = uniform(random, -shiftLimit, shiftLimit);
        return Params.of("angle", angle, "scale", scale, "dx", dx, "dy", dy);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        double[] m = matrix(image.width(), image.height(), params, center);
        return warp(image, m, border, value);
    }

    @Override
    protected Point applyPoint(Point point, Params params, int width, int height) {
        double[] m = matrix(width, height, params, center);
        return new Point(
                m[0] * point.x() + m[1] * point.y() + m[2],
                m[3] * point.x() + m[4] * point.y() + m[5]);
    }

    private static double[] matrix(int w, int h, Params params, Center center) {
        return matrix(
                w,
                h,
                params.getDouble("angle"),
                params.getDouble("scale"),
                params.getDouble("dx"),
                params.getDouble("dy"),
                center);
    }

    /**
     * The forward 2 x 3 matrix (input to output pixel coordinates), row-major.
     *
     * @param w image width
     * @param h image height
     * @param angle degrees, counter-clockwise as displayed
     * @param scale zoom factor
     * @param dx shift as a fraction of the width
     * @param dy shift as a fraction of the height
     * @param center the centre convention
     * @return {@code {m00, m01, m02, m10, m11, m12}}
     */
    public static double[] matrix(
            int w, int h, double angle, double scale, double dx, double dy, Center center) {
        double cx = center == Center.PIXEL_CENTERS ? w * 0.5 - 0.5 : w * 0.5;
        double cy = center == Center.PIXEL_CENTERS ? h * 0.5 - 0.5 : h * 0.5;
        double rad = angle * (Math.PI / 180);
        double a = Math.cos(rad) * scale;
        double b = Math.sin(rad) * scale;
        return new double[] {
            a, b, (1 - a) * cx - b * cy + dx * w, -b, a, b * cx + (1 - a) * cy + dy * h
        };
    }

    /**
     * {@code cv2.warpAffine(image, m, (W, H), INTER_LINEAR, border, value)}.
     *
     * @param image the image
     * @param m the forward 2 x 3 matrix, row-major
     * @param border the border mode
     * @param value grey level of a constant border
     * @return the warped image, same size
     */
    public static RgbImage warp(RgbImage image, double[] m, BorderMode border, int value) {
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat();
                Mat mat = new Mat(2, 3, opencv_core.CV_64F);
                Size size = new Size(image.width(), image.height());
                Scalar fill = new Scalar(value, value, value, 0)) {
            try (DoublePointer d = new DoublePointer(mat.data())) {
                d.put(m);
            }
            opencv_imgproc.warpAffine(
                    src, dst, mat, size, opencv_imgproc.INTER_LINEAR, border.openCvCode(), fill);
            return OpenCvImages.fromMat(dst);
        }
    }

    /** Builds a {@link ShiftScaleRotate}; not thread-safe. */
    public static final class Builder {
        private double shiftLimit = 0.0625;
        private double scaleLimit = 0.1;
        private double rotateLimit = 45;
        private BorderMode border = BorderMode.REFLECT_101;
        private int value;
        private Center center = Center.PIXEL_CENTERS;
        private double p = 0.5;

        private Builder() {}

        /**
         * Sets the shift limit, a fraction of width and height.
         *
         * @param limit at least 0
         * @return this builder
         */
        public Builder shiftLimit(double limit) {
            this.shiftLimit = limit;
            return this;
        }

        /**
         * Sets the scale limit: scale is drawn from {@code [1 - limit, 1 + limit]}.
         *
         * @param limit at least 0
         * @return this builder
         */
        public Builder scaleLimit(double limit) {
            this.scaleLimit = limit;
            return this;
        }

        /**
         * Sets the rotation limit in degrees.
         *
         * @param degrees at least 0
         * @return this builder
         */
        public Builder rotateLimit(double degrees) {
            this.rotateLimit = degrees;
            return this;
        }

        /**
         * Sets the border mode.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder border(BorderMode mode) {
            this.border = mode;
            return this;
        }

        /**
         * Sets the grey level of a constant border.
         *
         * @param grey 0..255
         * @return this builder
         */
        public Builder value(int grey) {
            this.value = grey;
            return this;
        }

        /**
         * Sets the rotation centre convention.
         *
         * @param convention the convention
         * @return this builder
         */
        public Builder center(Center convention) {
            this.center = convention;
            return this;
        }

        /**
         * Sets the probability of applying.
         *
         * @param probability 0..1
         * @return this builder
         */
        public Builder probability(double probability) {
            this.p = probability;
            return this;
        }

        /**
         * Builds the transform.
         *
         * @return the transform
         * @throws IllegalArgumentException if a setting is out of range
         */
        public ShiftScaleRotate build() {
            return new ShiftScaleRotate(this);
        }
    }
}
