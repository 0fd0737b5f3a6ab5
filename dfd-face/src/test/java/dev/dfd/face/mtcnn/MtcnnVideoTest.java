package dev.dfd.face.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.video.FfmpegFrameSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 32 reference video frames, decoded by dfd-video: parity frame by frame, and batched detection
 * (mixed with an empty frame and a frame of another size) equal to frame by frame.
 */
class MtcnnVideoTest {
    private static final Map<Integer, MtcnnReference.Input> REFERENCE = new LinkedHashMap<>();
    private static final Map<Integer, RgbImage> FRAMES = new LinkedHashMap<>();
    private static final Map<Integer, List<Face>> SINGLE = new LinkedHashMap<>();
    private static final List<Integer> MD5_MISMATCH = new ArrayList<>();

    @BeforeAll
    static void decode() throws Exception {
        for (MtcnnReference.Input in : MtcnnReference.inputs()) {
            if (in.group().equals("video_frame")) {
                REFERENCE.put(in.frameIndex(), in);
            }
        }
        int last = REFERENCE.keySet().stream().mapToInt(i -> i).max().orElseThrow();
        try (FfmpegFrameSource source =
                FfmpegFrameSource.open(
                        SharedData.path("media/video.mp4"), FrameSampling.firstN(last + 1))) {
            for (Optional<Frame> f = source.next(); f.isPresent(); f = source.next()) {
                MtcnnReference.Input ref = REFERENCE.get(f.get().index());
                if (ref == null) {
                    continue;
                }
                if (MtcnnReference.md5(f.get().image()).equals(ref.rgbMd5())) {
                    FRAMES.put(f.get().index(), f.get().image());
                } else {
                    MD5_MISMATCH.add(f.get().index());
                }
            }
        }
        System.out.printf(
                "video: %d of %d reference frames decoded with the reference's pixels; md5"
                        + " mismatch: %s%n",
                FRAMES.size(), REFERENCE.size(), MD5_MISMATCH);
    }

    @Test
    void everyFrameMatchesReference() {
        assertThat(FRAMES).as("frames whose decoded pixels equal the reference's").isNotEmpty();
        MtcnnReference.Deviation worst = MtcnnReference.Deviation.NONE;
        for (Map.Entry<Integer, RgbImage> e : FRAMES.entrySet()) {
            List<Face> faces = single(e.getKey());
            worst =
                    worst.max(
                            MtcnnReference.compare(
                                    "frame " + e.getKey(),
                                    faces,
                                    REFERENCE.get(e.getKey()).faces()));
        }
        System.out.printf(
                "video parity over %d frames: box %.2e px, prob %.2e, landmarks %.2e px%n",
                FRAMES.size(), worst.box(), worst.prob(), worst.landmark());
    }

    @Test
    void batchedEqualsFrameByFrame() {
        List<Integer> picked =
                FRAMES.keySet().stream()
                        .filter(i -> i == 0 || i == 23 || i == 37 || i == 50 || i == 104)
                        .collect(Collectors.toList());
        assertThat(picked).as("frames available for the batch").hasSizeGreaterThanOrEqualTo(3);
        RgbImage grey = RgbImage.filled(1920, 1080, 128, 128, 128);
        RgbImage small =
                MtcnnReference.readPng(
                        SharedData.path("reference/mtcnn/resized512/kate_siegel.png"));

        List<RgbImage> batch = new ArrayList<>();
        List<List<Face>> expected = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            batch.add(FRAMES.get(picked.get(i)));
            expected.add(single(picked.get(i)));
            if (i == 1) {
                batch.add(grey);
                expected.add(List.of());
                batch.add(small);
                expected.add(SharedDetector.get().detect(small));
            }
        }

        List<List<Face>> got = SharedDetector.get().detectAll(batch);

        assertThat(got).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            List<Face> a = got.get(i);
            List<Face> b = expected.get(i);
            assertThat(a).as("faces in batch item %d", i).hasSameSizeAs(b);
            for (int k = 0; k < a.size(); k++) {
                assertThat(a.get(k).score())
                        .isCloseTo(b.get(k).score(), org.assertj.core.data.Offset.offset(1e-5));
                assertThat(a.get(k).box().x1())
                        .isCloseTo(b.get(k).box().x1(), org.assertj.core.data.Offset.offset(1e-2));
                assertThat(a.get(k).box().y1())
                        .isCloseTo(b.get(k).box().y1(), org.assertj.core.data.Offset.offset(1e-2));
                assertThat(a.get(k).box().x2())
                        .isCloseTo(b.get(k).box().x2(), org.assertj.core.data.Offset.offset(1e-2));
                assertThat(a.get(k).box().y2())
                        .isCloseTo(b.get(k).box().y2(), org.assertj.core.data.Offset.offset(1e-2));
                for (int p = 0; p < 5; p++) {
                    assertThat(a.get(k).landmarks().get(p).x())
                            .isCloseTo(
                                    b.get(k).landmarks().get(p).x(),
                                    org.assertj.core.data.Offset.offset(1e-2));
                    assertThat(a.get(k).landmarks().get(p).y())
                            .isCloseTo(
                                    b.get(k).landmarks().get(p).y(),
                                    org.assertj.core.data.Offset.offset(1e-2));
                }
            }
        }
        assertThat(got.get(2)).as("the flat grey frame").isEmpty();
        assertThat(got.stream().mapToInt(List::size).max().orElse(0))
                .as("a batch item with several faces")
                .isGreaterThan(1);
    }

    private static synchronized List<Face> single(int frameIndex) {
        return SINGLE.computeIfAbsent(frameIndex, i -> SharedDetector.get().detect(FRAMES.get(i)));
    }
}
