package dev.dfd.video;

import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import dev.dfd.core.video.VideoMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of still images as a video: the files with an image extension, sorted by file name
 * (plain {@link String} order, so {@code frame_10} sorts before {@code frame_9} unless the names
 * are zero-padded); frame index = position in that order; timestamp 0 (a folder has no clock).
 *
 * <p>Files the sampling skips are never read. The metadata's width and height are those of the
 * first image; later images may differ in size. Holds no native memory between calls; not
 * thread-safe.
 */
public final class ImageFolderSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);

    private final List<Path> files;
    private final FrameSelection selection;
    private final Deadline deadline;
    private final VideoMetadata metadata;
    private RgbImage firstImage;
    private int nextIndex;
    private boolean closed;

    private ImageFolderSource(
            List<Path> files,
            FrameSelection selection,
            Deadline deadline,
            VideoMetadata metadata,
            RgbImage firstImage) {
        this.files = files;
        this.selection = selection;
        this.deadline = deadline;
        this.metadata = metadata;
        this.firstImage = firstImage;
    }

    /**
     * Lists a folder and decodes its first image (for the metadata).
     *
     * @param folder the folder
     * @param sampling which images to deliver
     * @return the source
     * @throws MediaException NOT_FOUND if the folder does not exist, NO_FRAMES if it holds no image
     *     file, NOT_MEDIA if its first image cannot be decoded
     */
    public static ImageFolderSource open(Path folder, FrameSampling sampling)
            throws MediaException {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(sampling, "sampling");
        Deadline deadline = Deadline.startingNow(sampling.timeBudgetMillis());
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files =
                    list.filter(Files::isRegularFile)
                            .filter(ImageDecoder::hasImageExtension)
                            .sorted(
                                    (a, b) ->
                                            a.getFileName()
                                                    .toString()
                                                    .compareTo(b.getFileName().toString()))
                            .collect(Collectors.toUnmodifiableList());
        } catch (NoSuchFileException e) {
            throw new MediaException(
                    MediaException.Kind.NOT_FOUND, folder.toString(), "no such folder", e);
        } catch (IOException e) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED, folder.toString(), "cannot list: " + e, e);
        }
        if (files.isEmpty()) {
            throw new MediaException(
                    MediaException.Kind.NO_FRAMES,
                    folder.toString(),
                    "no image file (extensions " + ImageDecoder.IMAGE_EXTENSIONS + ")");
        }
        RgbImage first = ImageDecoder.decode(files.get(0));
        String format;
        try {
            format = ImageDecoder.formatName(files.get(0));
        } catch (IOException e) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED,
                    files.get(0).toString(),
                    "cannot read: " + e,
                    e);
        }
        VideoMetadata metadata =
                new VideoMetadata(
                        folder.toString(),
                        first.width(),
                        first.height(),
                        0,
                        files.size(),
                        0,
                        0,
                        format);
        return new ImageFolderSource(
                files, new FrameSelection(sampling, files.size()), deadline, metadata, first);
    }

    @Override
    public VideoMetadata metadata() {
        return metadata;
    }

    /**
     * Decodes the next selected image.
     *
     * @return the frame, or empty when the selection is exhausted, the budget ran out, or the
     *     source is closed
     * @throws MediaException NOT_MEDIA if a selected file cannot be decoded, NOT_FOUND if it was
     *     removed after the folder was listed
     */
    @Override
    public Optional<Frame> next() throws MediaException {
        if (closed || deadline.expired()) {
            return Optional.empty();
        }
        int index = selection.nextSelectedAtOrAfter(nextIndex);
        if (index < 0) {
            nextIndex = files.size();
            return Optional.empty();
        }
        nextIndex = index + 1;
        RgbImage image;
        if (index == 0 && firstImage != null) {
            image = firstImage;
        } else {
            image = ImageDecoder.decode(files.get(index));
        }
        firstImage = null;
        LOG.debug("{}: frame {} from {}", metadata.source(), index, files.get(index));
        return Optional.of(new Frame(index, 0, image));
    }

    /**
     * Always 0: a folder's count is exact, and an unreadable image is an error, not a loss.
     *
     * @return 0
     */
    @Override
    public int framesLost() {
        return 0;
    }

    /** Marks the source closed. Idempotent. */
    @Override
    public void close() {
        closed = true;
        firstImage = null;
    }
}
