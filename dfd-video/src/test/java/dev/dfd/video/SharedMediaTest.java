package dev.dfd.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.testing.SharedData;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.VideoMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pixels of the shared media against the Pillow / OpenCV references of reference.json. */
class SharedMediaTest {

    @Test
    void videoMetadataMatchesTheContainer() throws Exception {
        try (FrameSource source =
                FrameSources.open(SharedData.path("media/video.mp4"), FrameSampling.firstN(1))) {
            VideoMetadata m = source.metadata();
            assertThat(source).isInstanceOf(FfmpegFrameSource.class);
            assertThat(m.width()).isEqualTo(1920);
            assertThat(m.height()).isEqualTo(1080);
            assertThat(m.frameRate()).isEqualTo(25.0);
            assertThat(m.frameCount()).isEqualTo(105);
            assertThat(m.durationMicros()).isBetween(4_100_000L, 4_300_000L);
            assertThat(m.rotationDegrees()).isZero();
            assertThat(m.codec()).isEqualTo("h264");
        }
    }

    @Test
    void videoFramesEqualOpenCvDecoding() throws Exception {
        Map<String, Reference.Input> refs = Reference.inputs("video_frame");
        assertThat(refs).hasSize(32);
        List<String> mismatches = new ArrayList<>();
        try (FrameSource source =
                FrameSources.open(SharedData.path("media/video.mp4"), FrameSampling.all())) {
            List<Frame> frames = source.readAll();
            assertThat(frames).hasSize(105);
            assertThat(source.framesLost()).isZero();
            for (Reference.Input ref : refs.values()) {
                Frame f = frames.get(ref.frameIndex());
                assertThat(f.index()).isEqualTo(ref.frameIndex());
                assertThat(f.timestampMicros()).isEqualTo(ref.frameIndex() * 40_000L);
                String md5 = Reference.md5(f.image());
                if (!md5.equals(ref.rgbMd5())) {
                    mismatches.add(ref.frameIndex() + ":" + md5);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /**
     * 32 frames read evenly spaced, with unwanted frames left undecoded where nothing refers to
     * them (the video is x264 H.264 with B-frames), are the very frames of the sequential read
     * (checked against OpenCV by {@link #videoFramesEqualOpenCvDecoding}): same indices, timestamps
     * and pixels, from fewer decoded pictures.
     */
    @Test
    void evenlySpacedFramesAreThoseOfTheSequentialReadWithoutDecodingEveryFrame() throws Exception {
        List<Frame> all;
        try (FrameSource source =
                FrameSources.open(SharedData.path("media/video.mp4"), FrameSampling.all())) {
            all = source.readAll();
        }
        try (FfmpegFrameSource source =
                FfmpegFrameSource.open(
                        SharedData.path("media/video.mp4"), FrameSampling.evenlySpaced(32))) {
            List<Frame> frames = source.readAll();
            assertThat(frames).hasSize(32);
            assertThat(source.framesLost()).isZero();
            assertThat(source.picturesDecoded()).isLessThan(105);
            for (int i = 0; i < 32; i++) {
                Frame f = frames.get(i);
                Frame expected = all.get(i * 105 / 32);
                assertThat(f.index()).isEqualTo(i * 105 / 32);
                assertThat(f.timestampMicros()).isEqualTo(expected.timestampMicros());
                assertThat(Reference.md5(f.image()))
                        .as("frame %d", f.index())
                        .isEqualTo(Reference.md5(expected.image()));
            }
        }
    }

    @Test
    void jpegPixelsEqualPillow() throws Exception {
        Map<String, Reference.Input> refs = Reference.inputs("image_original");
        refs.putAll(Reference.inputs("multiface"));
        assertThat(refs).hasSize(5);
        for (Reference.Input ref : refs.values()) {
            try (FrameSource source =
                    FrameSources.open(SharedData.path(ref.source()), FrameSampling.all())) {
                assertThat(source).isInstanceOf(ImageFileSource.class);
                assertThat(source.metadata().codec()).isEqualTo("jpeg");
                Frame f = source.next().orElseThrow();
                assertThat(f.image().width()).as(ref.source()).isEqualTo(ref.width());
                assertThat(f.image().height()).as(ref.source()).isEqualTo(ref.height());
                assertThat(Reference.md5(f.image())).as(ref.source()).isEqualTo(ref.rgbMd5());
                assertThat(source.next()).isEmpty();
            }
        }
    }
}
