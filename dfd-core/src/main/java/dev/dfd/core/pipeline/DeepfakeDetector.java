package dev.dfd.core.pipeline;

import dev.dfd.core.classify.Aggregator;
import dev.dfd.core.classify.Classifier;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.face.FaceTrack;
import dev.dfd.core.face.FaceTracker;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.FrameSourceFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline: a video in, the probability that it is fake out.
 *
 * <p>Frames are sampled and decoded, faces detected and linked into tracks (one per person), cut
 * out by the crop policy, scored by the classifier (an {@link dev.dfd.core.classify.Ensemble} for
 * several networks), and the scores of each track aggregated; the video's probability is the
 * largest track probability, since one manipulated person makes the video fake. A track seen in
 * only a few of the sampled frames (a false detection, or a face glimpsed at the edge of the
 * picture) does not take part, so that a single crop cannot decide the verdict, unless no track is
 * seen long enough. A video with no face gets the configured prior and says so.
 *
 * <p>Owns the detector and classifier it was built with and closes them in {@link #close()}. {@link
 * #detect} may be called from one thread at a time; for parallel scoring build one detector per
 * thread around classifiers that share their model.
 */
public final class DeepfakeDetector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeepfakeDetector.class);

    private final FrameSourceFactory frameSources;
    private final FrameSampling sampling;
    private final FaceDetector faceDetector;
    private final FaceTracker tracker;
    private final FaceCropper cropper;
    private final Classifier classifier;
    private final Aggregator aggregator;
    private final double noFacePrior;
    private final double minTrackShare;
    private final double clipLow;
    private final double clipHigh;
    private final TestTimeAugmentation tta;
    private final int classifierBatch;

    private DeepfakeDetector(Builder b) {
        this.frameSources = Objects.requireNonNull(b.frameSources, "frameSources is required");
        this.faceDetector = Objects.requireNonNull(b.faceDetector, "faceDetector is required");
        this.tracker = Objects.requireNonNull(b.tracker, "tracker is required");
        this.cropper = Objects.requireNonNull(b.cropper, "cropper is required");
        this.classifier = Objects.requireNonNull(b.classifier, "classifier is required");
        this.sampling = b.sampling;
        this.aggregator = b.aggregator;
        this.noFacePrior = b.noFacePrior;
        this.minTrackShare = b.minTrackShare;
        this.clipLow = b.clipLow;
        this.clipHigh = b.clipHigh;
        this.tta = b.tta;
        this.classifierBatch = b.classifierBatch;
        if (cropper.policy().outputSize() != classifier.inputSize()) {
            throw new IllegalArgumentException(
                    "crop size "
                            + cropper.policy().outputSize()
                            + " does not match the classifier's input size "
                            + classifier.inputSize());
        }
    }

    /**
     * A builder with the defaults of the DFDC winner's inference: 32 evenly spaced frames, the
     * confident aggregation, prior 0.5 for a video without faces, no clipping, no test-time
     * augmentation; tracks seen in under a tenth of the sampled frames do not count; crops scored 4
     * at a time. The frame source factory, face detector, tracker, cropper and classifier must be
     * set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores one video.
     *
     * @param video the video file (or image, or folder of images)
     * @return the verdict
     * @throws IOException if the video cannot be decoded at all
     */
    public VideoVerdict detect(Path video) throws IOException {
        Map<String, Long> millis = new LinkedHashMap<>();
        long start = System.nanoTime();

        List<Frame> frames;
        try (FrameSource source = frameSources.open(video, sampling)) {
            frames = source.readAll();
            if (source.framesLost() > 0) {
                LOG.warn("{}: {} sampled frames lost to damage", video, source.framesLost());
            }
        }
        long t = System.nanoTime();
        millis.put("decode", (t - start) / 1_000_000);

        List<RgbImage> images = new ArrayList<>(frames.size());
        int[] indices = new int[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            images.add(frames.get(i).image());
            indices[i] = frames.get(i).index();
        }
        List<List<Face>> faces = faceDetector.detectAll(images);
        long t2 = System.nanoTime();
        millis.put("detect", (t2 - t) / 1_000_000);

        List<FaceTrack> tracks = tracker.link(indices, faces);
        Map<Integer, RgbImage> imageByIndex = new HashMap<>();
        for (Frame f : frames) {
            imageByIndex.put(f.index(), f.image());
        }
        List<FaceCrop> crops = new ArrayList<>();
        List<Integer> cropTrack = new ArrayList<>();
        for (FaceTrack track : tracks) {
            for (FaceTrack.TrackedFace tf : track.faces()) {
                crops.add(
                        cropper.crop(
                                imageByIndex.get(tf.frameIndex()), tf.frameIndex(), tf.face()));
                cropTrack.add(track.id());
            }
        }
        long t3 = System.nanoTime();
        millis.put("crop", (t3 - t2) / 1_000_000);

        double[] scores = score(crops, video);
        long t4 = System.nanoTime();
        millis.put("classify", (t4 - t3) / 1_000_000);

        millis.put("total", (System.nanoTime() - start) / 1_000_000);
        return verdict(video, frames, crops, cropTrack, scores, millis);
    }

    private double[] score(List<FaceCrop> crops, Path video) {
        double[] scores = new double[crops.size()];
        SplittableRandom random = new SplittableRandom(tta.seed() ^ video.toString().hashCode());
        Map<Integer, Double> brightnessByFrame = new HashMap<>();
        for (int from = 0; from < crops.size(); from += classifierBatch) {
            int to = Math.min(crops.size(), from + classifierBatch);
            List<RgbImage> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                RgbImage img = crops.get(i).image();
                if (tta.brightnessShare() > 0) {
                    double b =
                            brightnessByFrame.computeIfAbsent(
                                    crops.get(i).frameIndex(),
                                    k ->
                                            random.nextDouble() < tta.brightnessShare()
                                                    ? random.nextDouble(
                                                            -tta.brightnessLimit(),
                                                            Math.nextUp(tta.brightnessLimit()))
                                                    : 0.0);
                    img = CropOps.scaleBrightness(img, b);
                }
                batch.add(img);
            }
            double[] p = classifier.predict(batch);
            if (tta.horizontalFlip()) {
                double[] flipped =
                        classifier.predict(batch.stream().map(CropOps::flipHorizontal).toList());
                for (int i = 0; i < p.length; i++) {
                    p[i] = (p[i] + flipped[i]) / 2;
                }
            }
            System.arraycopy(p, 0, scores, from, p.length);
        }
        return scores;
    }

    private VideoVerdict verdict(
            Path video,
            List<Frame> frames,
            List<FaceCrop> crops,
            List<Integer> cropTrack,
            double[] scores,
            Map<String, Long> millis) {
        Map<Integer, List<VideoVerdict.FaceScore>> byFrame = new LinkedHashMap<>();
        for (Frame f : frames) {
            byFrame.put(f.index(), new ArrayList<>());
        }
        Map<Integer, List<Double>> byTrack = new LinkedHashMap<>();
        for (int i = 0; i < crops.size(); i++) {
            FaceCrop c = crops.get(i);
            int track = cropTrack.get(i);
            byFrame.get(c.frameIndex())
                    .add(
                            new VideoVerdict.FaceScore(
                                    track, c.face().box(), c.face().score(), scores[i]));
            byTrack.computeIfAbsent(track, k -> new ArrayList<>()).add(scores[i]);
        }
        int minCrops = minTrackCrops(frames.size());
        boolean anyLongEnough = byTrack.values().stream().anyMatch(l -> l.size() >= minCrops);
        List<VideoVerdict.TrackScore> trackScores = new ArrayList<>();
        double best = -1;
        for (Map.Entry<Integer, List<Double>> e : byTrack.entrySet()) {
            double p = aggregator.aggregate(e.getValue().stream().mapToDouble(d -> d).toArray());
            boolean counted = !anyLongEnough || e.getValue().size() >= minCrops;
            trackScores.add(
                    new VideoVerdict.TrackScore(e.getKey(), p, e.getValue().size(), counted));
            if (counted) {
                best = Math.max(best, p);
            }
        }
        long ignored = trackScores.stream().filter(ts -> !ts.counted()).count();
        if (ignored > 0) {
            LOG.debug(
                    "{}: {} track(s) seen in fewer than {} of {} sampled frames left out",
                    video,
                    ignored,
                    minCrops,
                    frames.size());
        }
        boolean faceFound = !trackScores.isEmpty();
        double probability = faceFound ? Math.min(clipHigh, Math.max(clipLow, best)) : noFacePrior;
        if (!faceFound) {
            LOG.warn(
                    "{}: no face in {} sampled frames; reporting the prior {}",
                    video,
                    frames.size(),
                    noFacePrior);
        }
        List<VideoVerdict.FrameScores> frameScores = new ArrayList<>();
        byFrame.forEach(
                (index, list) -> frameScores.add(new VideoVerdict.FrameScores(index, list)));
        return new VideoVerdict(
                video.toString(), probability, faceFound, trackScores, frameScores, millis);
    }

    /** The fewest crops a track needs to count: the share of the sampled frames, at least 1. */
    private int minTrackCrops(int sampledFrames) {
        return Math.max(1, (int) Math.ceil(minTrackShare * sampledFrames - 1e-9));
    }

    /** The crop policy the pipeline cuts faces with. */
    public CropPolicy cropPolicy() {
        return cropper.policy();
    }

    @Override
    public void close() {
        try {
            classifier.close();
        } finally {
            try {
                faceDetector.close();
            } catch (Exception e) {
                LOG.warn("closing the face detector failed", e);
            }
        }
    }

    /** Configures a {@link DeepfakeDetector}. Not thread-safe. */
    public static final class Builder {
        private FrameSourceFactory frameSources;
        private FrameSampling sampling = FrameSampling.evenlySpaced(32);
        private FaceDetector faceDetector;
        private FaceTracker tracker;
        private FaceCropper cropper;
        private Classifier classifier;
        private Aggregator aggregator = Aggregator.confident();
        private double noFacePrior = 0.5;
        private double minTrackShare = 0.1;
        private double clipLow = 0;
        private double clipHigh = 1;
        private TestTimeAugmentation tta = TestTimeAugmentation.NONE;
        private int classifierBatch = 4;

        private Builder() {}

        /** Sets how videos are opened (required; dfd-video's {@code FrameSources::open}). */
        public Builder setFrameSources(FrameSourceFactory frameSources) {
            this.frameSources = frameSources;
            return this;
        }

        /** Sets which frames are sampled (default: 32 evenly spaced). */
        public Builder optSampling(FrameSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /** Sets the face detector (required); the detector is closed with the pipeline. */
        public Builder setFaceDetector(FaceDetector faceDetector) {
            this.faceDetector = faceDetector;
            return this;
        }

        /** Sets how faces are linked across frames (required). */
        public Builder setTracker(FaceTracker tracker) {
            this.tracker = tracker;
            return this;
        }

        /** Sets how faces are cut out (required); its size must equal the classifier's. */
        public Builder setCropper(FaceCropper cropper) {
            this.cropper = cropper;
            return this;
        }

        /** Sets the classifier (required); it is closed with the pipeline. */
        public Builder setClassifier(Classifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Sets how a track's crop scores are combined (default: the winner's confident rule). */
        public Builder optAggregator(Aggregator aggregator) {
            this.aggregator = Objects.requireNonNull(aggregator, "aggregator");
            return this;
        }

        /**
         * Sets the probability reported for a video in which no face is found (default 0.5).
         *
         * @param prior in [0, 1]
         * @return this builder
         */
        public Builder optNoFacePrior(double prior) {
            if (!(prior >= 0 && prior <= 1)) {
                throw new IllegalArgumentException("prior must be in [0, 1], got " + prior);
            }
            this.noFacePrior = prior;
            return this;
        }

        /**
         * Sets the share of the sampled frames a track must be seen in to take part in the video's
         * probability (default 0.1: 4 of 32 frames). Shorter tracks are still scored and reported,
         * with {@link VideoVerdict.TrackScore#counted()} false; if no track is long enough, every
         * track counts, so a video whose only face is brief is still judged by it.
         *
         * @param share in [0, 1]; 0 counts every track
         * @return this builder
         */
        public Builder optMinTrackShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(
                        "minimum track share must be in [0, 1], got " + share);
            }
            this.minTrackShare = share;
            return this;
        }

        /**
         * Clips every video probability to {@code [low, high]} (default: no clipping).
         *
         * @param low lower bound
         * @param high upper bound, {@code 0 <= low <= high <= 1}
         * @return this builder
         */
        public Builder optClip(double low, double high) {
            if (!(low >= 0 && low <= high && high <= 1)) {
                throw new IllegalArgumentException(
                        "clip bounds must satisfy 0 <= low <= high <= 1, got " + low + ", " + high);
            }
            this.clipLow = low;
            this.clipHigh = high;
            return this;
        }

        /** Sets test-time augmentation (default: none). */
        public Builder optTestTimeAugmentation(TestTimeAugmentation tta) {
            this.tta = Objects.requireNonNull(tta, "tta");
            return this;
        }

        /**
         * Sets how many crops are scored in one classifier call (default 4). On a CPU small batches
         * are fastest per crop: EfficientNet-B7 at 380 px takes about 0.26-0.27 s a crop at batch 1
         * to 4, and took 1 s at batch 32, whose activations (hundreds of megabytes a tensor) spill
         * out of every cache; a GPU wants larger batches.
         *
         * @param batch at least 1
         * @return this builder
         */
        public Builder optClassifierBatch(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("batch must be >= 1, got " + batch);
            }
            this.classifierBatch = batch;
            return this;
        }

        /**
         * Builds the pipeline.
         *
         * @return the detector
         * @throws NullPointerException if a required part is missing
         * @throws IllegalArgumentException if the crop size does not match the classifier
         */
        public DeepfakeDetector build() {
            return new DeepfakeDetector(this);
        }
    }
}
