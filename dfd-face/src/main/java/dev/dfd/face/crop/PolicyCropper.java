package dev.dfd.face.crop;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Cuts faces out of frames as a {@link CropPolicy} says, with OpenCV doing the resampling.
 *
 * <p>The steps, for a face box of width {@code w} and height {@code h}:
 *
 * <ol>
 *   <li>Margin: the box grows by {@code marginFraction * w + marginPixels} on the left and right
 *       and by {@code marginFraction * h + marginPixels} at the top and bottom.
 *   <li>Square (if asked): the shorter side grows about the centre to the longer one.
 *   <li>The region's edges are rounded to the nearest pixel edge ({@link #pixelRect}), giving a
 *       region of at least 1 × 1 pixels. Parts of it outside the frame are filled with the policy's
 *       border value: the face is never shifted or stretched to stay inside the frame.
 *   <li>Alignment (if asked and the face has landmarks): the region is taken from the frame rotated
 *       about the centre between the eyes so that the eyes are level, with bilinear interpolation;
 *       the region keeps its size and its position relative to the eye centre.
 *   <li>Resize to {@code outputSize}: {@link CropPolicy.Resize#STRETCH} scales each axis to the
 *       output size; {@link CropPolicy.Resize#FIT_CONSTANT_BORDER} scales the longer side to the
 *       output size, the shorter one to {@code round(side * scale)}, and centres the result on the
 *       border colour; {@link CropPolicy.Resize#ISOTROPIC_PAD} is the DFDC winner's {@code
 *       IsotropicResize} followed by Albumentations' {@code PadIfNeeded}: a region whose longer
 *       side already equals the output size is not resampled, otherwise the longer side becomes the
 *       output size and the shorter one {@code (int) (side * scale)} (truncated), then the result
 *       is padded with the border colour, {@code (size - h) / 2} rows on top (integer division) and
 *       the rest at the bottom, likewise left and right. Every mode uses area interpolation when
 *       shrinking and bicubic interpolation when enlarging (in STRETCH, when either axis is
 *       enlarged).
 * </ol>
 *
 * <p>Thread-safe and stateless apart from its policy. The OpenCV matrices it uses live only during
 * one call and are freed before it returns; the crops are heap images.
 */
public final class PolicyCropper implements FaceCropper {
    private final CropPolicy policy;

    /**
     * Creates a cropper.
     *
     * @param policy the crop policy
     */
    public PolicyCropper(CropPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public CropPolicy policy() {
        return policy;
    }

    /**
     * The frame region a policy cuts for a face box: the box grown by the margin and, if the policy
     * asks for it, squared about its centre. Not clipped to the frame.
     *
     * @param policy the policy
     * @param box the face box in pixels of the frame
     * @return the region in pixels of the frame
     */
    public static Box region(CropPolicy policy, Box box) {
        double mx = policy.marginFraction() * box.width() + policy.marginPixels();
        double my = policy.marginFraction() * box.height() + policy.marginPixels();
        double x1 = box.x1() - mx;
        double y1 = box.y1() - my;
        double x2 = box.x2() + mx;
        double y2 = box.y2() + my;
        if (policy.square()) {
            double side = Math.max(x2 - x1, y2 - y1);
            double cx = (x1 + x2) / 2;
            double cy = (y1 + y2) / 2;
            x1 = cx - side / 2;
            x2 = cx + side / 2;
            y1 = cy - side / 2;
            y2 = cy + side / 2;
        }
        return new Box(x1, y1, x2, y2);
    }

    /**
     * The whole-pixel rectangle cut for a region: each edge rounded to the nearest integer (halves
     * up), the size at least one pixel.
     *
     * @param region a region in pixels of the frame
     * @return {@code {x, y, width, height}}; x and y may be negative or beyond the frame
     * @throws IllegalArgumentException if the region covers more than 2^26 pixels (a 8192 × 8192
     *     square) or lies more than 2^30 pixels from the origin
     */
    public static int[] pixelRect(Box region) {
        long x = Math.round(region.x1());
        long y = Math.round(region.y1());
        long w = Math.max(1, Math.round(region.x2()) - x);
        long h = Math.max(1, Math.round(region.y2()) - y);
        long far = 1L << 30;
        if (Math.abs(x) > far || Math.abs(y) > far || w > far || h > far || w * h > 1L << 26) {
            throw new IllegalArgumentException("crop region too large or too far away: " + region);
        }
        return new int[] {(int) x, (int) y, (int) w, (int) h};
    }

    /**
     * Cuts one face out of a frame.
     *
     * @param frame the frame the face was found in
     * @param frameIndex the frame's index, recorded in the crop
     * @param face the detection, in pixels of {@code frame}
     * @return the crop, {@code outputSize} square; its region is {@link #region} of the face box
     * @throws IllegalArgumentException if the region is too large or too far away (see {@link
     *     #pixelRect})
     */
    @Override
    public FaceCrop crop(RgbImage frame, int frameIndex, Face face) {
        Box region = region(policy, face.box());
        int[] rect = pixelRect(region);
        boolean align = policy.alignEyes() && face.hasLandmarks();
        try (Mat patch =
                        align
                                ? alignedPatch(frame, rect, face)
                                : OpenCvImages.toMat(cut(frame, rect, policy.borderValue()));
                Mat out = resize(patch)) {
            return new FaceCrop(OpenCvImages.fromMat(out), face, frameIndex, region);
        }
    }

    /**
     * Copies a rectangle of a frame, filling what lies outside the frame with a grey level.
     *
     * @param frame the frame
     * @param rect {@code {x, y, width, height}}, may leave the frame
     * @param borderValue grey level 0..255 for pixels outside the frame
     * @return the rectangle's pixels
     */
    static RgbImage cut(RgbImage frame, int[] rect, int borderValue) {
        int x = rect[0];
        int y = rect[1];
        int w = rect[2];
        int h = rect[3];
        if (x >= 0 && y >= 0 && x + w <= frame.width() && y + h <= frame.height()) {
            return frame.crop(x, y, w, h);
        }
        byte[] out = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        if (borderValue != 0) {
            Arrays.fill(out, (byte) borderValue);
        }
        int ix1 = Math.max(x, 0);
        int iy1 = Math.max(y, 0);
        int ix2 = (int) Math.min((long) x + w, frame.width());
        int iy2 = (int) Math.min((long) y + h, frame.height());
        byte[] src = frame.buffer();
        for (int row = iy1; row < iy2 && ix1 < ix2; row++) {
            System.arraycopy(
                    src,
                    (row * frame.width() + ix1) * 3,
                    out,
                    ((row - y) * w + (ix1 - x)) * 3,
                    (ix2 - ix1) * 3);
        }
        return RgbImage.wrap(w, h, out);
    }

    /**
     * The region taken from the frame rotated about the eye centre so that the eyes are level. A
     * patch pixel {@code p} shows the frame at {@code c + R(angle) (p + o - c)}, where {@code c} is
     * the eye centre, {@code o} the region's top-left corner and {@code angle} the slope of the
     * line from the left to the right eye.
     */
    private Mat alignedPatch(RgbImage frame, int[] rect, Face face) {
        Point left = face.landmarks().get(0);
        Point right = face.landmarks().get(1);
        double angle = Math.atan2(right.y() - left.y(), right.x() - left.x());
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double cx = (left.x() + right.x()) / 2;
        double cy = (left.y() + right.y()) / 2;

        // Affine map from patch pixels to frame pixels.
        double tx = cx + cos * (rect[0] - cx) - sin * (rect[1] - cy);
        double ty = cy + sin * (rect[0] - cx) + cos * (rect[1] - cy);
        double[][] corners = {{0, 0}, {rect[2], 0}, {0, rect[3]}, {rect[2], rect[3]}};
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] c : corners) {
            double fx = tx + cos * c[0] - sin * c[1];
            double fy = ty + sin * c[0] + cos * c[1];
            minX = Math.min(minX, fx);
            minY = Math.min(minY, fy);
            maxX = Math.max(maxX, fx);
            maxY = Math.max(maxY, fy);
        }

        // Only the frame area the rotated region covers (plus interpolation taps) is converted.
        int sx = (int) Math.floor(minX) - 2;
        int sy = (int) Math.floor(minY) - 2;
        int[] source = {sx, sy, (int) Math.ceil(maxX) + 3 - sx, (int) Math.ceil(maxY) + 3 - sy};
        Mat patch = new Mat();
        try (Mat src = OpenCvImages.toMat(cut(frame, source, policy.borderValue()));
                DoublePointer coefficients =
                        new DoublePointer(cos, -sin, tx - sx, sin, cos, ty - sy);
                Mat map = new Mat(2, 3, opencv_core.CV_64F, coefficients);
                Size size = new Size(rect[2], rect[3]);
                Scalar border = border()) {
            opencv_imgproc.warpAffine(
                    src,
                    patch,
                    map,
                    size,
                    opencv_imgproc.INTER_LINEAR | opencv_imgproc.WARP_INVERSE_MAP,
                    opencv_core.BORDER_CONSTANT,
                    border);
        }
        return patch;
    }

    private Scalar border() {
        int v = policy.borderValue();
        return new Scalar(v, v, v, 0);
    }

    private Mat resize(Mat patch) {
        int size = policy.outputSize();
        int w = patch.cols();
        int h = patch.rows();
        return switch (policy.resize()) {
            case STRETCH -> {
                boolean enlarge = size > w || size > h;
                yield resized(patch, size, size, enlarge);
            }
            case FIT_CONSTANT_BORDER -> {
                double scale = (double) size / Math.max(w, h);
                int nw = w >= h ? size : clampSize(Math.round(w * scale), size);
                int nh = w >= h ? clampSize(Math.round(h * scale), size) : size;
                try (Mat r = resized(patch, nw, nh, scale > 1)) {
                    yield padded(r, size);
                }
            }
            case ISOTROPIC_PAD -> {
                if (Math.max(w, h) == size) {
                    yield padded(patch, size);
                }
                double scale = (double) size / Math.max(w, h);
                int nw = w >= h ? size : clampSize((long) (w * scale), size);
                int nh = w >= h ? clampSize((long) (h * scale), size) : size;
                try (Mat r = resized(patch, nw, nh, scale > 1)) {
                    yield padded(r, size);
                }
            }
        };
    }

    private static int clampSize(long side, int size) {
        return (int) Math.max(1, Math.min(side, size));
    }

    private static Mat resized(Mat src, int w, int h, boolean enlarge) {
        Mat out = new Mat();
        if (src.cols() == w && src.rows() == h) {
            src.copyTo(out);
            return out;
        }
        int interpolation = enlarge ? opencv_imgproc.INTER_CUBIC : opencv_imgproc.INTER_AREA;
        try (Size size = new Size(w, h)) {
            opencv_imgproc.resize(src, out, size, 0, 0, interpolation);
        }
        return out;
    }

    /** Pads to size × size with the border colour: half the excess (rounded down) before. */
    private Mat padded(Mat src, int size) {
        int top = (size - src.rows()) / 2;
        int left = (size - src.cols()) / 2;
        int bottom = size - src.rows() - top;
        int right = size - src.cols() - left;
        Mat out = new Mat();
        try (Scalar border = border()) {
            opencv_core.copyMakeBorder(
                    src, out, top, bottom, left, right, opencv_core.BORDER_CONSTANT, border);
        }
        return out;
    }
}
