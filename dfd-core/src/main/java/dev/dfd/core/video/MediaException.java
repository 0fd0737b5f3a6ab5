package dev.dfd.core.video;

import java.io.IOException;
import java.util.Objects;

/**
 * A video or image that cannot be read, with the reason as a {@link Kind} a program can act on and
 * a message that names the file.
 */
public class MediaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the media could not be read. */
    public enum Kind {
        /** No file at that path. */
        NOT_FOUND,
        /** The file exists but is not a video or image any decoder understands. */
        NOT_MEDIA,
        /** A container with streams, but none of them video (for example audio only). */
        NO_VIDEO_STREAM,
        /** A video stream with no decodable frame. */
        NO_FRAMES,
        /** Decoding failed for another reason. */
        DECODE_FAILED
    }

    private final Kind kind;
    private final String source;

    /**
     * Creates the exception.
     *
     * @param kind the reason
     * @param source the file or name of the media
     * @param detail what went wrong, for a person
     * @param cause the underlying error, or null
     */
    public MediaException(Kind kind, String source, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Creates the exception without a cause. */
    public MediaException(Kind kind, String source, String detail) {
        this(kind, source, detail, null);
    }

    /** The reason. */
    public Kind kind() {
        return kind;
    }

    /** The file or name of the media. */
    public String source() {
        return source;
    }
}
