package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Blacks out the eyes, the nose or the mouth located by the five face landmarks (the DFDC winner's
 * {@code remove_eyes}, {@code remove_nose}, {@code remove_mouth}), so that a detector cannot rely
 * on one facial part.
 *
 * <p>A part is a line drawn 2 pixels thick, grown by a cross-shaped dilation repeated {@code d}
 * times (every pixel within city-block distance {@code d} of the line), set to 0 in all channels:
 * eyes: the line between the eyes, {@code d = trunc(eye distance / 4)}; nose: from the nose to the
 * midpoint of the eyes, {@code d = trunc(eye distance / 4)}; mouth: between the mouth corners,
 * {@code d = trunc(mouth width / 3)}. Landmarks are rounded to whole pixels. The landmarks are the
 * targets' first five key points (left eye, right eye, nose, left mouth, right mouth); without them
 * the transform leaves the targets unchanged. {@link #winnerCascade} picks the part as the winner's
 * {@code remove_landmark} did: eyes with probability 1/2, else mouth 1/2, else nose 1/2, else none.
 * Parameters: {@code part} ({@code eyes}, {@code nose}, {@code mouth} or {@code none}). Immutable
 * and thread-safe.
 */
public final class FacePartDropout extends ImageTransform {
    /** A part of the face. */
    public enum Part {
        /** Both eyes. */
        EYES,
        /** The nose, up to between the eyes. */
        NOSE,
        /** The mouth. */
        MOUTH,
        /** Nothing. */
        NONE
    }

    private final Part fixed;

    private FacePartDropout(String name, Part fixed, double p) {
        super(name, p);
        this.fixed = fixed;
    }

    /**
     * Always blacks out the same part.
     *
     * @param part the part, not {@code NONE}
     * @param p probability of applying, 0..1
     * @return the transform
     */
    public static FacePartDropout of(Part part, double p) {
        return new FacePartDropout("FacePartDropout", part, p);
    }

    /**
     * Picks the part like the DFDC winner's {@code remove_landmark}: eyes 1/2, mouth 1/4, nose 1/8,
     * none 1/8.
     *
     * @param p probability of applying, 0..1 (the winner's 0.7 when landmarks exist)
     * @return the transform
     */
    public static FacePartDropout winnerCascade(double p) {
        return new FacePartDropout("LandmarkDropout", null, p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        Part part = fixed;
        if (targets.keypoints().size() < 5) {
            part = Part.NONE;
        } else if (part == null) {
            if (random.nextDouble() > 0.5) {
                part = Part.EYES;
            } else if (random.nextDouble() > 0.5) {
                part = Part.MOUTH;
            } else if (random.nextDouble() > 0.5) {
                part = Part.NOSE;
            } else {
                part = Part.NONE;
            }
        }
        return Params.of("part", part.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Targets applyTargets(Targets targets, Params params) {
        Part part = Part.valueOf(params.getString("part").toUpperCase(Locale.ROOT));
        if (part == Part.NONE || targets.keypoints().size() < 5) {
            return targets;
        }
        RgbImage first = targets.image();
        byte[] mask = mask(first.width(), first.height(), targets.keypoints(), part);
        List<RgbImage> paired = new ArrayList<>(targets.paired().size());
        for (RgbImage img : targets.paired()) {
            paired.add(blackout(img, mask));
        }
        return targets.withImages(blackout(first, mask), paired);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        throw new UnsupportedOperationException(
                name() + " needs the landmarks of the targets; call applyTargets");
    }

    /**
     * The region of one part, one byte per pixel (non-zero inside).
     *
     * @param width image width
     * @param height image height
     * @param landmarks five landmarks in pixels
     * @param part the part, not {@code NONE}
     * @return {@code width * height} bytes, row-major
     */
    public static byte[] mask(int width, int height, List<Point> landmarks, Part part) {
        int[] le = rounded(landmarks.get(0));
        int[] re = rounded(landmarks.get(1));
        int[] nose = rounded(landmarks.get(2));
        int[] lm = rounded(landmarks.get(3));
        int[] rm = rounded(landmarks.get(4));
        double eyes = Math.hypot(le[0] - re[0], le[1] - re[1]);
        int[] a;
        int[] b;
        int grow;
        switch (part) {
            case EYES -> {
                a = le;
                b = re;
                grow = (int) Math.floor(eyes / 4);
            }
            case NOSE -> {
                a = nose;
                b = new int[] {(int) ((le[0] + re[0]) / 2.0), (int) ((le[1] + re[1]) / 2.0)};
                grow = (int) Math.floor(eyes / 4);
            }
            case MOUTH -> {
                a = lm;
                b = rm;
                grow = (int) Math.floor(Math.hypot(lm[0] - rm[0], lm[1] - rm[1]) / 3);
            }
            default -> throw new IllegalArgumentException("no region for part " + part);
        }
        try (Mat m = new Mat(height, width, opencv_core.CV_8UC1, new Scalar(0.0));
                org.bytedeco.opencv.opencv_core.Point pa =
                        new org.bytedeco.opencv.opencv_core.Point(a[0], a[1]);
                org.bytedeco.opencv.opencv_core.Point pb =
                        new org.bytedeco.opencv.opencv_core.Point(b[0], b[1]);
                Scalar one = new Scalar(1.0)) {
            opencv_imgproc.line(m, pa, pb, one, 2, opencv_imgproc.LINE_8, 0);
            if (grow > 0) {
                try (Size k = new Size(3, 3);
                        Mat cross =
                                opencv_imgproc.getStructuringElement(
                                        opencv_imgproc.MORPH_CROSS, k);
                        org.bytedeco.opencv.opencv_core.Point anchor =
                                new org.bytedeco.opencv.opencv_core.Point(-1, -1)) {
                    opencv_imgproc.dilate(
                            m,
                            m,
                            cross,
                            anchor,
                            grow,
                            opencv_core.BORDER_CONSTANT,
                            new Scalar(0.0));
                }
            }
            byte[] out = new byte[width * height];
            ByteBuffer buf = m.createBuffer();
            buf.get(out);
            return out;
        }
    }

    private static int[] rounded(Point p) {
        return new int[] {(int) Math.round(p.x()), (int) Math.round(p.y())};
    }

    private static RgbImage blackout(RgbImage image, byte[] mask) {
        byte[] out = image.toByteArray();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                out[3 * i] = 0;
                out[3 * i + 1] = 0;
                out[3 * i + 2] = 0;
            }
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }
}
