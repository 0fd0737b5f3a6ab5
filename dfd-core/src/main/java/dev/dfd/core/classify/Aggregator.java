package dev.dfd.core.classify;

/**
 * Turns the scores of one face's crops across a video into one probability.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface Aggregator {

    /**
     * Aggregates scores.
     *
     * @param scores probabilities of "fake", at least one
     * @return the aggregated probability, in [0, 1]
     * @throws IllegalArgumentException if {@code scores} is empty
     */
    double aggregate(double[] scores);

    /** The arithmetic mean. */
    static Aggregator mean() {
        return scores -> {
            requireScores(scores);
            double sum = 0;
            for (double s : scores) {
                sum += s;
            }
            return sum / scores.length;
        };
    }

    /**
     * The DFDC winner's "confident" strategy: when more than {@code max(11, n / 2.5)} scores exceed
     * 0.8, their mean; else when more than 90% of the scores are below 0.2, the mean of those; else
     * the plain mean. It trusts a few confident frames over a dilute average.
     */
    static Aggregator confident() {
        return confident(0.8, 11, 2.5, 0.2, 0.9);
    }

    /**
     * The "confident" strategy with explicit constants.
     *
     * @param fakeThreshold a score above this is a confident fake (winner: 0.8)
     * @param minFakeCount confident fakes decide only when they number more than this (winner: 11)
     * @param fakeCountDivisor and more than {@code n / fakeCountDivisor} (winner: 2.5)
     * @param realThreshold a score below this is a confident real (winner: 0.2)
     * @param realShare the share of confident reals above which they decide (winner: 0.9)
     * @return the aggregator
     */
    static Aggregator confident(
            double fakeThreshold,
            int minFakeCount,
            double fakeCountDivisor,
            double realThreshold,
            double realShare) {
        return scores -> {
            requireScores(scores);
            int n = scores.length;
            int fakes = 0;
            double fakeSum = 0;
            int reals = 0;
            double realSum = 0;
            double sum = 0;
            for (double s : scores) {
                sum += s;
                if (s > fakeThreshold) {
                    fakes++;
                    fakeSum += s;
                }
                if (s < realThreshold) {
                    reals++;
                    realSum += s;
                }
            }
            if (fakes > Math.max(minFakeCount, n / fakeCountDivisor)) {
                return fakeSum / fakes;
            }
            if (reals > realShare * n) {
                return realSum / reals;
            }
            return sum / n;
        };
    }

    /** The largest score. */
    static Aggregator max() {
        return scores -> {
            requireScores(scores);
            double m = scores[0];
            for (double s : scores) {
                m = Math.max(m, s);
            }
            return m;
        };
    }

    /**
     * This aggregator with its result clipped to {@code [low, high]}, which bounds the log-loss
     * penalty of a confident mistake (DFDC entries clipped to about [0.01, 0.99] or tighter).
     *
     * @param low lower bound, in [0, high]
     * @param high upper bound, in [low, 1]
     * @return the clipped aggregator
     */
    default Aggregator clipped(double low, double high) {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException(
                    "clip bounds must satisfy 0 <= low <= high <= 1, got " + low + ", " + high);
        }
        return scores -> Math.min(high, Math.max(low, aggregate(scores)));
    }

    private static void requireScores(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("nothing to aggregate: no scores");
        }
    }
}
