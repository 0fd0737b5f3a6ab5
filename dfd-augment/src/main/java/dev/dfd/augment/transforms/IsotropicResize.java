package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Interpolation;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Resizes so that the longest side equals {@code maxSide}, keeping the aspect ratio (the DFDC
 * winner's {@code IsotropicResize}).
 *
 * <p>If the longest side already equals the target the input is returned. Otherwise {@code scale =
 * maxSide / longest} (the width when {@code W > H}, else the height), the longest side becomes
 * {@code maxSide} and the other {@code trunc(other * scale)}; the up filter is used when {@code
 * scale > 1}, the down filter otherwise. The winner's three variants all end up using AREA down and
 * CUBIC up (its {@code apply} ignores the per-instance filters), which is this class's default. Key
 * points and boxes are scaled. No parameters. Immutable and thread-safe.
 */
public final class IsotropicResize extends ImageTransform {
    private final int maxSide;
    private final Interpolation down;
    private final Interpolation up;

    /**
     * Creates the transform.
     *
     * @param maxSide target length of the longest side in pixels, at least 1
     * @param down filter when shrinking (the winner's: AREA)
     * @param up filter when enlarging (the winner's: CUBIC)
     * @param p probability of applying, 0..1 (the winner's: 1)
     * @throws IllegalArgumentException if maxSide is below 1
     */
    public IsotropicResize(int maxSide, Interpolation down, Interpolation up, double p) {
        super("IsotropicResize", p);
        if (maxSide < 1) {
            throw new IllegalArgumentException(
                    "IsotropicResize: max side must be >= 1, got " + maxSide);
        }
        this.maxSide = maxSide;
        this.down = down;
        this.up = up;
    }

    /**
     * AREA down, CUBIC up, always applied.
     *
     * @param maxSide target length of the longest side
     * @return the transform
     */
    public static IsotropicResize of(int maxSide) {
        return new IsotropicResize(maxSide, Interpolation.AREA, Interpolation.CUBIC, 1);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.EMPTY;
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        int w = image.width();
        int h = image.height();
        if (Math.max(w, h) == maxSide) {
            return image;
        }
        int[] size = outputSize(w, h);
        double scale = w > h ? (double) maxSide / w : (double) maxSide / h;
        Interpolation filter = scale > 1 ? up : down;
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat();
                Size s = new Size(size[0], size[1])) {
            opencv_imgproc.resize(src, dst, s, 0, 0, filter.openCvCode());
            return OpenCvImages.fromMat(dst);
        }
    }

    /**
     * The output size for an input size.
     *
     * @param w input width
     * @param h input height
     * @return {@code {width, height}}
     */
    public int[] outputSize(int w, int h) {
        if (Math.max(w, h) == maxSide) {
            return new int[] {w, h};
        }
        if (w > h) {
            double scale = (double) maxSide / w;
            return new int[] {maxSide, Math.max(1, (int) (h * scale))};
        }
        double scale = (double) maxSide / h;
        return new int[] {Math.max(1, (int) (w * scale)), maxSide};
    }

    @Override
    protected Point applyPoint(Point point, Params params, int width, int height) {
        int[] size = outputSize(width, height);
        return new Point(point.x() * size[0] / width, point.y() * size[1] / height);
    }
}
