package dev.dfd.video;

import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the right {@link FrameSource} for a path: a folder becomes an {@link ImageFolderSource}, a
 * still image (recognised by its first bytes, else its extension) an {@link ImageFileSource},
 * anything else a video decoded by FFmpeg ({@link FfmpegFrameSource}) with FFmpeg's automatic
 * choice of decoder threads.
 *
 * <p>Stateless and thread-safe; each source it returns owns its own native memory and is closed by
 * the caller.
 */
public final class FrameSources {
    private FrameSources() {}

    /**
     * Opens a video, image or folder of images.
     *
     * @param path a video file, an image file, or a folder of images
     * @param sampling which frames to deliver
     * @return the source; the caller closes it
     * @throws MediaException NOT_FOUND if nothing exists at the path; NOT_MEDIA if the file is
     *     neither an image OpenCV decodes nor a video FFmpeg opens; NO_VIDEO_STREAM for a media
     *     file without video (audio only); NO_FRAMES for a folder without images or a video
     *     container without any stream (see {@link FfmpegFrameSource#open(Path, FrameSampling,
     *     int)}); DECODE_FAILED if the file cannot be read or its video decoder cannot be opened. A
     *     video whose stream turns out empty fails later, in {@link FrameSource#next()}, with
     *     NO_FRAMES.
     */
    public static FrameSource open(Path path, FrameSampling sampling) throws MediaException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sampling, "sampling");
        if (Files.isDirectory(path)) {
            return ImageFolderSource.open(path, sampling);
        }
        if (!Files.exists(path)) {
            throw new MediaException(
                    MediaException.Kind.NOT_FOUND, path.toString(), "no such file");
        }
        boolean image;
        try {
            image = ImageDecoder.looksLikeImage(path);
        } catch (IOException e) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED, path.toString(), "cannot read: " + e, e);
        }
        return image
                ? ImageFileSource.open(path, sampling)
                : FfmpegFrameSource.open(path, sampling);
    }
}
