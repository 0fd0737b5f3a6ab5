package dev.dfd.video;

import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import dev.dfd.core.video.VideoMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A single still image (JPEG, PNG, BMP, WebP, ...) as a one-frame source: frame 0, timestamp 0.
 * Every sampling policy selects that frame.
 *
 * <p>The image is decoded once when the source is opened (so that a bad file fails at once) and
 * held on the Java heap; the source owns no native memory. Not thread-safe. EXIF orientation is not
 * applied, as in Pillow's {@code Image.open}: a photo whose camera stored it sideways is delivered
 * sideways.
 */
public final class ImageFileSource implements FrameSource {
    private final VideoMetadata metadata;
    private RgbImage image;

    private ImageFileSource(VideoMetadata metadata, RgbImage image) {
        this.metadata = metadata;
        this.image = image;
    }

    /**
     * Opens and decodes an image file.
     *
     * @param file the image
     * @param sampling the policy; any policy selects the single frame
     * @return the source
     * @throws MediaException NOT_FOUND if the file does not exist, NOT_MEDIA if it is not an image
     *     OpenCV can decode
     */
    public static ImageFileSource open(Path file, FrameSampling sampling) throws MediaException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sampling, "sampling");
        if (!Files.isRegularFile(file)) {
            throw new MediaException(
                    MediaException.Kind.NOT_FOUND, file.toString(), "no such file");
        }
        RgbImage image = ImageDecoder.decode(file);
        String format;
        try {
            format = ImageDecoder.formatName(file);
        } catch (IOException e) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED, file.toString(), "cannot read: " + e, e);
        }
        VideoMetadata metadata =
                new VideoMetadata(
                        file.toString(), image.width(), image.height(), 0, 1, 0, 0, format);
        return new ImageFileSource(metadata, image);
    }

    @Override
    public VideoMetadata metadata() {
        return metadata;
    }

    /**
     * Returns the image as frame 0 the first time, then empty.
     *
     * @return the frame, or empty once delivered or closed
     */
    @Override
    public Optional<Frame> next() {
        if (image == null) {
            return Optional.empty();
        }
        Frame frame = new Frame(0, 0, image);
        image = null;
        return Optional.of(frame);
    }

    /**
     * Always 0: a still image is decoded whole or not at all.
     *
     * @return 0
     */
    @Override
    public int framesLost() {
        return 0;
    }

    /** Drops the image. Idempotent. */
    @Override
    public void close() {
        image = null;
    }
}
