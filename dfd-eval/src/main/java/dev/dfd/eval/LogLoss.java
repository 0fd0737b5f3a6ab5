package dev.dfd.eval;

/**
 * Binary cross-entropy (log loss) of probabilities of fake, the score of the Deepfake Detection
 * Challenge: {@code -mean(y log p + (1 - y) log(1 - p))}, natural logarithm, with p first clipped
 * to bounds.
 *
 * <p>Follows scikit-learn's {@code log_loss(y, clip(p, low, high))}. Stateless and thread-safe.
 */
public final class LogLoss {
    /** The bound of the DFDC score: probabilities are clipped to [1e-15, 1 - 1e-15]. */
    public static final double DFDC_EPSILON = 1e-15;

    private LogLoss() {}

    /**
     * The DFDC score: log loss with probabilities clipped to [{@link #DFDC_EPSILON}, 1 - {@link
     * #DFDC_EPSILON}], so that a confident wrong answer costs about 34.5, not infinity.
     *
     * @param scores labels and probabilities
     * @return the mean loss in nats, at least 0
     */
    public static double dfdc(LabeledScores scores) {
        return clipped(scores, ClipBounds.DFDC);
    }

    /**
     * Log loss after clipping every probability to bounds, as DFDC entrants did to limit the cost
     * of confident mistakes (for example to [0.1, 0.9]).
     *
     * @param scores labels and probabilities
     * @param bounds the clipping bounds
     * @return the mean loss in nats, at least 0
     */
    public static double clipped(LabeledScores scores, ClipBounds bounds) {
        double sum = 0;
        for (int i = 0; i < scores.size(); i++) {
            double p = bounds.clip(scores.score(i));
            sum -= scores.label(i) == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / scores.size();
    }
}
