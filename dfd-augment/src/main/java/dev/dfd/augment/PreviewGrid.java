package dev.dfd.augment;

import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Lays out augmented samples of one image in a grid, the original first, so that a person can judge
 * a preset at a glance. Tiles are the 8-bit images before normalisation, each centred in a cell as
 * large as the largest tile, on a dark grey background with a 4-pixel gap. Stateless.
 */
public final class PreviewGrid {
    private static final int GAP = 4;
    private static final byte BACKGROUND = 40;

    private PreviewGrid() {}

    /**
     * Augments an image {@code tiles - 1} times and lays the results out after the original.
     *
     * <p>Sample i uses the i-th {@link SplittableRandom#split()} of {@code new
     * SplittableRandom(seed)}, so a seed always gives the same grid.
     *
     * @param pipeline the augmentation
     * @param input the original (with landmarks, if the pipeline uses them)
     * @param tiles number of tiles including the original, at least 1
     * @param seed the seed
     * @return the grid image
     * @throws IllegalArgumentException if tiles is below 1
     */
    public static RgbImage of(AugmentPipeline pipeline, Targets input, int tiles, long seed) {
        return of(pipeline, input, tiles, seed, 0);
    }

    /**
     * Like {@link #of(AugmentPipeline, Targets, int, long)}, with every tile shrunk (area
     * interpolation, aspect kept) to fit in {@code maxTile} x {@code maxTile} pixels, for small
     * previews.
     *
     * @param pipeline the augmentation
     * @param input the original (with landmarks, if the pipeline uses them)
     * @param tiles number of tiles including the original, at least 1
     * @param seed the seed
     * @param maxTile the largest tile side in pixels, or 0 to keep the tiles' sizes
     * @return the grid image
     * @throws IllegalArgumentException if tiles is below 1 or maxTile is negative
     */
    public static RgbImage of(
            AugmentPipeline pipeline, Targets input, int tiles, long seed, int maxTile) {
        if (maxTile < 0) {
            throw new IllegalArgumentException("tile size must be >= 0, got " + maxTile);
        }
        if (tiles < 1) {
            throw new IllegalArgumentException("need at least 1 tile, got " + tiles);
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<RgbImage> images = new ArrayList<>(tiles);
        images.add(fit(input.image(), maxTile));
        for (int i = 1; i < tiles; i++) {
            images.add(fit(pipeline.augment(input, root.split()).targets().image(), maxTile));
        }
        return layout(images);
    }

    private static RgbImage fit(RgbImage img, int maxTile) {
        int longest = Math.max(img.width(), img.height());
        if (maxTile == 0 || longest <= maxTile) {
            return img;
        }
        double s = (double) maxTile / longest;
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        try (Mat src = OpenCvImages.toMat(img);
                Mat dst = new Mat();
                Size size = new Size(w, h)) {
            opencv_imgproc.resize(src, dst, size, 0, 0, opencv_imgproc.INTER_AREA);
            return OpenCvImages.fromMat(dst);
        }
    }

    /**
     * Lays images out row by row in a near-square grid ({@code ceil(sqrt(n))} columns).
     *
     * @param images the tiles, at least one
     * @return the grid image
     * @throws IllegalArgumentException if the list is empty
     */
    public static RgbImage layout(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no tiles to lay out");
        }
        int cols = (int) Math.ceil(Math.sqrt(images.size()));
        int rows = (images.size() + cols - 1) / cols;
        int cw = images.stream().mapToInt(RgbImage::width).max().orElseThrow();
        int ch = images.stream().mapToInt(RgbImage::height).max().orElseThrow();
        int w = cols * cw + (cols + 1) * GAP;
        int h = rows * ch + (rows + 1) * GAP;
        byte[] out = new byte[3 * w * h];
        Arrays.fill(out, BACKGROUND);
        for (int i = 0; i < images.size(); i++) {
            RgbImage t = images.get(i);
            int x0 = GAP + (i % cols) * (cw + GAP) + (cw - t.width()) / 2;
            int y0 = GAP + (i / cols) * (ch + GAP) + (ch - t.height()) / 2;
            for (int y = 0; y < t.height(); y++) {
                System.arraycopy(
                        t.buffer(), y * t.width() * 3, out, ((y0 + y) * w + x0) * 3, t.width() * 3);
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
