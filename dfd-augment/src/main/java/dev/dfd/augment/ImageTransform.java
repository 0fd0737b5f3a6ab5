package dev.dfd.augment;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Base of the plain (non-composite) transforms: the probability check, then {@link #sample}, then
 * {@link #applyImage} on every image of the targets with the same parameters, and the point and box
 * functions for geometric transforms (identity by default).
 *
 * <p>Subclasses are immutable and thread-safe.
 */
public abstract class ImageTransform implements Transform {
    private final String name;
    private final double p;

    /**
     * Sets the name and probability.
     *
     * @param name the name recorded in replays
     * @param p the probability of applying, 0..1
     * @throws IllegalArgumentException if p is outside [0, 1]
     */
    protected ImageTransform(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + ": probability must be in [0, 1], got " + p);
        }
        this.name = name;
        this.p = p;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double probability() {
        return p;
    }

    @Override
    public final Augmented apply(Targets targets, RandomGenerator random, boolean force) {
        double r = random.nextDouble();
        if (!force && !(r < p)) {
            return new Augmented(targets, Replay.notApplied(name));
        }
        Params params = sample(targets, random);
        return new Augmented(
                applyTargets(targets, params), new Replay(name, -1, true, params, List.of()));
    }

    @Override
    public final Targets replay(Targets targets, Replay record) {
        Transform.checkRecord(this, record);
        return record.applied() ? applyTargets(targets, record.params()) : targets;
    }

    /**
     * Draws this call's parameters. Parameters that depend on the input use the primary image.
     *
     * @param targets the input
     * @param random the generator
     * @return the parameters
     */
    protected abstract Params sample(Targets targets, RandomGenerator random);

    /**
     * Applies the transform with given parameters to one image.
     *
     * @param image the image
     * @param params parameters from {@link #sample}
     * @return the new image
     */
    public abstract RgbImage applyImage(RgbImage image, Params params);

    /**
     * Applies the transform with given parameters to all targets. The default maps every image with
     * {@link #applyImage} and points and boxes with {@link #applyPoint} and {@link #applyBox}.
     *
     * @param targets the input
     * @param params the parameters
     * @return the output
     */
    public Targets applyTargets(Targets targets, Params params) {
        RgbImage first = targets.image();
        List<RgbImage> paired = new ArrayList<>(targets.paired().size());
        for (RgbImage img : targets.paired()) {
            paired.add(applyImage(img, params));
        }
        return transformGeometry(
                targets, applyImage(first, params), paired, params, first.width(), first.height());
    }

    /**
     * Builds the output targets from new images, moving points and boxes if this transform is
     * geometric.
     *
     * @param in the input targets
     * @param image the new primary image
     * @param paired the new paired images
     * @param params the parameters
     * @param width the input width in pixels
     * @param height the input height in pixels
     * @return the output targets
     */
    protected final Targets transformGeometry(
            Targets in,
            RgbImage image,
            List<RgbImage> paired,
            Params params,
            int width,
            int height) {
        if (in.keypoints().isEmpty() && in.boxes().isEmpty()) {
            return in.withImages(image, paired);
        }
        List<Point> pts = new ArrayList<>(in.keypoints().size());
        for (Point pt : in.keypoints()) {
            pts.add(applyPoint(pt, params, width, height));
        }
        List<Box> boxes = new ArrayList<>(in.boxes().size());
        for (Box b : in.boxes()) {
            boxes.add(applyBox(b, params, width, height));
        }
        return new Targets(image, paired, pts, boxes);
    }

    /**
     * Moves one key point; the default leaves it.
     *
     * @param point the point in pixels of the input
     * @param params the parameters
     * @param width the input width
     * @param height the input height
     * @return the point in pixels of the output
     */
    protected Point applyPoint(Point point, Params params, int width, int height) {
        return point;
    }

    /**
     * Moves one box; the default maps its four corners with {@link #applyPoint} and takes their
     * bounding box.
     *
     * @param box the box in pixels of the input
     * @param params the parameters
     * @param width the input width
     * @param height the input height
     * @return the box in pixels of the output
     */
    protected Box applyBox(Box box, Params params, int width, int height) {
        Point[] corners = {
            applyPoint(new Point(box.x1(), box.y1()), params, width, height),
            applyPoint(new Point(box.x2(), box.y1()), params, width, height),
            applyPoint(new Point(box.x1(), box.y2()), params, width, height),
            applyPoint(new Point(box.x2(), box.y2()), params, width, height)
        };
        double x1 = Double.POSITIVE_INFINITY;
        double y1 = Double.POSITIVE_INFINITY;
        double x2 = Double.NEGATIVE_INFINITY;
        double y2 = Double.NEGATIVE_INFINITY;
        for (Point c : corners) {
            x1 = Math.min(x1, c.x());
            y1 = Math.min(y1, c.y());
            x2 = Math.max(x2, c.x());
            y2 = Math.max(y2, c.y());
        }
        return new Box(x1, y1, x2, y2);
    }

    /**
     * A uniform draw in [a, b), as Python's {@code random.uniform(a, b)} = a + (b - a) * random().
     *
     * @param random the generator
     * @param a lower end
     * @param b upper end
     * @return the draw
     */
    protected static double uniform(RandomGenerator random, double a, double b) {
        return a + (b - a) * random.nextDouble();
    }

    /**
     * A uniform integer in [a, b], both ends inclusive, as Python's {@code random.randint(a, b)}.
     *
     * @param random the generator
     * @param a lower end
     * @param b upper end, at least {@code a}
     * @return the draw
     */
    protected static int randint(RandomGenerator random, int a, int b) {
        return a + random.nextInt(b - a + 1);
    }

    @Override
    public String toString() {
        return name + "(p=" + p + ")";
    }
}
