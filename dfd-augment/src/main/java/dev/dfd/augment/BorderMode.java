package dev.dfd.augment;

import org.bytedeco.opencv.global.opencv_core;

/** How pixels outside an image are filled, with OpenCV's codes (Albumentations passes these). */
public enum BorderMode {
    /** A constant value ({@code cv2.BORDER_CONSTANT = 0}). */
    CONSTANT(opencv_core.BORDER_CONSTANT),
    /** The edge pixel repeated: {@code aaa|abc|ccc} ({@code cv2.BORDER_REPLICATE = 1}). */
    REPLICATE(opencv_core.BORDER_REPLICATE),
    /**
     * Mirrored with the edge pixel repeated: {@code cba|abc|cba} ({@code cv2.BORDER_REFLECT = 2}).
     */
    REFLECT(opencv_core.BORDER_REFLECT),
    /** Mirrored about the edge pixel: {@code dcb|abcd|cba} ({@code cv2.BORDER_REFLECT_101 = 4}). */
    REFLECT_101(opencv_core.BORDER_REFLECT_101);

    private final int code;

    BorderMode(int code) {
        this.code = code;
    }

    /** OpenCV's code for this mode. */
    public int openCvCode() {
        return code;
    }

    /**
     * The mode with an OpenCV code, e.g. 1 for the 2020 pipeline's {@code border_mode=1}.
     *
     * @param code the code
     * @return the mode
     * @throws IllegalArgumentException if no mode has that code
     */
    public static BorderMode ofOpenCvCode(int code) {
        for (BorderMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("unsupported OpenCV border mode " + code);
    }
}
