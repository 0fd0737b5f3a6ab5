package dev.dfd.core.face;

/**
 * How a face box becomes a classifier input: enlarged by a margin, optionally squared, then resized
 * to {@code outputSize} × {@code outputSize}.
 *
 * <p>The margin matters: detectors learn the seam between a swapped face and its surroundings. The
 * DFDC winner added a third of the box on each side; the 2020 reference pipeline added none.
 *
 * @param marginFraction margin added on each side as a fraction of the box width (left, right) and
 *     height (top, bottom), at least 0
 * @param marginPixels margin added on each side in pixels of the frame, at least 0; added to the
 *     fractional margin
 * @param square whether the enlarged region is grown to a square about its centre before resizing
 * @param outputSize width and height of the crop in pixels, at least 1
 * @param resize how the region is brought to {@code outputSize}
 * @param borderValue the grey level, 0..255, of any constant border
 * @param alignEyes whether the region is rotated about its centre so that the eyes are level (needs
 *     landmarks; ignored for faces without them)
 */
public record CropPolicy(
        double marginFraction,
        int marginPixels,
        boolean square,
        int outputSize,
        Resize resize,
        int borderValue,
        boolean alignEyes) {

    /** How the enlarged region is resized to the output size. */
    public enum Resize {
        /** Scale the region to fill the output exactly, stretching it if it is not square. */
        STRETCH,
        /**
         * Scale the region so that it fits inside the output keeping its aspect ratio, then fill
         * the rest with the border value, the region centred (the 2020 reference: 224, zero
         * border).
         */
        FIT_CONSTANT_BORDER,
        /**
         * Scale the longest side to the output size keeping the aspect ratio (area interpolation
         * when shrinking, cubic when enlarging, the shorter side truncated), then pad to a square
         * with the border value, half the excess (rounded down) before and the rest after, as
         * Albumentations' {@code PadIfNeeded} does (the DFDC winner's isotropic resize, 380).
         */
        ISOTROPIC_PAD
    }

    /** Checks the arguments. */
    public CropPolicy {
        if (!(marginFraction >= 0) || marginPixels < 0) {
            throw new IllegalArgumentException(
                    "margins must be >= 0, got " + marginFraction + " and " + marginPixels + " px");
        }
        if (outputSize < 1) {
            throw new IllegalArgumentException("output size must be >= 1, got " + outputSize);
        }
        if (borderValue < 0 || borderValue > 255) {
            throw new IllegalArgumentException("border value must be 0..255, got " + borderValue);
        }
        if (resize == null) {
            throw new IllegalArgumentException("resize mode is required");
        }
    }

    /** The DFDC winner's crops: a third of the box on each side, isotropic resize to 380. */
    public static CropPolicy dfdcWinner() {
        return new CropPolicy(1.0 / 3.0, 0, false, 380, Resize.ISOTROPIC_PAD, 0, false);
    }

    /** The 2020 reference pipeline's crops: no margin, fitted into 224 with a zero border. */
    public static CropPolicy reference2020() {
        return new CropPolicy(0, 0, false, 224, Resize.FIT_CONSTANT_BORDER, 0, false);
    }
}
