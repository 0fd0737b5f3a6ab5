package dev.dfd.core.image;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts between {@link RgbImage} and OpenCV {@link Mat}s of type {@code CV_8UC3} holding RGB
 * (not OpenCV's usual BGR) in channel order.
 *
 * <p>A {@code Mat} returned here owns native memory: the caller closes it. Stateless and
 * thread-safe.
 */
public final class OpenCvImages {
    private OpenCvImages() {}

    /**
     * Copies an image into a new continuous {@code CV_8UC3} Mat, channels in RGB order.
     *
     * @param image the image
     * @return a new Mat the caller must close
     */
    public static Mat toMat(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), opencv_core.CV_8UC3);
        try (BytePointer data = mat.data()) {
            data.put(image.buffer(), 0, image.buffer().length);
        }
        return mat;
    }

    /**
     * Copies a {@code CV_8UC3} Mat whose channels are in RGB order into an image.
     *
     * @param mat an 8-bit, 3-channel Mat; need not be continuous
     * @return the image
     * @throws IllegalArgumentException if the Mat is not 8-bit with 3 channels, or is empty
     */
    public static RgbImage fromMat(Mat mat) {
        if (mat.empty() || mat.depth() != opencv_core.CV_8U || mat.channels() != 3) {
            throw new IllegalArgumentException(
                    "expected a non-empty 8-bit 3-channel Mat, got "
                            + mat.cols()
                            + "x"
                            + mat.rows()
                            + " depth "
                            + mat.depth()
                            + " channels "
                            + mat.channels());
        }
        int w = mat.cols();
        int h = mat.rows();
        byte[] out = new byte[w * h * 3];
        if (mat.isContinuous()) {
            try (BytePointer data = mat.data()) {
                data.get(out, 0, out.length);
            }
        } else {
            long step = mat.step1() * mat.elemSize1();
            try (BytePointer data = mat.data()) {
                for (int y = 0; y < h; y++) {
                    data.position(y * step).get(out, y * w * 3, w * 3);
                }
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
