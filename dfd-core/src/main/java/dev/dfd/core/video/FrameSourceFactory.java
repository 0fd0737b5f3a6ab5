package dev.dfd.core.video;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link FrameSource} for a file or folder; the seam through which the pipeline in dfd-core
 * reaches a decoder it does not depend on (dfd-video's {@code FrameSources::open}).
 */
@FunctionalInterface
public interface FrameSourceFactory {
    /**
     * Opens a source.
     *
     * @param media a video file, an image, or a folder of images
     * @param sampling which frames to deliver
     * @return the open source; the caller closes it
     * @throws IOException if the media cannot be opened ({@link MediaException} says why)
     */
    FrameSource open(Path media, FrameSampling sampling) throws IOException;
}
