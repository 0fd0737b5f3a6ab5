package dev.dfd.face.crop;

import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** Reads images for the tests of dfd-face through OpenCV, as RGB. */
public final class TestImages {
    private TestImages() {}

    /**
     * Reads a PNG or JPEG file.
     *
     * @param file the file
     * @return its pixels as RGB
     */
    public static RgbImage read(Path file) {
        try (Mat bgr = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR);
                Mat rgb = new Mat()) {
            if (bgr.empty()) {
                throw new IllegalStateException(file + ": not readable as an image");
            }
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            return OpenCvImages.fromMat(rgb);
        }
    }

    /** An image of one colour with a rectangle of another colour, columns x..x+w-1. */
    public static RgbImage withRectangle(
            int width, int height, int x, int y, int w, int h, int[] background, int[] colour) {
        byte[] px = new byte[width * height * 3];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                boolean inside = col >= x && col < x + w && row >= y && row < y + h;
                int[] c = inside ? colour : background;
                int o = (row * width + col) * 3;
                px[o] = (byte) c[0];
                px[o + 1] = (byte) c[1];
                px[o + 2] = (byte) c[2];
            }
        }
        return RgbImage.wrap(width, height, px);
    }
}
