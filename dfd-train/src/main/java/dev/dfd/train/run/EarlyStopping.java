package dev.dfd.train.run;

/**
 * Decides when training stops: after {@code patience} validations in a row without an improvement
 * of the monitored loss by more than {@code minDelta} (the 2020 reference: patience 10 on the
 * validation log loss).
 *
 * <p>A plain mutable tracker owned by one trainer; its state is three numbers so that a resumed run
 * restores it ({@link #restore}). Not thread-safe.
 */
public final class EarlyStopping {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private long bestStep = -1;
    private int sinceBest;

    /**
     * Creates the tracker.
     *
     * @param patience validations without improvement before stopping, at least 1
     * @param minDelta how much lower a loss must be to count as an improvement, at least 0
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 1 || !(minDelta >= 0)) {
            throw new IllegalArgumentException(
                    "patience must be >= 1 and minDelta >= 0, got " + patience + ", " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /**
     * Records a validation.
     *
     * @param step the training step it was made at
     * @param loss the monitored loss (lower is better); NaN never improves
     * @return whether this is a new best
     */
    public boolean record(long step, double loss) {
        if (loss < best - minDelta) {
            best = loss;
            bestStep = step;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** Whether training should stop now. */
    public boolean shouldStop() {
        return sinceBest >= patience;
    }

    /** The best loss so far, or +infinity before the first validation. */
    public double best() {
        return best;
    }

    /** The step of the best loss, or -1. */
    public long bestStep() {
        return bestStep;
    }

    /** Validations since the best one. */
    public int sinceBest() {
        return sinceBest;
    }

    /**
     * Restores the state of a saved run.
     *
     * @param best the best loss
     * @param bestStep its step
     * @param sinceBest validations since then
     */
    public void restore(double best, long bestStep, int sinceBest) {
        this.best = best;
        this.bestStep = bestStep;
        this.sinceBest = sinceBest;
    }
}
