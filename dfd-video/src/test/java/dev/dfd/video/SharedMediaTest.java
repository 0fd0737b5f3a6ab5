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
