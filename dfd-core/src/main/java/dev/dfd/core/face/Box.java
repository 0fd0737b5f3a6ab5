package dev.dfd.core.face;

/**
 * An axis-aligned rectangle in pixels of a frame, as MTCNN reports it: corners may be fractional
 * and may lie outside the frame.
 *
 * @param x1 left edge
 * @param y1 top edge
 * @param x2 right edge, at least {@code x1}
 * @param y2 bottom edge, at least {@code y1}
 */
public record Box(double x1, double y1, double x2, double y2) {
    /** Checks the arguments. */
    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException(
                    "box corners out of order: [" + x1 + ", " + y1 + ", " + x2 + ", " + y2 + "]");
        }
    }

    /** Width, {@code x2 - x1}. */
    public double width() {
        return x2 - x1;
    }

    /** Height, {@code y2 - y1}. */
    public double height() {
        return y2 - y1;
    }

    /** Area, {@code width() * height()}. */
    public double area() {
        return width() * height();
    }

    /** Horizontal centre. */
    public double centerX() {
        return (x1 + x2) / 2;
    }

    /** Vertical centre. */
    public double centerY() {
        return (y1 + y2) / 2;
    }

    /**
     * Intersection over union with another box (no "+1" pixel convention).
     *
     * @param other the other box
     * @return a value in [0, 1]; 0 when either box has no area
     */
    public double iou(Box other) {
        double iw = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double ih = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /**
     * This box scaled about the origin, for mapping detections on a resized frame back.
     *
     * @param factor the scale, positive
     * @return the scaled box
     */
    public Box scale(double factor) {
        return new Box(x1 * factor, y1 * factor, x2 * factor, y2 * factor);
    }
}
