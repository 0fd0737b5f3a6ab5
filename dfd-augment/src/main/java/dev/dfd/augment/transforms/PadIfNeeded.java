package dev.dfd.augment.transforms;

import dev.dfd.augment.BorderMode;
import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Pads the image to at least a size, centred (Albumentations' {@code PadIfNeeded}): {@code top =
 * trunc((minHeight - H) / 2)}, bottom the rest, likewise left and right. Key points and boxes are
 * shifted. No parameters. Immutable and thread-safe.
 */
public final class PadIfNeeded extends ImageTransform {
    private final int minHeight;
    private final int minWidth;
    private final BorderMode border;
    private final int value;

    /**
     * Creates the transform.
     *
     * @param minHeight least output height in pixels, at least 1
     * @param minWidth least output width in pixels, at least 1
     * @param border how the padding is filled (Albumentations' default REFLECT_101; the winner's
     *     CONSTANT)
     * @param value grey level 0..255 of a constant border
     * @param p probability of applying, 0..1 (default 1)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public PadIfNeeded(int minHeight, int minWidth, BorderMode border, int value, double p) {
        super("PadIfNeeded", p);
        if (minHeight < 1 || minWidth < 1 || value < 0 || value > 255) {
            throw new IllegalArgumentException(
                    "PadIfNeeded: bad size " + minWidth + "x" + minHeight + " or value " + value);
        }
        this.minHeight = minHeight;
        this.minWidth = minWidth;
        this.border = border;
        this.value = value;
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.EMPTY;
    }

    private int[] pads(int w, int h) {
        int top = 0;
        int bottom = 0;
        int left = 0;
        int right = 0;
        if (h < minHeight) {
            top = (minHeight - h) / 2;
            bottom = minHeight - h - top;
        }
        if (w < minWidth) {
            left = (minWidth - w) / 2;
            right = minWidth - w - left;
        }
        return new int[] {top, bottom, left, right};
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        int[] pad = pads(image.width(), image.height());
        if (pad[0] + pad[1] + pad[2] + pad[3] == 0) {
            return image;
        }
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat();
                Scalar fill = new Scalar(value, value, value, 0)) {
            opencv_core.copyMakeBorder(
                    src, dst, pad[0], pad[1], pad[2], pad[3], border.openCvCode(), fill);
            return OpenCvImages.fromMat(dst);
        }
    }

    @Override
    protected Point applyPoint(Point point, Params params, int width, int height) {
        int[] pad = pads(width, height);
        return new Point(point.x() + pad[2], point.y() + pad[0]);
    }
}
