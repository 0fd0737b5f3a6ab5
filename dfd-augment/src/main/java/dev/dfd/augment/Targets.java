package dev.dfd.augment;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What one augmentation call transforms: a primary image, any number of paired images that receive
 * the same sampled parameters (Albumentations' {@code additional_targets}, e.g. a fake frame and
 * the real frame it was made from), and optional key points and boxes in pixels of the primary
 * image.
 *
 * <p>Parameters that depend on the input (noise fields, dropout holes, sizes) are derived from the
 * primary image only. Paired images must have the primary image's size. Key points are five face
 * landmarks when face-specific dropouts are used (left eye, right eye, nose, left and right mouth
 * corner). Immutable and thread-safe; holds no native memory.
 *
 * @param image the primary image
 * @param paired further images transformed with the same parameters, same size as {@code image}
 * @param keypoints points (x right, y down, pixels) moved by geometric transforms
 * @param boxes boxes moved by geometric transforms (as the bounding box of their moved corners)
 */
public record Targets(
        RgbImage image, List<RgbImage> paired, List<Point> keypoints, List<Box> boxes) {
    /**
     * Checks the arguments and copies the lists.
     *
     * @throws IllegalArgumentException if a paired image's size differs from the primary image's
     */
    public Targets {
        Objects.requireNonNull(image, "image");
        paired = List.copyOf(paired);
        keypoints = List.copyOf(keypoints);
        boxes = List.copyOf(boxes);
        for (int i = 0; i < paired.size(); i++) {
            RgbImage other = paired.get(i);
            if (other.width() != image.width() || other.height() != image.height()) {
                throw new IllegalArgumentException(
                        "paired image "
                                + i
                                + " is "
                                + other.width()
                                + "x"
                                + other.height()
                                + " but the primary image is "
                                + image.width()
                                + "x"
                                + image.height());
            }
        }
    }

    /**
     * One image with nothing attached.
     *
     * @param image the image
     * @return the targets
     */
    public static Targets of(RgbImage image) {
        return new Targets(image, List.of(), List.of(), List.of());
    }

    /**
     * An image and its paired images.
     *
     * @param image the primary image
     * @param paired images of the same size that receive the same parameters
     * @return the targets
     * @throws IllegalArgumentException if a paired image's size differs
     */
    public static Targets paired(RgbImage image, RgbImage... paired) {
        return new Targets(image, List.of(paired), List.of(), List.of());
    }

    /**
     * These targets with the face's five landmarks as key points and its box as the only box (a
     * face without landmarks adds the box only).
     *
     * @param face a face in pixels of the primary image
     * @return the new targets
     */
    public Targets withFace(Face face) {
        return new Targets(image, paired, face.landmarks(), List.of(face.box()));
    }

    /**
     * These targets with other key points.
     *
     * @param points points in pixels of the primary image
     * @return the new targets
     */
    public Targets withKeypoints(List<Point> points) {
        return new Targets(image, paired, points, boxes);
    }

    /** The primary image followed by the paired images. */
    public List<RgbImage> images() {
        List<RgbImage> all = new ArrayList<>(1 + paired.size());
        all.add(image);
        all.addAll(paired);
        return all;
    }

    /**
     * Applies one image function to the primary and every paired image, keeping points and boxes.
     *
     * @param op the function
     * @return the new targets
     */
    public Targets mapImages(UnaryOperator<RgbImage> op) {
        List<RgbImage> p = new ArrayList<>(paired.size());
        for (RgbImage img : paired) {
            p.add(op.apply(img));
        }
        return new Targets(op.apply(image), p, keypoints, boxes);
    }

    /**
     * These targets with new images and the same points and boxes.
     *
     * @param newImage the new primary image
     * @param newPaired the new paired images
     * @return the new targets
     */
    public Targets withImages(RgbImage newImage, List<RgbImage> newPaired) {
        return new Targets(newImage, newPaired, keypoints, boxes);
    }
}
