package dev.dfd.train.optim;

/**
 * The learning rate as a function of the optimisation step (0-based).
 *
 * <p>Schedules are stateless, so a resumed run gets the same rate at the same step.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate at a step.
     *
     * @param step the number of optimiser updates already made, from 0
     * @return the rate, at least 0
     */
    double at(long step);

    /** A constant rate. */
    static LearningRateSchedule constant(double rate) {
        requireRate(rate);
        return step -> rate;
    }

    /**
     * Multiplies the rate by {@code gamma} every {@code stepSize} steps (PyTorch's StepLR).
     *
     * @param rate the initial rate
     * @param stepSize steps between decays, at least 1
     * @param gamma the decay factor, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule step(double rate, long stepSize, double gamma) {
        requireRate(rate);
        if (stepSize < 1 || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException(
                    "step size must be >= 1 and gamma in (0, 1], got " + stepSize + ", " + gamma);
        }
        return step -> rate * Math.pow(gamma, Math.floorDiv(step, stepSize));
    }

    /**
     * Cosine annealing from {@code rate} to {@code minRate} over {@code totalSteps}, then flat.
     *
     * @param rate the initial rate
     * @param minRate the final rate, in [0, rate]
     * @param totalSteps the length of the decay, at least 1
     * @return the schedule
     */
    static LearningRateSchedule cosine(double rate, double minRate, long totalSteps) {
        requireRate(rate);
        if (totalSteps < 1 || !(minRate >= 0 && minRate <= rate)) {
            throw new IllegalArgumentException(
                    "need totalSteps >= 1 and 0 <= minRate <= rate, got "
                            + totalSteps
                            + ", "
                            + minRate);
        }
        return step -> {
            double t = Math.min(step, totalSteps) / (double) totalSteps;
            return minRate + (rate - minRate) * 0.5 * (1 + Math.cos(Math.PI * t));
        };
    }

    /**
     * Polynomial decay {@code rate * (1 - step / totalSteps)^power} (the DFDC winner's "poly"
     * schedule with power 0.9), 0 after {@code totalSteps}.
     *
     * @param rate the initial rate
     * @param totalSteps the length of the decay, at least 1
     * @param power the exponent, positive
     * @return the schedule
     */
    static LearningRateSchedule polynomial(double rate, long totalSteps, double power) {
        requireRate(rate);
        if (totalSteps < 1 || !(power > 0)) {
            throw new IllegalArgumentException(
                    "need totalSteps >= 1 and power > 0, got " + totalSteps + ", " + power);
        }
        return step -> rate * Math.pow(1 - Math.min(step, totalSteps) / (double) totalSteps, power);
    }

    /**
     * This schedule preceded by a linear warm-up from 0 over {@code warmupSteps}; the schedule
     * itself starts counting after the warm-up.
     *
     * @param warmupSteps steps of warm-up, at least 0
     * @return the schedule with warm-up
     */
    default LearningRateSchedule withWarmup(long warmupSteps) {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
        }
        LearningRateSchedule after = this;
        return step ->
                step < warmupSteps
                        ? after.at(0) * (step + 1) / (double) (warmupSteps + 1)
                        : after.at(step - warmupSteps);
    }

    private static void requireRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(
                    "learning rate must be finite and >= 0, got " + rate);
        }
    }
}
