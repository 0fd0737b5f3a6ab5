package dev.dfd.core.face;

import dev.dfd.core.image.RgbImage;
import java.util.Objects;

/**
 * A classifier input cut from a frame.
 *
 * @param image the crop, {@code outputSize} square as its {@link CropPolicy} says
 * @param face the detection it was cut from
 * @param frameIndex index of the source frame
 * @param region the frame rectangle that was cut, after margin and squaring, before clipping to the
 *     frame
 */
public record FaceCrop(RgbImage image, Face face, int frameIndex, Box region) {
    /** Checks the arguments. */
    public FaceCrop {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(region, "region");
    }
}
