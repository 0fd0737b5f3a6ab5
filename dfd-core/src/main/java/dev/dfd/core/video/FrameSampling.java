package dev.dfd.core.video;

/**
 * Which frames of a video a {@link FrameSource} delivers. A policy is plain data; the source
 * applies it while decoding so that frames it skips are never converted.
 *
 * <p>Every policy may carry a time budget: when decoding has taken longer than it, the source stops
 * early and delivers what it has (the DFDC had a hard inference budget per video).
 */
public sealed interface FrameSampling
        permits FrameSampling.All,
                FrameSampling.EveryKth,
                FrameSampling.EvenlySpaced,
                FrameSampling.FirstN {

    /**
     * Stop after this many milliseconds of decoding; {@code 0} means no limit.
     *
     * @return the budget in milliseconds, at least 0
     */
    long timeBudgetMillis();

    /**
     * Every frame.
     *
     * @param timeBudgetMillis see {@link FrameSampling#timeBudgetMillis()}
     */
    record All(long timeBudgetMillis) implements FrameSampling {
        /** Checks the arguments. */
        public All {
            checkBudget(timeBudgetMillis);
        }
    }

    /**
     * Frames 0, k, 2k, ...
     *
     * @param k the step, at least 1
     * @param timeBudgetMillis see {@link FrameSampling#timeBudgetMillis()}
     */
    record EveryKth(int k, long timeBudgetMillis) implements FrameSampling {
        /** Checks the arguments. */
        public EveryKth {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1, got " + k);
            }
            checkBudget(timeBudgetMillis);
        }
    }

    /**
     * {@code n} frames spread evenly over the video: the frames with indices {@code floor(i * count
     * / n)} for {@code i = 0 .. n-1}, where {@code count} is the frame count. A video with fewer
     * than {@code n} frames yields all of them.
     *
     * @param n number of frames, at least 1
     * @param timeBudgetMillis see {@link FrameSampling#timeBudgetMillis()}
     */
    record EvenlySpaced(int n, long timeBudgetMillis) implements FrameSampling {
        /** Checks the arguments. */
        public EvenlySpaced {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, got " + n);
            }
            checkBudget(timeBudgetMillis);
        }
    }

    /**
     * The first {@code n} frames.
     *
     * @param n number of frames, at least 1
     * @param timeBudgetMillis see {@link FrameSampling#timeBudgetMillis()}
     */
    record FirstN(int n, long timeBudgetMillis) implements FrameSampling {
        /** Checks the arguments. */
        public FirstN {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1, got " + n);
            }
            checkBudget(timeBudgetMillis);
        }
    }

    /** Every frame, no time limit. */
    static FrameSampling all() {
        return new All(0);
    }

    /** Every k-th frame, no time limit. */
    static FrameSampling everyKth(int k) {
        return new EveryKth(k, 0);
    }

    /** {@code n} evenly spaced frames, no time limit. */
    static FrameSampling evenlySpaced(int n) {
        return new EvenlySpaced(n, 0);
    }

    /** The first {@code n} frames, no time limit. */
    static FrameSampling firstN(int n) {
        return new FirstN(n, 0);
    }

    private static void checkBudget(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("time budget must be >= 0 ms, got " + millis);
        }
    }
}
