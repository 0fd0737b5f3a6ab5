package dev.dfd.video;

/**
 * The time budget of a {@link dev.dfd.core.video.FrameSampling}, counted from the moment a source
 * is opened.
 *
 * <p>Immutable and thread-safe.
 */
final class Deadline {
    private final long startNanos;
    private final long budgetNanos;

    private Deadline(long startNanos, long budgetNanos) {
        this.startNanos = startNanos;
        this.budgetNanos = budgetNanos;
    }

    /**
     * Starts the clock now.
     *
     * @param budgetMillis the budget in milliseconds; 0 means no limit
     * @return the deadline
     */
    static Deadline startingNow(long budgetMillis) {
        return new Deadline(System.nanoTime(), budgetMillis * 1_000_000L);
    }

    /** Whether the budget is limited and has run out. */
    boolean expired() {
        return budgetNanos > 0 && System.nanoTime() - startNanos >= budgetNanos;
    }
}
