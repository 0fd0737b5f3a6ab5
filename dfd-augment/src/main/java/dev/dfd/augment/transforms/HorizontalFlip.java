package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Mirrors the image left to right: {@code out[y][x] = in[y][W-1-x]} (Albumentations' {@code
 * HorizontalFlip}, through OpenCV's {@code flip} like Albumentations). Key points map to {@code x'
 * = W - 1 - x}, boxes to {@code [W - x2, W - x1]}; landmark labels are not swapped (the left eye
 * stays first). Immutable and thread-safe.
 */
public final class HorizontalFlip extends ImageTransform {

    /**
     * Creates the flip.
     *
     * @param p probability of applying, 0..1 (Albumentations' default 0.5)
     */
    public HorizontalFlip(double p) {
        super("HorizontalFlip", p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.EMPTY;
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return flip(image);
    }

    /**
     * Mirrors an image left to right.
     *
     * @param image the image
     * @return the mirrored image
     */
    public static RgbImage flip(RgbImage image) {
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat()) {
            opencv_core.flip(src, dst, 1);
            return OpenCvImages.fromMat(dst);
        }
    }

    @Override
    protected Point applyPoint(Point point, Params params, int width, int height) {
        return new Point(width - 1 - point.x(), point.y());
    }

    @Override
    protected Box applyBox(Box box, Params params, int width, int height) {
        return new Box(width - box.x2(), box.y1(), width - box.x1(), box.y2());
    }
}
