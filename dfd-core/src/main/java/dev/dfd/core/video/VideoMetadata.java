package dev.dfd.core.video;

import java.util.Objects;

/**
 * What a {@link FrameSource} knows about its media before decoding it.
 *
 * @param source a name for the media, usually its path, used in messages
 * @param width width in pixels of the frames as delivered (after rotation)
 * @param height height in pixels of the frames as delivered (after rotation)
 * @param frameRate frames per second, 0 when unknown or for still images
 * @param frameCount number of frames, as the container reports it (an estimate for some formats); 1
 *     for a still image
 * @param durationMicros duration in microseconds, 0 for a still image
 * @param rotationDegrees clockwise rotation, one of 0, 90, 180, 270, applied to deliver upright
 *     frames
 * @param codec the video codec name (for example {@code h264}), or the image format
 */
public record VideoMetadata(
        String source,
        int width,
        int height,
        double frameRate,
        int frameCount,
        long durationMicros,
        int rotationDegrees,
        String codec) {
    /** Checks the arguments. */
    public VideoMetadata {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(codec, "codec");
        if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
            throw new IllegalArgumentException(
                    "rotation must be 0, 90, 180 or 270, got " + rotationDegrees);
        }
    }
}
