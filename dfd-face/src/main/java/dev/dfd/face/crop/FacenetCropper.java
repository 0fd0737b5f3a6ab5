package dev.dfd.face.crop;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.image.RgbImage;

/**
 * The face crop of facenet-pytorch's {@code extract_face}, reproduced to the pixel: the box grown
 * by a margin given in pixels of the output, clamped to the image and truncated to whole pixels,
 * then stretched to a square with Pillow's antialiased {@code BILINEAR} resize (see {@link
 * PillowBilinear}). Use it to feed networks trained on facenet-pytorch crops (its default is 160 ×
 * 160, margin 0).
 *
 * <p>Unlike {@link PolicyCropper}, a box that leaves the image is cut at the image edge and the
 * remaining part stretched to the square, as facenet-pytorch does; nothing is filled. A box that
 * lies wholly outside the image yields a crop of the nearest one-pixel strip.
 *
 * <p>Thread-safe and stateless; heap memory only.
 */
public final class FacenetCropper implements FaceCropper {
    private final int imageSize;
    private final int margin;

    /**
     * Creates a cropper.
     *
     * @param imageSize output width and height in pixels, at least 1 (facenet-pytorch: 160)
     * @param margin margin in pixels of the output, split evenly between both sides, 0 ≤ margin
     *     &lt; imageSize (facenet-pytorch: 0)
     * @throws IllegalArgumentException if a value is out of range
     */
    public FacenetCropper(int imageSize, int margin) {
        if (imageSize < 1 || margin < 0 || margin >= imageSize) {
            throw new IllegalArgumentException(
                    "need imageSize >= 1 and 0 <= margin < imageSize, got "
                            + imageSize
                            + " and "
                            + margin);
        }
        this.imageSize = imageSize;
        this.margin = margin;
    }

    /** facenet-pytorch's defaults: 160 × 160, no margin. */
    public static FacenetCropper defaults() {
        return new FacenetCropper(160, 0);
    }

    /**
     * The equivalent policy: the output-pixel margin expressed as a fraction of the box, no
     * squaring, stretched. The resampling filter and the clamping differ from {@link
     * PolicyCropper}'s.
     */
    @Override
    public CropPolicy policy() {
        double fraction = margin / (2.0 * (imageSize - margin));
        return new CropPolicy(fraction, 0, false, imageSize, CropPolicy.Resize.STRETCH, 0, false);
    }

    /**
     * Cuts one face as {@code extract_face} does.
     *
     * @param frame the image
     * @param frameIndex the image's index, recorded in the crop
     * @param face the detection
     * @return the crop; its region is the box grown by the margin, before clamping
     */
    @Override
    public FaceCrop crop(RgbImage frame, int frameIndex, Face face) {
        Box box = face.box();
        double mx = margin * box.width() / (imageSize - margin);
        double my = margin * box.height() / (imageSize - margin);
        Box region =
                new Box(box.x1() - mx / 2, box.y1() - my / 2, box.x2() + mx / 2, box.y2() + my / 2);

        int left = clamp((int) Math.max(region.x1(), 0), frame.width() - 1);
        int top = clamp((int) Math.max(region.y1(), 0), frame.height() - 1);
        int right = Math.max((int) Math.min(region.x2(), frame.width()), left + 1);
        int bottom = Math.max((int) Math.min(region.y2(), frame.height()), top + 1);
        RgbImage cut = frame.crop(left, top, right - left, bottom - top);
        return new FaceCrop(
                PillowBilinear.resize(cut, imageSize, imageSize), face, frameIndex, region);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}
