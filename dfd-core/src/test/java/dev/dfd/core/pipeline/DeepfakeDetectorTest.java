package dev.dfd.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dfd.core.classify.Aggregator;
import dev.dfd.core.classify.Classifier;
import dev.dfd.core.face.Box;
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
import dev.dfd.core.video.VideoMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's composition on synthetic parts: frames whose left half has a known grey level, two
 * "people" at fixed places, a classifier that reads the red level of the crop's left half.
 */
class DeepfakeDetectorTest {
    private static final int W = 64;
    private static final int H = 32;
    private static final int CROP = 8;

    /** Frame i: left person red level 40 + i, right person red level 200. */
    private static RgbImage frame(int i) {
        byte[] px = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[(y * W + x) * 3] = (byte) (x < W / 2 ? 40 + i : 200);
            }
        }
        return RgbImage.wrap(W, H, px);
    }

    private static FrameSource source(int n) {
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(new Frame(i * 3, i * 120_000L, frame(i)));
        }
        Iterator<Frame> it = frames.iterator();
        return new FrameSource() {
            @Override
            public VideoMetadata metadata() {
                return new VideoMetadata("synthetic", W, H, 25, n * 3, n * 120_000L, 0, "raw");
            }

            @Override
            public Optional<Frame> next() {
                return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
            }

            @Override
            public int framesLost() {
                return 0;
            }

            @Override
            public void close() {}
        };
    }

    private static final Face LEFT = new Face(new Box(4, 4, 20, 20), 0.99, List.of());
    private static final Face RIGHT = new Face(new Box(40, 4, 56, 20), 0.98, List.of());

    private static FaceDetector detector(boolean withFaces) {
        return image -> withFaces ? List.of(LEFT, RIGHT) : List.of();
    }

    /** Track 0 = faces left of the middle, track 1 = right. */
    private static final FaceTracker BY_SIDE =
            (indices, faces) -> {
                List<FaceTrack.TrackedFace> left = new ArrayList<>();
                List<FaceTrack.TrackedFace> right = new ArrayList<>();
                for (int i = 0; i < indices.length; i++) {
                    for (Face f : faces.get(i)) {
                        (f.box().centerX() < W / 2.0 ? left : right)
                                .add(new FaceTrack.TrackedFace(indices[i], f));
                    }
                }
                List<FaceTrack> tracks = new ArrayList<>();
                if (!left.isEmpty()) {
                    tracks.add(new FaceTrack(0, left));
                }
                if (!right.isEmpty()) {
                    tracks.add(new FaceTrack(1, right));
                }
                return tracks;
            };

    /** Cuts the box's top-left CROP x CROP pixels. */
    private static final FaceCropper CORNER =
            new FaceCropper() {
                @Override
                public FaceCrop crop(RgbImage frame, int frameIndex, Face face) {
                    int x = (int) face.box().x1();
                    int y = (int) face.box().y1();
                    return new FaceCrop(frame.crop(x, y, CROP, CROP), face, frameIndex, face.box());
                }

                @Override
                public CropPolicy policy() {
                    return new CropPolicy(0, 0, false, CROP, CropPolicy.Resize.STRETCH, 0, false);
                }
            };

    /** Probability = red level of the crop's top-left pixel / 255. */
    private static class RedClassifier implements Classifier {
        final List<Integer> batchSizes = new ArrayList<>();
        boolean closed;

        @Override
        public int inputSize() {
            return CROP;
        }

        @Override
        public double[] predict(List<RgbImage> crops) {
            batchSizes.add(crops.size());
            return crops.stream().mapToDouble(c -> c.get(0, 0, 0) / 255.0).toArray();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static DeepfakeDetector.Builder pipeline(int frames, boolean faces, Classifier c) {
        return DeepfakeDetector.builder()
                .setFrameSources((path, sampling) -> source(frames))
                .setFaceDetector(detector(faces))
                .setTracker(BY_SIDE)
                .setCropper(CORNER)
                .setClassifier(c)
                .optAggregator(Aggregator.mean());
    }

    @Test
    void videoScoreIsTheLargestTrackScore() throws Exception {
        RedClassifier c = new RedClassifier();
        VideoVerdict v;
        try (DeepfakeDetector d = pipeline(4, true, c).optClassifierBatch(3).build()) {
            v = d.detect(Path.of("x.mp4"));
        }
        // left track: red 40..43 -> mean 41.5/255; right track: 200/255
        assertThat(v.tracks()).hasSize(2);
        assertThat(v.tracks().get(0).probability()).isCloseTo(41.5 / 255, within(1e-12));
        assertThat(v.tracks().get(1).probability()).isCloseTo(200 / 255.0, within(1e-12));
        assertThat(v.probability()).isCloseTo(200 / 255.0, within(1e-12));
        assertThat(v.faceFound()).isTrue();
        assertThat(v.frames())
                .extracting(VideoVerdict.FrameScores::frameIndex)
                .containsExactly(0, 3, 6, 9);
        assertThat(v.frames().get(2).faces()).hasSize(2);
        assertThat(v.frames().get(2).faces().get(0).fakeProbability())
                .isCloseTo(42 / 255.0, within(1e-12));
        assertThat(v.stageMillis()).containsKeys("decode", "detect", "crop", "classify", "total");
        assertThat(c.batchSizes).containsExactly(3, 3, 2);
        assertThat(c.closed).isTrue();
    }

    /** The left person in every frame; the right one only in frames whose left red is below 43. */
    private static FaceDetector rightSeenInFirstThreeFrames(boolean withLeft) {
        return image -> {
            List<Face> faces = new ArrayList<>();
            if (withLeft) {
                faces.add(LEFT);
            }
            if (image.get(0, 0, 0) < 43) {
                faces.add(RIGHT);
            }
            return faces;
        };
    }

    @Test
    void aPersonSeenInAFewFramesDoesNotDecideTheVideo() throws Exception {
        // 32 frames, default share 0.1: a track needs 4 crops; the right person has 3.
        VideoVerdict v;
        try (DeepfakeDetector d =
                pipeline(32, true, new RedClassifier())
                        .setFaceDetector(rightSeenInFirstThreeFrames(true))
                        .build()) {
            v = d.detect(Path.of("x.mp4"));
        }
        assertThat(v.tracks()).hasSize(2);
        VideoVerdict.TrackScore left = v.tracks().get(0);
        VideoVerdict.TrackScore right = v.tracks().get(1);
        assertThat(left.crops()).isEqualTo(32);
        assertThat(left.counted()).isTrue();
        assertThat(right.crops()).isEqualTo(3);
        assertThat(right.counted()).isFalse();
        // Still scored and reported, but the video is the left person's: mean of 40..71.
        assertThat(right.probability()).isCloseTo(200 / 255.0, within(1e-12));
        assertThat(v.probability()).isCloseTo(55.5 / 255, within(1e-12));

        try (DeepfakeDetector d =
                pipeline(32, true, new RedClassifier())
                        .setFaceDetector(rightSeenInFirstThreeFrames(true))
                        .optMinTrackShare(0)
                        .build()) {
            VideoVerdict all = d.detect(Path.of("x.mp4"));
            assertThat(all.tracks()).allMatch(VideoVerdict.TrackScore::counted);
            assertThat(all.probability()).isCloseTo(200 / 255.0, within(1e-12));
        }
    }

    @Test
    void whenEveryPersonIsSeenBrieflyTheyAllCount() throws Exception {
        try (DeepfakeDetector d =
                pipeline(32, true, new RedClassifier())
                        .setFaceDetector(rightSeenInFirstThreeFrames(false))
                        .build()) {
            VideoVerdict v = d.detect(Path.of("x.mp4"));
            assertThat(v.faceFound()).isTrue();
            assertThat(v.tracks())
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.crops()).isEqualTo(3);
                                assertThat(t.counted()).isTrue();
                            });
            assertThat(v.probability()).isCloseTo(200 / 255.0, within(1e-12));
        }
    }

    @Test
    void aMinimumTrackShareOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> DeepfakeDetector.builder().optMinTrackShare(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
    }

    @Test
    void noFaceGivesThePriorAndSaysSo() throws Exception {
        try (DeepfakeDetector d =
                pipeline(3, false, new RedClassifier()).optNoFacePrior(0.37).build()) {
            VideoVerdict v = d.detect(Path.of("empty.mp4"));
            assertThat(v.faceFound()).isFalse();
            assertThat(v.probability()).isEqualTo(0.37);
            assertThat(v.tracks()).isEmpty();
        }
    }

    @Test
    void clippingBoundsTheVideoScore() throws Exception {
        try (DeepfakeDetector d =
                pipeline(2, true, new RedClassifier()).optClip(0.1, 0.7).build()) {
            assertThat(d.detect(Path.of("x.mp4")).probability()).isEqualTo(0.7);
        }
    }

    @Test
    void flipAugmentationAveragesBothOrientations() throws Exception {
        // The crop's top-left pixel after a flip is its top-right pixel: inside the left person
        // both are the same red, so a flip-aware classifier that reads pixel (CROP-1, 0) too gives
        // the mean of the two readings.
        Classifier asymmetric =
                new RedClassifier() {
                    @Override
                    public double[] predict(List<RgbImage> crops) {
                        return crops.stream()
                                .mapToDouble(
                                        c -> c.get(0, 0, 0) > c.get(CROP - 1, 0, 0) ? 1.0 : 0.0)
                                .toArray();
                    }
                };
        FaceCropper straddling =
                new FaceCropper() {
                    @Override
                    public FaceCrop crop(RgbImage frame, int frameIndex, Face face) {
                        // straddles the middle: left half dark (40+i), right half bright (200)
                        return new FaceCrop(
                                frame.crop(W / 2 - CROP / 2, 0, CROP, CROP),
                                face,
                                frameIndex,
                                face.box());
                    }

                    @Override
                    public CropPolicy policy() {
                        return CORNER.policy();
                    }
                };
        TestTimeAugmentation flip = new TestTimeAugmentation(true, 0, 0, 1);
        try (DeepfakeDetector plain = pipeline(2, true, asymmetric).setCropper(straddling).build();
                DeepfakeDetector tta =
                        pipeline(2, true, asymmetric)
                                .setCropper(straddling)
                                .optTestTimeAugmentation(flip)
                                .build()) {
            assertThat(plain.detect(Path.of("x.mp4")).probability()).isEqualTo(0.0);
            assertThat(tta.detect(Path.of("x.mp4")).probability()).isEqualTo(0.5);
        }
    }

    @Test
    void cropSizeMustMatchTheClassifier() {
        Classifier big =
                new RedClassifier() {
                    @Override
                    public int inputSize() {
                        return 380;
                    }
                };
        assertThatThrownBy(() -> pipeline(1, true, big).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("380");
        assertThatThrownBy(() -> DeepfakeDetector.builder().build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("required");
    }

    @Test
    void samplingDefaultsToThirtyTwoEvenlySpacedFrames() throws Exception {
        List<FrameSampling> seen = new ArrayList<>();
        try (DeepfakeDetector d =
                pipeline(1, true, new RedClassifier())
                        .setFrameSources(
                                (path, sampling) -> {
                                    seen.add(sampling);
                                    return source(1);
                                })
                        .build()) {
            d.detect(Path.of("x.mp4"));
        }
        assertThat(seen).containsExactly(FrameSampling.evenlySpaced(32));
    }
}
