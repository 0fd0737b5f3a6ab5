package dev.dfd.core.video;

import dev.dfd.core.image.RgbImage;
import java.util.Objects;

/**
 * One decoded frame of a video (or one still image), upright after any rotation metadata.
 *
 * @param index the frame's 0-based position in the decoding order of its source
 * @param timestampMicros presentation time in microseconds from the start, 0 for a still image
 * @param image the pixels
 */
public record Frame(int index, long timestampMicros, RgbImage image) {
    /** Checks the arguments. */
    public Frame {
        if (index < 0) {
            throw new IllegalArgumentException("frame index must be >= 0, got " + index);
        }
        Objects.requireNonNull(image, "image");
    }
}
