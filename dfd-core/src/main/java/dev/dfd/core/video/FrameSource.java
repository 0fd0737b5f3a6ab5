package dev.dfd.core.video;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the frames of one video, image or folder of images, upright and in order, as its {@link
 * FrameSampling} selects them.
 *
 * <p>A source is single-pass and not thread-safe: one thread reads it, then closes it. It owns
 * native decoder memory until {@link #close()}; the {@link Frame}s it returns are plain heap
 * objects that outlive it.
 */
public interface FrameSource extends AutoCloseable {

    /**
     * What the container says about the media.
     *
     * @return the metadata, available before the first frame is read
     */
    VideoMetadata metadata();

    /**
     * Decodes the next selected frame.
     *
     * @return the frame, or empty when the selection is exhausted, the time budget has run out, or
     *     the stream ended (possibly early, through damage: see {@link #framesLost()})
     * @throws IOException if the media cannot be read at all
     */
    Optional<Frame> next() throws IOException;

    /**
     * How many selected frames could not be delivered because the stream was damaged or ended
     * before the frame count its container announced. Meaningful once {@link #next()} has returned
     * empty.
     *
     * @return the number of frames lost, at least 0
     */
    int framesLost();

    /**
     * Reads all remaining selected frames.
     *
     * @return the frames in order
     * @throws IOException if the media cannot be read at all
     */
    default List<Frame> readAll() throws IOException {
        List<Frame> frames = new ArrayList<>();
        for (Optional<Frame> f = next(); f.isPresent(); f = next()) {
            frames.add(f.get());
        }
        return frames;
    }

    /** Frees the decoder. Idempotent. */
    @Override
    void close();
}
