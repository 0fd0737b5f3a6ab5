package dev.dfd.face.mtcnn;

import java.util.Objects;

/**
 * Settings of {@link MtcnnDetector}; {@link #defaults()} are facenet-pytorch's.
 *
 * @param minFacePixels the smallest face searched, in pixels of the detection frame, at least 12
 *     (default 20); the pyramid starts at scale {@code 12 / minFacePixels}
 * @param pnetThreshold the P-Net probability a proposal needs, in [0, 1] (default 0.6, compared
 *     {@code >=} in float32)
 * @param rnetThreshold the R-Net probability a box needs, in [0, 1] (default 0.7, compared {@code
 *     >})
 * @param onetThreshold the O-Net probability a face needs, in [0, 1] (default 0.7, compared {@code
 *     >})
 * @param scaleFactor the ratio between pyramid levels, in (0, 1) (default 0.709)
 * @param selection which faces to return (default {@link FaceSelection#ALL})
 * @param maxSidePixels frames whose longer side exceeds this are first downscaled (OpenCV area
 *     resampling) so that it equals this, and boxes and landmarks are mapped back to the frame; 0
 *     (the default) detects at full size. 960 reproduces the DFDC winner's detection on half-size
 *     1080p frames.
 */
public record MtcnnOptions(
        int minFacePixels,
        double pnetThreshold,
        double rnetThreshold,
        double onetThreshold,
        double scaleFactor,
        FaceSelection selection,
        int maxSidePixels) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a value is out of its range
     * @throws NullPointerException if {@code selection} is null
     */
    public MtcnnOptions {
        Objects.requireNonNull(selection, "selection");
        if (minFacePixels < 12) {
            throw new IllegalArgumentException("minFacePixels must be >= 12, got " + minFacePixels);
        }
        checkProbability("pnetThreshold", pnetThreshold);
        checkProbability("rnetThreshold", rnetThreshold);
        checkProbability("onetThreshold", onetThreshold);
        if (!(scaleFactor > 0 && scaleFactor < 1)) {
            throw new IllegalArgumentException("scaleFactor must be in (0, 1), got " + scaleFactor);
        }
        if (maxSidePixels != 0 && maxSidePixels < 12) {
            throw new IllegalArgumentException(
                    "maxSidePixels must be 0 (off) or >= 12, got " + maxSidePixels);
        }
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    /**
     * facenet-pytorch's defaults: faces from 20 px, thresholds 0.6 / 0.7 / 0.7, factor 0.709, all
     * faces, full-size detection.
     *
     * @return the defaults
     */
    public static MtcnnOptions defaults() {
        return new MtcnnOptions(20, 0.6, 0.7, 0.7, 0.709, FaceSelection.ALL, 0);
    }

    /**
     * These options with another minimum face size.
     *
     * @param pixels at least 12
     * @return the new options
     */
    public MtcnnOptions withMinFacePixels(int pixels) {
        return new MtcnnOptions(
                pixels,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                scaleFactor,
                selection,
                maxSidePixels);
    }

    /**
     * These options with other stage thresholds.
     *
     * @param pnet P-Net threshold in [0, 1]
     * @param rnet R-Net threshold in [0, 1]
     * @param onet O-Net threshold in [0, 1]
     * @return the new options
     */
    public MtcnnOptions withThresholds(double pnet, double rnet, double onet) {
        return new MtcnnOptions(
                minFacePixels, pnet, rnet, onet, scaleFactor, selection, maxSidePixels);
    }

    /**
     * These options with another pyramid factor.
     *
     * @param factor in (0, 1)
     * @return the new options
     */
    public MtcnnOptions withScaleFactor(double factor) {
        return new MtcnnOptions(
                minFacePixels,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                factor,
                selection,
                maxSidePixels);
    }

    /**
     * These options with another selection.
     *
     * @param mode which faces to return
     * @return the new options
     */
    public MtcnnOptions withSelection(FaceSelection mode) {
        return new MtcnnOptions(
                minFacePixels,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                scaleFactor,
                mode,
                maxSidePixels);
    }

    /**
     * These options with another detection size limit.
     *
     * @param pixels 0 (detect at full size) or at least 12
     * @return the new options
     */
    public MtcnnOptions withMaxSidePixels(int pixels) {
        return new MtcnnOptions(
                minFacePixels,
                pnetThreshold,
                rnetThreshold,
                onetThreshold,
                scaleFactor,
                selection,
                pixels);
    }
}
