package dev.dfd.augment;

import org.bytedeco.opencv.global.opencv_imgproc;

/** Resampling filters, with OpenCV's codes. */
public enum Interpolation {
    /** Nearest neighbour, OpenCV's legacy rule {@code src = floor(dst * src_size / dst_size)}. */
    NEAREST(opencv_imgproc.INTER_NEAREST),
    /** Bilinear. */
    LINEAR(opencv_imgproc.INTER_LINEAR),
    /** Bicubic. */
    CUBIC(opencv_imgproc.INTER_CUBIC),
    /** Pixel-area averaging (for shrinking). */
    AREA(opencv_imgproc.INTER_AREA);

    private final int code;

    Interpolation(int code) {
        this.code = code;
    }

    /** OpenCV's code for this filter. */
    public int openCvCode() {
        return code;
    }
}
