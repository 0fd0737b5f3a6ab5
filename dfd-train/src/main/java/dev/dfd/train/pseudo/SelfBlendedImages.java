package dev.dfd.train.pseudo;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Self-blended images (Shiohara and Yamasaki, "Detecting Deepfakes with Self-Blended Images", CVPR
 * 2022): a pseudo-fake made from one real face by blending a colour- and geometry-jittered copy of
 * the face back onto itself through a blurred mask of the face region. The blend leaves the seams,
 * colour mismatches and resampling traces that face swaps leave, without any fake video, and
 * detectors trained on them generalise across manipulation methods.
 *
 * <p>The paper builds its mask from the hull of 81 landmarks; DFD's detector gives five, so the
 * mask here is the convex hull of those five points extended to the forehead, cheeks and chin by
 * fixed proportions of the eye distance. It covers the inner face well and the jaw line less
 * tightly than the paper's. Stateless and thread-safe; each call allocates and frees its own native
 * OpenCV buffers.
 */
public final class SelfBlendedImages {
    private static final double[] BLEND_RATIOS = {0.25, 0.5, 0.75, 1, 1, 1};

    private SelfBlendedImages() {}

    /**
     * What one blend did, for inspection and tests.
     *
     * @param image the pseudo-fake
     * @param mask the blend weight of every pixel, row-major, in [0, 1]
     */
    public record Blend(RgbImage image, float[] mask) {}

