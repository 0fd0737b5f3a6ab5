package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * Blanks rectangular holes lying fully inside the image (Albumentations' {@code CoarseDropout}).
 *
 * <p>Sampling: the hole count {@code randint(minHoles, maxHoles)}, then per hole its height {@code
 * randint(minHeight, maxHeight)}, width {@code randint(minWidth, maxWidth)}, {@code y1 = randint(0,
 * H - h)} and {@code x1 = randint(0, W - w)}. Parameters: {@code holes} as rows {@code x1, y1, x2,
 * y2}. Immutable and thread-safe.
 */
public final class CoarseDropout extends ImageTransform {
    private final int minHoles;
    private final int maxHoles;
    private final int minHeight;
    private final int maxHeight;
    private final int minWidth;
    private final int maxWidth;
    private final int fill;

    /**
     * Creates the transform.
     *
     * @param minHoles least number of holes, 0..maxHoles
     * @param maxHoles most holes (default 8)
     * @param minHeight least hole height, 1..maxHeight
     * @param maxHeight most hole height in pixels (default 8)
     * @param minWidth least hole width, 1..maxWidth
     * @param maxWidth most hole width in pixels (default 8)
     * @param fill grey level 0..255 (default 0)
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public CoarseDropout(
            int minHoles,
            int maxHoles,
            int minHeight,
            int maxHeight,
            int minWidth,
            int maxWidth,
            int fill,
            double p) {
        super("CoarseDropout", p);
        if (minHoles < 0
                || maxHoles < minHoles
                || minHeight < 1
                || maxHeight < minHeight
                || minWidth < 1
                || maxWidth < minWidth
                || fill < 0
                || fill > 255) {
            throw new IllegalArgumentException(
                    "CoarseDropout: bad ranges holes "
                            + minHoles
                            + ".."
                            + maxHoles
                            + " height "
                            + minHeight
                            + ".."
                            + maxHeight
                            + " width "
                            + minWidth
                            + ".."
                            + maxWidth
                            + " fill "
                            + fill);
        }
        this.minHoles = minHoles;
        this.maxHoles = maxHoles;
        this.minHeight = minHeight;
        this.maxHeight = maxHeight;
        this.minWidth = minWidth;
        this.maxWidth = maxWidth;
        this.fill = fill;
    }

    /**
     * Albumentations' defaults: 8 holes of 8 x 8 pixels filled with 0.
     *
     * @param p probability of applying
     * @return the transform
     */
    public static CoarseDropout defaults(double p) {
        return new CoarseDropout(8, 8, 8, 8, 8, 8, 0, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        int h = targets.image().height();
        int w = targets.image().width();
        int n = randint(random, minHoles, maxHoles);
        int[][] holes = new int[n][];
        for (int i = 0; i < n; i++) {
            int hh = Math.min(h, randint(random, minHeight, maxHeight));
            int hw = Math.min(w, randint(random, minWidth, maxWidth));
            int y1 = randint(random, 0, h - hh);
            int x1 = randint(random, 0, w - hw);
            holes[i] = new int[] {x1, y1, x1 + hw, y1 + hh};
        }
        return Params.of("holes", Params.rows(holes));
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return Holes.fill(image, params.getIntRows("holes"), fill);
    }
}
