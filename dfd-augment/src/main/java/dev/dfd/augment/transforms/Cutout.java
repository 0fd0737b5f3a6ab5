package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;

/**
 * Blanks square holes (Albumentations' deprecated {@code Cutout}, as the 2020 pipeline used it).
 *
 * <p>Sampling per hole, in this order: {@code y = randint(0, H)}, {@code x = randint(0, W)} (both
 * ends inclusive), then {@code y1 = clip(y - h/2, 0, H)}, {@code y2 = clip(y1 + h, 0, H)}, and the
 * same for x; so holes near the right or bottom edge are cut down to as little as half their size.
 * Holes depend only on the primary image's size and are shared by paired images. Parameters: {@code
 * holes} as rows {@code x1, y1, x2, y2} (ends exclusive). Immutable and thread-safe.
 */
public final class Cutout extends ImageTransform {
    private final int numHoles;
    private final int maxHeight;
    private final int maxWidth;
    private final int fill;

    /**
     * Creates the transform.
     *
     * @param numHoles holes per image, at least 0 (default 8)
     * @param maxHeight hole height in pixels, at least 1 (default 8)
     * @param maxWidth hole width in pixels, at least 1 (default 8)
     * @param fill grey level of the holes, 0..255 (default 0)
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public Cutout(int numHoles, int maxHeight, int maxWidth, int fill, double p) {
        super("Cutout", p);
        if (numHoles < 0 || maxHeight < 1 || maxWidth < 1 || fill < 0 || fill > 255) {
            throw new IllegalArgumentException(
                    "Cutout: bad holes "
                            + numHoles
                            + " of "
                            + maxWidth
                            + "x"
                            + maxHeight
                            + " fill "
                            + fill);
        }
        this.numHoles = numHoles;
        this.maxHeight = maxHeight;
        this.maxWidth = maxWidth;
        this.fill = fill;
    }

    /**
     * Albumentations' defaults: 8 holes of 8 x 8 pixels filled with 0.
     *
     * @param p probability of applying
     * @return the transform
     */
    public static Cutout defaults(double p) {
        return new Cutout(8, 8, 8, 0, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        int h = targets.image().height();
        int w = targets.image().width();
        int[][] holes = new int[numHoles][];
        for (int i = 0; i < numHoles; i++) {
            int y = randint(random, 0, h);
            int x = randint(random, 0, w);
            int y1 = clip(y - maxHeight / 2, 0, h);
            int y2 = clip(y1 + maxHeight, 0, h);
            int x1 = clip(x - maxWidth / 2, 0, w);
            int x2 = clip(x1 + maxWidth, 0, w);
            holes[i] = new int[] {x1, y1, x2, y2};
        }
        return Params.of("holes", Params.rows(holes));
    }

    /**
     * The holes Albumentations' {@code Cutout} derives from drawn centres (for tests and replays).
     *
     * @param centersYx the drawn {@code (y, x)} centres
     * @param height image height
     * @param width image width
     * @param maxHeight hole height
     * @param maxWidth hole width
     * @return rows {@code x1, y1, x2, y2}
     */
    public static int[][] holesFromCenters(
            int[][] centersYx, int height, int width, int maxHeight, int maxWidth) {
        int[][] holes = new int[centersYx.length][];
        for (int i = 0; i < holes.length; i++) {
            int y1 = clip(centersYx[i][0] - maxHeight / 2, 0, height);
            int y2 = clip(y1 + maxHeight, 0, height);
            int x1 = clip(centersYx[i][1] - maxWidth / 2, 0, width);
            int x2 = clip(x1 + maxWidth, 0, width);
            holes[i] = new int[] {x1, y1, x2, y2};
        }
        return holes;
    }

    private static int clip(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return Holes.fill(image, params.getIntRows("holes"), fill);
    }

    /**
     * Fills holes with a grey level, as {@code
     * albumentations.augmentations.dropout.functional.cutout}.
     *
     * @param image the image
     * @param holes rows {@code x1, y1, x2, y2}, ends exclusive
     * @param fill grey level 0..255
     * @return the new image
     */
    public static RgbImage cutout(RgbImage image, int[][] holes, int fill) {
        return Holes.fill(image, holes, fill);
    }
}
