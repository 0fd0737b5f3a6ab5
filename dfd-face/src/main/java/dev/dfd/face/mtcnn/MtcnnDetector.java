package dev.dfd.face.mtcnn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StrictLoader;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MTCNN face detector (Zhang et al., "Joint Face Detection and Alignment using Multi-task
 * Cascaded Convolutional Networks", 2016), a port of facenet-pytorch's {@code detect_face} with its
 * weights ({@code mtcnn/pnet.pt}, {@code rnet.pt}, {@code onet.pt} from the model store).
 *
 * <p>Faces are returned ordered by box area, largest first, as facenet-pytorch's {@code detect};
 * boxes are float, neither square nor clipped to the frame; scores are O-Net's face probability;
 * landmarks are left eye, right eye, nose, left and right mouth corner. The cascade follows the
 * reference exactly (pyramid sizes, area resampling, the "+1" conventions of each step, the two NMS
 * flavours, crops clipped and stretched rather than zero-padded), so boxes agree with
 * facenet-pytorch to about 1e-4 px; the networks run on DJL's PyTorch engine, the resampling,
 * candidate bookkeeping and NMS in Java. Images come in as RGB ({@link RgbImage}); frame sources
 * convert grayscale or RGBA frames before they get here.
 *
 * <p>{@link #detectAll} runs frames of one size together (grouped by size, at most about 33
 * megapixels a pass) and returns the same faces as one call per frame, to within float rounding
 * (about 1e-4 px): the small pyramid levels of all frames go through P-Net in one call, the large
 * ones frame by frame (batching those is slower on a CPU), and the R-Net and O-Net crops of all
 * frames go in chunks of 512.
 *
 * <p>Speed: every network input is fed channels-last (pixel-interleaved memory), as facenet-pytorch
 * feeds P-Net, which makes PyTorch's convolutions markedly faster; the area resampling of the
 * pyramid and of the 24×24 and 48×48 crops reads a summed-area table of the frame ({@code
 * AreaSampler}), bit-identical to PyTorch's and cheap.
 *
 * <p>Memory: the Java heap holds the frame's summed-area table (12 bytes a pixel, about 25 MB for
 * 1080p) and one pyramid level's input at a time; the engine holds one level's activations at a
 * time, released before the next level. A 7680×4320 frame peaks at roughly 2 GB of native memory in
 * P-Net's first level; downscale such frames with {@link MtcnnOptions#maxSidePixels()}.
 *
 * <p>Known differences from facenet-pytorch: a candidate whose box, truncated and clipped to the
 * frame, is empty is dropped (facenet-pytorch would misalign its outputs; it does not happen with
 * real boxes); a final box whose corners came out inverted is dropped, since {@link Box} cannot
 * hold it; where a pyramid window sums more than 2^24 (windows over 256×256 pixels, frames whose
 * shorter side exceeds about 3000 px) the sum here is exact where PyTorch's float sum rounds.
 *
 * <p>The detector owns the native memory of its three networks until {@link #close()}; each detect
 * call works in its own {@link NDManager} scope, freed when the call returns, and each pyramid
 * level and crop chunk in a scope of its own. Thread-safe: concurrent detect calls share the
 * networks; {@link #close()} must not race with them.
 */
public final class MtcnnDetector implements FaceDetector {
    private static final Logger LOG = LoggerFactory.getLogger(MtcnnDetector.class);

    /** Model store name of P-Net's weights. */
    public static final String PNET = "mtcnn/pnet.pt";

    /** Model store name of R-Net's weights. */
    public static final String RNET = "mtcnn/rnet.pt";

    /** Model store name of O-Net's weights. */
    public static final String ONET = "mtcnn/onet.pt";

    private static final int RNET_SIZE = 24;
    private static final int ONET_SIZE = 48;

    /** R-Net and O-Net inputs per forward call (facenet-pytorch's chunk). */
    private static final int CROP_CHUNK = 512;

    /** Frame pixels that go through P-Net together, bounding the memory of one batch. */
    private static final long PIXELS_PER_PASS = 16L * 1920 * 1080;

    /** Pyramid levels up to this many pixels go through P-Net with all frames of a batch. */
    private static final long BATCHED_LEVEL_PIXELS = 160L * 160;

    private static final double PROPOSAL_NMS_PER_SCALE = 0.5;
    private static final double PROPOSAL_NMS = 0.7;
    private static final double REFINE_NMS = 0.7;
    private static final float OUTPUT_NMS_MIN = 0.7f;

    private final NDManager manager;
    private final PNet pnet;
    private final RNet rnet;
    private final ONet onet;
    private final MtcnnOptions options;
    private final float pnetThreshold;
    private final float rnetThreshold;
    private final float onetThreshold;

    private MtcnnDetector(
            NDManager manager, PNet pnet, RNet rnet, ONet onet, MtcnnOptions options) {
        this.manager = manager;
        this.pnet = pnet;
        this.rnet = rnet;
        this.onet = onet;
        this.options = options;
        this.pnetThreshold = (float) options.pnetThreshold();
        this.rnetThreshold = (float) options.rnetThreshold();
        this.onetThreshold = (float) options.onetThreshold();
    }

    /**
     * A builder with facenet-pytorch's defaults, the environment's model store and the PyTorch
     * engine's default device.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The options this detector runs with. */
    public MtcnnOptions options() {
        return options;
    }

    /** The device the networks run on. */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Finds the faces in one image.
     *
     * @param image an RGB image of any size; below 12 px on the shorter side (or below the
     *     pyramid's first level) no face is searched and the result is empty
     * @return the faces chosen by {@link MtcnnOptions#selection()}, largest box first; empty when
     *     there is none
     */
    @Override
    public List<Face> detect(RgbImage image) {
        return detectAll(List.of(image)).get(0);
    }

    /**
     * Finds the faces in several images, running images of one size through each network together;
     * the result equals one {@link #detect} call per image.
     *
     * @param images the images, any sizes
     * @return one list of faces per image, in the order given
     */
    @Override
    public List<List<Face>> detectAll(List<RgbImage> images) {
        List<RgbImage> detectionFrames = new ArrayList<>(images.size());
        double[] backScale = new double[images.size()];
        Map<Long, List<Integer>> bySize = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            RgbImage original = images.get(i);
            RgbImage frame = downscaled(original);
            detectionFrames.add(frame);
            backScale[i] =
                    (double) Math.max(original.width(), original.height())
                            / Math.max(frame.width(), frame.height());
            long key = ((long) frame.width() << 32) | frame.height();
            bySize.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }

        List<List<Face>> out = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            out.add(List.of());
        }
        for (List<Integer> group : bySize.values()) {
            RgbImage first = detectionFrames.get(group.get(0));
            long pixels = (long) first.width() * first.height();
            int perPass =
                    (int)
                            Math.max(
                                    1,
                                    Math.min(
                                            group.size(),
                                            Long.getLong("ppp", PIXELS_PER_PASS) / pixels));
            for (int start = 0; start < group.size(); start += perPass) {
                List<Integer> pass = group.subList(start, Math.min(group.size(), start + perPass));
                List<RgbImage> frames = new ArrayList<>(pass.size());
                for (int index : pass) {
                    frames.add(detectionFrames.get(index));
                }
                List<List<Candidate>> found = cascade(frames);
                for (int k = 0; k < pass.size(); k++) {
                    int index = pass.get(k);
                    out.set(
                            index,
                            select(toFaces(found.get(k), backScale[index]), images.get(index)));
                }
            }
        }
        return out;
    }

    private RgbImage downscaled(RgbImage image) {
        int limit = options.maxSidePixels();
        int longer = Math.max(image.width(), image.height());
        if (limit == 0 || longer <= limit) {
            return image;
        }
        double s = (double) limit / longer;
        int w = (int) Math.max(1, Math.round(image.width() * s));
        int h = (int) Math.max(1, Math.round(image.height() * s));
        try (Mat src = OpenCvImages.toMat(image);
                Mat dst = new Mat();
                Size size = new Size(w, h)) {
            opencv_imgproc.resize(src, dst, size, 0, 0, opencv_imgproc.INTER_AREA);
            return OpenCvImages.fromMat(dst);
        }
    }

    /** Runs the three stages on frames of one size; returns the faces of each, area order. */
    private List<List<Candidate>> cascade(List<RgbImage> frames) {
        int n = frames.size();
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        List<Double> scales = pyramid(w, h);
        List<List<Candidate>> empty = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            empty.add(new ArrayList<>());
        }
        if (scales.isEmpty()) {
            return empty;
        }
        AreaSampler[] samplers = new AreaSampler[n];
        for (int k = 0; k < n; k++) {
            samplers[k] = new AreaSampler(frames.get(k));
        }
        try (NDManager scope = manager.newSubManager()) {
            List<List<Candidate>> boxes = propose(scope, samplers, scales);
            boxes = refine(scope, samplers, boxes);
            return output(scope, samplers, boxes);
        }
    }

    /** The pyramid scales of facenet-pytorch, in doubles, largest first. */
    private List<Double> pyramid(int w, int h) {
        double m = 12.0 / options.minFacePixels();
        double minl = Math.min(h, w) * m;
        double scale = m;
        List<Double> scales = new ArrayList<>();
        while (minl >= 12) {
            scales.add(scale);
            scale *= options.scaleFactor();
            minl *= options.scaleFactor();
        }
        return scales;
    }

    /** Stage 1: P-Net on every pyramid level, NMS per level and across levels, regression. */
    private List<List<Candidate>> propose(
            NDManager scope, AreaSampler[] samplers, List<Double> scales) {
        int n = samplers.length;
        int w = samplers[0].width();
        int h = samplers[0].height();
        List<List<Candidate>> perImage = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            perImage.add(new ArrayList<>());
        }
        for (double scale : scales) {
            int hs = (int) (h * scale + 1);
            int ws = (int) (w * scale + 1);
            // Large levels go through P-Net one frame at a time (memory-bound, batching them is
            // slower); small levels of all frames together, to save per-call overhead.
            int perCall = (long) hs * ws > Long.getLong("blp", BATCHED_LEVEL_PIXELS) ? 1 : n;
            for (int first = 0; first < n; first += perCall) {
                int count = Math.min(perCall, n - first);
                proposeLevel(scope, samplers, first, count, scale, hs, ws, perImage);
            }
        }
        List<List<Candidate>> out = new ArrayList<>(n);
        for (List<Candidate> all : perImage) {
            List<Candidate> kept = BoxNms.iou(all, PROPOSAL_NMS);
            for (Candidate c : kept) {
                c.applyProposalRegression();
                c.makeSquare();
            }
            out.add(kept);
        }
        LOG.debug("P-Net: {} levels, {} proposals", scales.size(), count(out));
        return out;
    }

    /** P-Net on one pyramid level of frames {@code first .. first+count-1}; NMS per frame. */
    private void proposeLevel(
            NDManager scope,
            AreaSampler[] samplers,
            int first,
            int count,
            double scale,
            int hs,
            int ws,
            List<List<Candidate>> perImage) {
        int w = samplers[0].width();
        int h = samplers[0].height();
        int plane = 3 * hs * ws;
        float[] input = new float[count * plane];
        for (int k = 0; k < count; k++) {
            samplers[first + k].resizeNormalisedInterleaved(0, 0, w, h, ws, hs, input, k * plane);
        }
        float[] prob;
        float[] reg;
        int oh;
        int ow;
        try (NDManager level = scope.newSubManager()) {
            NDArray x = channelsLast(level, input, count, hs, ws);
            NDList out = pnet.forward(new ParameterStore(level, false), new NDList(x), false);
            Shape shape = out.get(0).getShape();
            oh = (int) shape.get(2);
            ow = (int) shape.get(3);
            prob = out.get(0).get(":, 1").toFloatArray();
            reg = out.get(1).toFloatArray();
        }
        float scaleF = (float) scale;
        int cells = oh * ow;
        for (int k = 0; k < count; k++) {
            List<Candidate> level = new ArrayList<>();
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int cell = y * ow + x;
                    float p = prob[k * cells + cell];
                    if (p >= pnetThreshold) {
                        Candidate c =
                                new Candidate(
                                        (float) Math.floor((2f * x + 1f) / scaleF),
                                        (float) Math.floor((2f * y + 1f) / scaleF),
                                        (float) Math.floor((2f * x + 12f) / scaleF),
                                        (float) Math.floor((2f * y + 12f) / scaleF),
                                        p);
                        int base = k * 4 * cells + cell;
                        c.setRegression(
                                reg[base],
                                reg[base + cells],
                                reg[base + 2 * cells],
                                reg[base + 3 * cells]);
                        level.add(c);
                    }
                }
            }
            perImage.get(first + k).addAll(BoxNms.iou(level, PROPOSAL_NMS_PER_SCALE));
        }
    }

    /**
     * An N×3×H×W view of pixel-interleaved data (channels-last memory, as facenet-pytorch feeds
     * P-Net); the convolutions run markedly faster on it than on planar input.
     */
    private static NDArray channelsLast(NDManager m, float[] interleaved, int n, int h, int w) {
        return m.create(interleaved, new Shape(n, h, w, 3)).transpose(0, 3, 1, 2);
    }

    /** Stage 2: R-Net on 24×24 crops, threshold, NMS, regression, squaring. */
    private List<List<Candidate>> refine(
            NDManager scope, AreaSampler[] samplers, List<List<Candidate>> boxes) {
        List<List<Candidate>> cropped = croppable(samplers, boxes);
        float[][] result = scoreCrops(scope, rnet, samplers, cropped, RNET_SIZE, false);
        float[] prob = result[0];
        float[] reg = result[1];
        List<List<Candidate>> out = new ArrayList<>(boxes.size());
        int row = 0;
        for (List<Candidate> image : cropped) {
            List<Candidate> passed = new ArrayList<>();
            for (Candidate c : image) {
                float p = prob[row];
                if (p > rnetThreshold) {
                    c.score = p;
                    c.setRegression(
                            reg[4 * row], reg[4 * row + 1], reg[4 * row + 2], reg[4 * row + 3]);
                    passed.add(c);
                }
                row++;
            }
            List<Candidate> kept = BoxNms.iou(passed, REFINE_NMS);
            for (Candidate c : kept) {
                c.applyRefinementRegression();
                c.makeSquare();
            }
            out.add(kept);
        }
        LOG.debug("R-Net: {} in, {} out", row, count(out));
        return out;
    }

    /** Stage 3: O-Net on 48×48 crops, threshold, landmarks, regression, Min-NMS, area order. */
    private List<List<Candidate>> output(
            NDManager scope, AreaSampler[] samplers, List<List<Candidate>> boxes) {
        List<List<Candidate>> cropped = croppable(samplers, boxes);
        float[][] result = scoreCrops(scope, onet, samplers, cropped, ONET_SIZE, true);
        float[] prob = result[0];
        float[] reg = result[1];
        float[] marks = result[2];
        List<List<Candidate>> out = new ArrayList<>(boxes.size());
        int row = 0;
        for (List<Candidate> image : cropped) {
            List<Candidate> passed = new ArrayList<>();
            for (Candidate c : image) {
                float p = prob[row];
                if (p > onetThreshold) {
                    c.score = p;
                    c.setLandmarks(marks, 10 * row);
                    c.setRegression(
                            reg[4 * row], reg[4 * row + 1], reg[4 * row + 2], reg[4 * row + 3]);
                    c.applyRefinementRegression();
                    passed.add(c);
                }
                row++;
            }
            List<Candidate> kept = new ArrayList<>(BoxNms.min(passed, OUTPUT_NMS_MIN));
            kept.sort(
                    Comparator.comparingDouble((Candidate c) -> (c.x2 - c.x1) * (c.y2 - c.y1))
                            .reversed());
            out.add(kept);
        }
        LOG.debug("O-Net: {} in, {} faces", row, count(out));
        return out;
    }

    /**
     * Drops candidates whose integer crop is empty after clipping to the frame (facenet-pytorch
     * would misalign its outputs there; it does not happen for boxes the cascade produces).
     */
    private static List<List<Candidate>> croppable(
            AreaSampler[] samplers, List<List<Candidate>> boxes) {
        List<List<Candidate>> out = new ArrayList<>(boxes.size());
        for (int k = 0; k < boxes.size(); k++) {
            List<Candidate> keep = new ArrayList<>();
            for (Candidate c : boxes.get(k)) {
                if (cropRect(c, samplers[k]) != null) {
                    keep.add(c);
                }
            }
            out.add(keep);
        }
        return out;
    }

    /**
     * facenet-pytorch's {@code pad}: the box truncated toward zero, clipped to 1-based [1, w] × [1,
     * h]; returns the 0-based {x, y, width, height}, or null when empty.
     */
    private static int[] cropRect(Candidate c, AreaSampler image) {
        int x = Math.max((int) c.x1, 1);
        int y = Math.max((int) c.y1, 1);
        int ex = Math.min((int) c.x2, image.width());
        int ey = Math.min((int) c.y2, image.height());
        if (ey <= y - 1 || ex <= x - 1) {
            return null;
        }
        return new int[] {x - 1, y - 1, ex - x + 1, ey - y + 1};
    }

    /**
     * Crops and area-resizes every candidate to {@code size}×{@code size} and runs {@code net} in
     * chunks; returns the face probabilities, the regressions (4 a row) and, if asked, the
     * landmarks (10 a row).
     */
    private static float[][] scoreCrops(
            NDManager scope,
            Block net,
            AreaSampler[] samplers,
            List<List<Candidate>> boxes,
            int size,
            boolean landmarks) {
        int total = count(boxes);
        float[] prob = new float[total];
        float[] reg = new float[4 * total];
        float[] marks = landmarks ? new float[10 * total] : new float[0];
        int plane = 3 * size * size;
        int done = 0;
        int image = 0;
        int inImage = 0;
        while (done < total) {
            int chunk = Math.min(CROP_CHUNK, total - done);
            float[] input = new float[chunk * plane];
            for (int i = 0; i < chunk; i++) {
                while (inImage >= boxes.get(image).size()) {
                    image++;
                    inImage = 0;
                }
                int[] r = cropRect(boxes.get(image).get(inImage), samplers[image]);
                samplers[image].resizeNormalisedInterleaved(
                        r[0], r[1], r[2], r[3], size, size, input, i * plane);
                inImage++;
            }
            try (NDManager m = scope.newSubManager()) {
                NDArray x = channelsLast(m, input, chunk, size, size);
                NDList out = net.forward(new ParameterStore(m, false), new NDList(x), false);
                float[] p = out.get(0).get(":, 1").toFloatArray();
                System.arraycopy(p, 0, prob, done, chunk);
                System.arraycopy(out.get(1).toFloatArray(), 0, reg, 4 * done, 4 * chunk);
                if (landmarks) {
                    System.arraycopy(out.get(2).toFloatArray(), 0, marks, 10 * done, 10 * chunk);
                }
            }
            done += chunk;
        }
        return new float[][] {prob, reg, marks};
    }

    private static int count(List<List<Candidate>> boxes) {
        int total = 0;
        for (List<Candidate> b : boxes) {
            total += b.size();
        }
        return total;
    }

    private static List<Face> toFaces(List<Candidate> found, double backScale) {
        List<Face> faces = new ArrayList<>(found.size());
        for (Candidate c : found) {
            if (!(c.x2 >= c.x1 && c.y2 >= c.y1)) {
                LOG.debug("dropping an inverted box [{}, {}, {}, {}]", c.x1, c.y1, c.x2, c.y2);
                continue;
            }
            List<Point> points = new ArrayList<>(5);
            for (int k = 0; k < 5; k++) {
                points.add(new Point(c.landmarks[k], c.landmarks[5 + k]));
            }
            Face face = new Face(new Box(c.x1, c.y1, c.x2, c.y2), c.score, points);
            faces.add(backScale == 1.0 ? face : face.scale(backScale));
        }
        return faces;
    }

    private List<Face> select(List<Face> faces, RgbImage frame) {
        if (faces.size() <= 1) {
            return faces;
        }
        return switch (options.selection()) {
            case ALL -> faces;
            case LARGEST -> List.of(faces.get(0));
            case HIGHEST_PROBABILITY ->
                    List.of(
                            faces.stream()
                                    .max(Comparator.comparingDouble(Face::score))
                                    .orElseThrow());
            case LARGEST_NEAR_CENTER -> List.of(largestNearCenter(faces, frame));
        };
    }

    private static Face largestNearCenter(List<Face> faces, RgbImage frame) {
        double cx = frame.width() / 2.0;
        double cy = frame.height() / 2.0;
        Face best = faces.get(0);
        double bestValue = Double.NEGATIVE_INFINITY;
        for (Face f : faces) {
            double dx = f.box().centerX() - cx;
            double dy = f.box().centerY() - cy;
            double value = f.box().area() - 2 * (dx * dx + dy * dy);
            if (value > bestValue) {
                bestValue = value;
                best = f;
            }
        }
        return best;
    }

    /** Frees the networks' native memory. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * Configures and loads an {@link MtcnnDetector}.
     *
     * <p>Not thread-safe; {@link #build()} may be called more than once.
     */
    public static final class Builder {
        private ModelStore store;
        private MtcnnOptions options = MtcnnOptions.defaults();
        private Device device;

        private Builder() {}

        /**
         * Takes the weights from this store instead of {@link ModelStore#fromEnvironment()}.
         *
         * @param modelStore the store resolving {@code mtcnn/pnet.pt}, {@code rnet.pt}, {@code
         *     onet.pt}
         * @return this builder
         */
        public Builder optModelStore(ModelStore modelStore) {
            this.store = java.util.Objects.requireNonNull(modelStore, "modelStore");
            return this;
        }

        /**
         * Sets the detection options (default {@link MtcnnOptions#defaults()}).
         *
         * @param detectorOptions the options
         * @return this builder
         */
        public Builder optOptions(MtcnnOptions detectorOptions) {
            this.options = java.util.Objects.requireNonNull(detectorOptions, "options");
            return this;
        }

        /**
         * Runs the networks on this device (default: the PyTorch engine's default device).
         *
         * @param target the device
         * @return this builder
         */
        public Builder optDevice(Device target) {
            this.device = java.util.Objects.requireNonNull(target, "device");
            return this;
        }

        /**
         * Reads the weights and builds the detector.
         *
         * @return the detector, which the caller closes
         * @throws IOException if a weight file is missing (and cannot be downloaded) or is not a
         *     valid MTCNN checkpoint; the message names the file
         * @throws ai.djl.engine.EngineException if DJL's PyTorch engine is not on the class path
         */
        public MtcnnDetector build() throws IOException {
            ModelStore models = store != null ? store : ModelStore.fromEnvironment();
            Path pnetFile = models.resolve(PNET);
            Path rnetFile = models.resolve(RNET);
            Path onetFile = models.resolve(ONET);
            Engine engine = Engine.getEngine("PyTorch");
            Device target = device != null ? device : engine.defaultDevice();
            NDManager manager = engine.newBaseManager(target);
            try {
                PNet p = load(manager, new PNet(), pnetFile, 12);
                RNet r = load(manager, new RNet(), rnetFile, RNET_SIZE);
                ONet o = load(manager, new ONet(), onetFile, ONET_SIZE);
                LOG.debug("MTCNN loaded on {} from {}", target, pnetFile.getParent());
                return new MtcnnDetector(manager, p, r, o, options);
            } catch (IOException | RuntimeException e) {
                manager.close();
                throw e;
            }
        }

        private static <B extends Block> B load(NDManager manager, B net, Path file, int size)
                throws IOException {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
            StrictLoader.load(net, Checkpoints.read(file));
            net.freezeParameters(true);
            return net;
        }
    }
}
