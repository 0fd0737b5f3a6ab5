package dev.dfd.core.checkpoint;

import java.io.IOException;

/**
 * A checkpoint that cannot be used: unreadable, truncated or corrupt, unsafe (a pickle naming a
 * global other than the few a state dict needs), or not matching the block it is loaded into. The
 * message names the file and, where it applies, every offending key. Immutable once thrown; holds
 * no native memory.
 */
public class CheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, starting with the file name
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong, starting with the file name
     * @param cause the underlying error
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
