package dev.dfd.core.face;

/**
 * A point in pixels of a frame.
 *
 * @param x column, may be fractional
 * @param y row, may be fractional
 */
public record Point(double x, double y) {
    /**
     * This point scaled about the origin.
     *
     * @param factor the scale
     * @return the scaled point
     */
    public Point scale(double factor) {
        return new Point(x * factor, y * factor);
    }
}
