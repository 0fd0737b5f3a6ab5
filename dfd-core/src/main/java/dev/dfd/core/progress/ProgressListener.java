package dev.dfd.core.progress;

/**
 * Receives progress of long work (decoding many videos, extracting crops, training). Library code
 * reports through a listener and never prints; the command-line program draws the bar.
 *
 * <p>Implementations must be thread-safe: workers on several threads may report at once.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (done, total, message) -> {};

    /**
     * Reports progress.
     *
     * @param done units finished so far
     * @param total units in all, or -1 when unknown
     * @param message what was just finished, for a person (may be empty)
     */
    void progress(long done, long total, String message);
}