    /**
     * Makes a pseudo-fake of a face.
     *
     * @param face the image (typically a face crop with margin)
     * @param landmarks the face's detection in the image's coordinates; must have landmarks
     * @param random the source of every random choice
     * @return the blended image and its mask
     * @throws IllegalArgumentException if the face has no landmarks
     */
    public static Blend blend(RgbImage face, Face landmarks, SplittableRandom random) {
        Objects.requireNonNull(random, "random");
        if (!landmarks.hasLandmarks()) {
            throw new IllegalArgumentException("self-blending needs the five face landmarks");
        }
        int w = face.width();
        int h = face.height();
        try (Mat target = OpenCvImages.toMat(face);
                Mat targetF = new Mat();
                Mat source = new Mat();
                Mat mask = faceMask(w, h, landmarks.landmarks(), random)) {
            target.convertTo(targetF, CV_32FC3);
            double[] shift = jitterColour(targetF, source, random);
            jitterGeometry(source, random);

            double ratio = BLEND_RATIOS[random.nextInt(BLEND_RATIOS.length)];
            float[] m = new float[w * h];
            try (FloatIndexer mi = mask.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        m[y * w + x] = (float) (Math.min(1f, Math.max(0f, mi.get(y, x))) * ratio);
                    }
                }
            }
            byte[] out = new byte[w * h * 3];
            byte[] in = face.buffer();
            try (FloatIndexer si = source.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float a = m[y * w + x];
                        for (int c = 0; c < 3; c++) {
                            int i = (y * w + x) * 3 + c;
                            float t = in[i] & 0xFF;
                            float v =
                                    a == 0
                                            ? t
                                            : a * (float) (si.get(y, x, c) + shift[c])
                                                    + (1 - a) * t;
                            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                        }
                    }
                }
            }
            return new Blend(RgbImage.wrap(w, h, out), m);
        }
    }

    /** The blurred face-region mask, CV_32FC1 in [0, 1]. */
    static Mat faceMask(int w, int h, List<Point> lm, SplittableRandom random) {
        Point le = lm.get(0);
        Point re = lm.get(1);
        Point nose = lm.get(2);
        Point lm0 = lm.get(3);
        Point rm = lm.get(4);
        double eyeDist = Math.hypot(re.x() - le.x(), re.y() - le.y());
        // Unit vectors along the eye line (u) and down the face (v).
        double ux = (re.x() - le.x()) / Math.max(eyeDist, 1e-6);
        double uy = (re.y() - le.y()) / Math.max(eyeDist, 1e-6);
        double vx = -uy;
        double vy = ux;
        double grow = random.nextDouble(0.9, 1.15);
        List<double[]> hull = new ArrayList<>();
        Point eyeMid = new Point((le.x() + re.x()) / 2, (le.y() + re.y()) / 2);
        Point mouthMid = new Point((lm0.x() + rm.x()) / 2, (lm0.y() + rm.y()) / 2);
        // forehead, temples, cheeks, jaw and chin, in eye distances from the eye centre
        double[][] offsets = {
            {-0.9, -0.7}, {0.9, -0.7}, {-1.05, 0.2}, {1.05, 0.2}, {-0.9, 1.1}, {0.9, 1.1},
        };
        for (double[] o : offsets) {
            hull.add(
                    new double[] {
                        eyeMid.x() + grow * eyeDist * (o[0] * ux + o[1] * vx),
                        eyeMid.y() + grow * eyeDist * (o[0] * uy + o[1] * vy)
                    });
        }
        double chin =
                grow
                        * Math.max(
                                0.5 * eyeDist,
                                0.9 * Math.hypot(mouthMid.x() - nose.x(), mouthMid.y() - nose.y())
                                        + 0.3 * eyeDist);
        hull.add(new double[] {mouthMid.x() + chin * vx, mouthMid.y() + chin * vy});
        for (Point p : lm) {
            hull.add(new double[] {p.x(), p.y()});
        }
        int[] poly = convexHull(hull);

        try (Mat binary = new Mat(h, w, CV_8UC1, new Scalar(0.0));
                org.bytedeco.opencv.opencv_core.Point pts =
                        new org.bytedeco.opencv.opencv_core.Point(poly.length / 2)) {
            for (int i = 0; i < poly.length / 2; i++) {
                pts.position(i).x(poly[2 * i]).y(poly[2 * i + 1]);
            }
            pts.position(0);
            fillConvexPoly(binary, pts, poly.length / 2, new Scalar(255.0));
            Mat mask = new Mat();
            binary.convertTo(mask, CV_32FC1, 1 / 255.0, 0);
            int k = oddKernel(Math.max(3, (int) (eyeDist * random.nextDouble(0.15, 0.45))));
            GaussianBlur(mask, mask, new Size(k, k), 0);
            return mask;
        }
    }

    private static int oddKernel(int k) {
        return k % 2 == 1 ? k : k + 1;
    }

    /** Integer convex hull (monotone chain) of the points, as x0, y0, x1, y1, ... */
    private static int[] convexHull(List<double[]> points) {
        List<double[]> p = new ArrayList<>(points);
        p.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        int n = p.size();
        double[][] hull = new double[2 * n][];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(hull[k - 2], hull[k - 1], p.get(i)) <= 0) {
                k--;
            }
            hull[k++] = p.get(i);
        }
        for (int i = n - 2, t = k + 1; i >= 0; i--) {
            while (k >= t && cross(hull[k - 2], hull[k - 1], p.get(i)) <= 0) {
                k--;
            }
            hull[k++] = p.get(i);
        }
        int[] out = new int[2 * (k - 1)];
        for (int i = 0; i < k - 1; i++) {
            out[2 * i] = (int) Math.round(hull[i][0]);
            out[2 * i + 1] = (int) Math.round(hull[i][1]);
        }
        return out;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }

    /** Brightness and contrast change of the source copy; returns the per-channel shifts. */
    private static double[] jitterColour(Mat in, Mat out, SplittableRandom random) {
        double contrast = random.nextDouble(0.85, 1.15);
        double brightness = random.nextDouble(-20, 20);
        in.convertTo(out, CV_32FC3, contrast, brightness);
        return new double[] {
            random.nextDouble(-15, 15), random.nextDouble(-15, 15), random.nextDouble(-15, 15)
        };
    }

    /** A small random scaling and translation of the source copy about the image centre. */
    private static void jitterGeometry(Mat img, SplittableRandom random) {
        int w = img.cols();
        int h = img.rows();
        double sx = random.nextDouble(0.95, 1.05);
        double sy = random.nextDouble(0.95, 1.05);
        double tx = random.nextDouble(-0.03, 0.03) * w;
        double ty = random.nextDouble(-0.03, 0.03) * h;
        try (Mat m = new Mat(2, 3, opencv_core.CV_64FC1);
                org.bytedeco.javacpp.indexer.DoubleIndexer mi = m.createIndexer()) {
            mi.put(0, 0, sx);
            mi.put(0, 1, 0);
            mi.put(0, 2, (1 - sx) * w / 2 + tx);
            mi.put(1, 0, 0);
            mi.put(1, 1, sy);
            mi.put(1, 2, (1 - sy) * h / 2 + ty);
            try (Mat warped = new Mat()) {
                warpAffine(
                        img,
                        warped,
                        m,
                        new Size(w, h),
                        INTER_LINEAR,
                        opencv_core.BORDER_REFLECT,
                        new Scalar());
                warped.copyTo(img);
            }
        }
    }
}
