package dev.dfd.face.haar;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A face detector on OpenCV's Haar cascades (Viola and Jones 2001, with Lienhart's extended
 * features), using the cascade files bundled in the OpenCV jar: no weights to download. Use it when
 * the MTCNN weights are not at hand; it finds fewer faces, only frontal ones, with looser boxes
 * (see {@code docs/face-detection.md} for its recall against MTCNN on the shared media).
 *
 * <p>The image is converted to grey, histogram-equalised and, if its longer side exceeds {@link
 * Builder#maxSidePixels}, shrunk with area interpolation before detection; boxes are scaled back.
 * Boxes are squares as the cascade reports them (the eyebrows to the mouth, narrower and shorter
 * than MTCNN's), in pixels of the input, inside the image. Faces are ordered by box area, largest
 * first, like MTCNN's. Landmarks are empty.
 *
 * <p>Score: OpenCV merges overlapping raw detections and reports how many were merged ({@code n},
 * at least {@link Builder#minNeighbors}); the score is {@code 1 - exp(-n / 10)}, a heuristic in [0,
 * 1) that rises with the evidence (n = 5: 0.39, 10: 0.63, 30: 0.95). It is not a calibrated
 * probability and is not comparable with MTCNN's.
 *
 * <p>Owns the native cascade until {@link #close()}. Thread-safe: calls are serialised, since an
 * OpenCV cascade keeps per-call buffers.
 */
public final class HaarFaceDetector implements FaceDetector {
    private static final Logger LOG = LoggerFactory.getLogger(HaarFaceDetector.class);

    /** The frontal-face cascades shipped with OpenCV. */
    public enum Cascade {
        /** {@code haarcascade_frontalface_default.xml}. */
        FRONTAL_DEFAULT("haarcascade_frontalface_default.xml"),
        /** {@code haarcascade_frontalface_alt.xml}. */
        FRONTAL_ALT("haarcascade_frontalface_alt.xml"),
        /** {@code haarcascade_frontalface_alt2.xml}. */
        FRONTAL_ALT2("haarcascade_frontalface_alt2.xml");

        private final String fileName;

        Cascade(String fileName) {
            this.fileName = fileName;
        }

        /** The cascade's file name in OpenCV's {@code haarcascades} folder. */
        public String fileName() {
            return fileName;
        }
    }

    private final CascadeClassifier classifier;
    private final Cascade cascade;
    private final double scaleFactor;
    private final int minNeighbors;
    private final int minFacePixels;
    private final int maxSidePixels;
    private boolean closed;

    private HaarFaceDetector(Builder b, CascadeClassifier classifier) {
        this.classifier = classifier;
        this.cascade = b.cascade;
        this.scaleFactor = b.scaleFactor;
        this.minNeighbors = b.minNeighbors;
        this.minFacePixels = b.minFacePixels;
        this.maxSidePixels = b.maxSidePixels;
    }

    /** Starts a configuration: alt2 cascade, scale step 1.1, 4 neighbours, 20 px, 1280 px. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cascade in use. */
    public Cascade cascade() {
        return cascade;
    }

    /**
     * Finds the frontal faces in an image.
     *
     * @param image the image
     * @return the faces, largest box first
     * @throws IllegalStateException if the detector is closed
     */
    @Override
    public synchronized List<Face> detect(RgbImage image) {
        if (closed) {
            throw new IllegalStateException("the Haar detector is closed");
        }
        int longer = Math.max(image.width(), image.height());
        double scale =
                maxSidePixels > 0 && longer > maxSidePixels ? (double) maxSidePixels / longer : 1;
        List<Face> faces = new ArrayList<>();
        try (Mat rgb = OpenCvImages.toMat(image);
                Mat grey = new Mat();
                Mat small = new Mat();
                Mat equalised = new Mat();
                RectVector found = new RectVector();
                IntPointer neighbours = new IntPointer()) {
            opencv_imgproc.cvtColor(rgb, grey, opencv_imgproc.COLOR_RGB2GRAY);
            Mat input = grey;
            if (scale < 1) {
                try (Size size =
                        new Size(
                                Math.max(1, (int) Math.round(image.width() * scale)),
                                Math.max(1, (int) Math.round(image.height() * scale)))) {
                    opencv_imgproc.resize(grey, small, size, 0, 0, opencv_imgproc.INTER_AREA);
                }
                input = small;
            }
            opencv_imgproc.equalizeHist(input, equalised);
            int minSide = Math.max(1, (int) Math.round(minFacePixels * scale));
            try (Size min = new Size(minSide, minSide);
                    Size max = new Size()) {
                classifier.detectMultiScale2(
                        equalised, found, neighbours, scaleFactor, minNeighbors, 0, min, max);
            }
            for (long i = 0; i < found.size(); i++) {
                int n = i < neighbours.limit() ? neighbours.get(i) : minNeighbors;
                double score = 1 - Math.exp(-n / 10.0);
                try (Rect r = found.get(i)) {
                    Box box = new Box(r.x(), r.y(), r.x() + r.width(), r.y() + r.height());
                    faces.add(new Face(box.scale(1 / scale), score, List.of()));
                }
            }
        }
        faces.sort(Comparator.comparingDouble((Face f) -> f.box().area()).reversed());
        LOG.debug("Haar: {} faces in a {}x{} image", faces.size(), image.width(), image.height());
        return faces;
    }

    /** Frees the cascade. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            classifier.close();
        }
    }

    /** Configures a {@link HaarFaceDetector}. Not thread-safe. */
    public static final class Builder {
        private Cascade cascade = Cascade.FRONTAL_ALT2;
        private double scaleFactor = 1.1;
        private int minNeighbors = 4;
        private int minFacePixels = 20;
        private int maxSidePixels = 1280;

        private Builder() {}

        /**
         * Chooses the cascade.
         *
         * @param cascade one of OpenCV's frontal-face cascades; default {@link
         *     Cascade#FRONTAL_ALT2}
         * @return this builder
         */
        public Builder optCascade(Cascade cascade) {
            this.cascade = java.util.Objects.requireNonNull(cascade, "cascade");
            return this;
        }

        /**
         * Sets the step between the scales searched.
         *
         * @param factor greater than 1; default 1.1 (smaller is slower and finds more)
         * @return this builder
         * @throws IllegalArgumentException if not greater than 1
         */
        public Builder optScaleFactor(double factor) {
            if (!(factor > 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("scale factor must be > 1, got " + factor);
            }
            this.scaleFactor = factor;
            return this;
        }

        /**
         * Sets how many overlapping raw detections a face needs.
         *
         * @param n at least 1; default 4 (larger: fewer false faces, fewer true ones)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder optMinNeighbors(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("min neighbours must be >= 1, got " + n);
            }
            this.minNeighbors = n;
            return this;
        }

        /**
         * Sets the smallest face searched, in pixels of the input image.
         *
         * @param pixels at least 1; default 20 (below about 24 px, the cascade's window, the image
         *     is effectively searched at its own resolution)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder optMinFacePixels(int pixels) {
            if (pixels < 1) {
                throw new IllegalArgumentException("min face size must be >= 1, got " + pixels);
            }
            this.minFacePixels = pixels;
            return this;
        }

        /**
         * Sets the longer side images are shrunk to before detection, bounding the time per frame;
         * faces smaller than about 24 px after shrinking are missed.
         *
         * @param pixels at least 24, or 0 to never shrink; default 1280
         * @return this builder
         * @throws IllegalArgumentException if between 1 and 23 or negative
         */
        public Builder optMaxSidePixels(int pixels) {
            if (pixels < 0 || (pixels > 0 && pixels < 24)) {
                throw new IllegalArgumentException(
                        "max side must be 0 or >= 24 pixels, got " + pixels);
            }
            this.maxSidePixels = pixels;
            return this;
        }

        /**
         * Loads the cascade from the OpenCV jar (extracted once into JavaCPP's cache folder).
         *
         * @return the detector
         * @throws IOException if the cascade resource is missing from the class path or cannot be
         *     read
         */
        public HaarFaceDetector build() throws IOException {
            String resource =
                    "/org/bytedeco/opencv/"
                            + Loader.getPlatform()
                            + "/share/opencv4/haarcascades/"
                            + cascade.fileName();
            File file = Loader.cacheResource(CascadeClassifier.class, resource);
            if (file == null) {
                throw new IOException(
                        resource
                                + ": Haar cascade not found on the class path (is the opencv"
                                + " jar for "
                                + Loader.getPlatform()
                                + " present?)");
            }
            CascadeClassifier classifier = new CascadeClassifier();
            if (!classifier.load(file.getAbsolutePath()) || classifier.empty()) {
                classifier.close();
                throw new IOException(file + ": not a readable OpenCV cascade");
            }
            return new HaarFaceDetector(this, classifier);
        }
    }
}
