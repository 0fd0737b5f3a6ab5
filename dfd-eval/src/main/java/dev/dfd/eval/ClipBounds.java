package dev.dfd.eval;

/**
 * Bounds to which probabilities are clipped before the log loss: {@code min(max(p, low), high)}.
 *
 * @param low the lower bound, in (0, high)
 * @param high the upper bound, in (low, 1)
 */
public record ClipBounds(double low, double high) {
    /** The bounds of the DFDC score, [1e-15, 1 - 1e-15]. */
    public static final ClipBounds DFDC =
            new ClipBounds(LogLoss.DFDC_EPSILON, 1 - LogLoss.DFDC_EPSILON);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException unless {@code 0 < low < high < 1}, because a bound of 0 or 1
     *     makes the loss infinite
     */
    public ClipBounds {
        if (!(low > 0 && low < high && high < 1)) {
            throw new IllegalArgumentException(
                    "clipping bounds " + low + "," + high + " must satisfy 0 < low < high < 1");
        }
    }

    /**
     * Reads bounds written as {@code LOW,HIGH}, for example {@code 0.1,0.9}.
     *
     * @param text two decimal numbers separated by a comma; spaces around them are ignored
     * @return the bounds
     * @throws IllegalArgumentException when the text is not two numbers or they are out of order
     */
    public static ClipBounds parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "clipping bounds '" + text + "' must be LOW,HIGH, for example 0.1,0.9");
        }
        try {
            return new ClipBounds(
                    Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "clipping bounds '" + text + "' must be two numbers, for example 0.1,0.9", e);
        }
    }

    /**
     * Clips a probability to these bounds.
     *
     * @param p a probability
     * @return {@code min(max(p, low), high)}
     */
    public double clip(double p) {
        return Math.min(Math.max(p, low), high);
    }
}
