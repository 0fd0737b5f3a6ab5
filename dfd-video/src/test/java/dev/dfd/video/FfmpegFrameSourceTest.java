package dev.dfd.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sampling, rotation, damage and bad input, frame by frame, on H.264 videos the test writes whose
 * pixels carry their own frame index.
 */
class FfmpegFrameSourceTest {
    private static final int FRAMES = 60;

    @TempDir static Path dir;
    private static Path video;

    @BeforeAll
    static void writeVideo() throws Exception {
        video = TestVideos.writeIndexed(dir.resolve("indexed.mp4"), FRAMES, 160, 120, 0);
    }

    private static List<Frame> read(Path file, FrameSampling sampling) throws Exception {
        try (FrameSource source = FrameSources.open(file, sampling)) {
            List<Frame> frames = source.readAll();
            assertThat(source.framesLost()).isZero();
            return frames;
        }
    }

    private static void assertFrames(List<Frame> frames, int... expectedIndices) {
        assertThat(frames.stream().mapToInt(Frame::index).toArray())
                .containsExactly(expectedIndices);
        for (Frame f : frames) {
            assertThat(TestVideos.index(f.image())).as("index in the pixels").isEqualTo(f.index());
            assertThat(f.timestampMicros()).isEqualTo(f.index() * 1_000_000L / TestVideos.FPS);
            assertThat(TestVideos.markerTopLeft(f.image())).isTrue();
        }
    }

    @Test
    void metadataOfAWrittenVideo() throws Exception {
        try (FrameSource source = FrameSources.open(video, FrameSampling.all())) {
            assertThat(source).isInstanceOf(FfmpegFrameSource.class);
            var m = source.metadata();
            assertThat(m.source()).isEqualTo(video.toString());
            assertThat(m.width()).isEqualTo(160);
            assertThat(m.height()).isEqualTo(120);
            assertThat(m.frameRate()).isEqualTo(25.0);
            assertThat(m.frameCount()).isEqualTo(FRAMES);
            assertThat(m.rotationDegrees()).isZero();
            assertThat(m.codec()).isEqualTo("h264");
        }
    }

    @Test
    void allFrames() throws Exception {
        assertFrames(read(video, FrameSampling.all()), IntStream.range(0, FRAMES).toArray());
    }

    @Test
    void everyKthFrame() throws Exception {
        assertFrames(read(video, FrameSampling.everyKth(7)), 0, 7, 14, 21, 28, 35, 42, 49, 56);
    }

    @Test
    void evenlySpacedFramesAreFloorOfIByCountOverN() throws Exception {
        int[] expected = IntStream.range(0, 8).map(i -> i * FRAMES / 8).toArray();
        assertThat(expected).containsExactly(0, 7, 15, 22, 30, 37, 45, 52);
        assertFrames(read(video, FrameSampling.evenlySpaced(8)), expected);
    }

    @Test
    void evenlySpacedMoreThanTheVideoHasGivesEveryFrame() throws Exception {
        assertFrames(
                read(video, FrameSampling.evenlySpaced(FRAMES + 40)),
                IntStream.range(0, FRAMES).toArray());
    }

    @Test
    void firstNFrames() throws Exception {
        assertFrames(read(video, FrameSampling.firstN(5)), 0, 1, 2, 3, 4);
    }

    @Test
    void anExpiredTimeBudgetStopsWithoutLoss() throws Exception {
        try (FrameSource source = FrameSources.open(video, new FrameSampling.All(1))) {
            Thread.sleep(20);
            assertThat(source.next()).isEmpty();
            assertThat(source.framesLost()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {90, 180, 270})
    void rotatedPhoneVideoComesOutUpright(int clockwise) throws Exception {
        Path rotated =
                TestVideos.writeIndexed(
                        dir.resolve("rotated" + clockwise + ".mp4"), 12, 120, 160, clockwise);
        try (FrameSource source = FrameSources.open(rotated, FrameSampling.all())) {
            var m = source.metadata();
            assertThat(m.rotationDegrees()).isEqualTo(clockwise);
            assertThat(m.width()).isEqualTo(120);
            assertThat(m.height()).isEqualTo(160);
            List<Frame> frames = source.readAll();
            for (Frame f : frames) {
                assertThat(f.image().width()).isEqualTo(120);
                assertThat(f.image().height()).isEqualTo(160);
            }
            assertFrames(frames, IntStream.range(0, 12).toArray());
        }
    }

    @Test
    void truncatedVideoReturnsTheFramesBeforeTheDamageAndCountsTheLoss() throws Exception {
        byte[] whole = Files.readAllBytes(video);
        Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length / 2));

        try (FrameSource source = FrameSources.open(cut, FrameSampling.all())) {
            assertThat(source.metadata().frameCount()).isEqualTo(FRAMES);
            List<Frame> frames = source.readAll();
            assertThat(frames).isNotEmpty().hasSizeLessThan(FRAMES);
            assertFrames(frames, IntStream.range(0, frames.size()).toArray());
            assertThat(source.framesLost()).isEqualTo(FRAMES - frames.size());
        }
        try (FrameSource source = FrameSources.open(cut, FrameSampling.evenlySpaced(8))) {
            List<Frame> frames = source.readAll();
            assertThat(frames).isNotEmpty();
            assertThat(frames.size() + source.framesLost()).isEqualTo(8);
            assertThat(source.framesLost()).isPositive();
        }
    }

    @Test
    void an8kVideoDecodesOneFrameAtATime() throws Exception {
        // OpenH264, the H.264 encoder of JavaCV's FFmpeg build, stops at 4K, so MPEG-4 part 2.
        Path big =
                TestVideos.writeIndexed(
                        dir.resolve("8k.mp4"), 2, 7680, 4320, 0, avcodec.AV_CODEC_ID_MPEG4);
        try (FrameSource source = FrameSources.open(big, FrameSampling.evenlySpaced(1))) {
            assertThat(source.metadata().width()).isEqualTo(7680);
            assertThat(source.metadata().height()).isEqualTo(4320);
            Frame first = source.next().orElseThrow();
            assertThat(first.image().width()).isEqualTo(7680);
            assertThat(first.image().height()).isEqualTo(4320);
            assertFrames(List.of(first), 0);
            assertThat(source.next()).isEmpty();
            assertThat(source.framesLost()).isZero();
        }
    }

    @Test
    void rawStreamWithoutFrameCountIsCountedBeforeSpacing() throws Exception {
        Path raw = TestVideos.writeIndexed(dir.resolve("raw.h264"), 30, 160, 120, 0);
        try (FrameSource source = FrameSources.open(raw, FrameSampling.evenlySpaced(4))) {
            assertThat(source.metadata().frameCount()).isEqualTo(30);
            List<Frame> frames = source.readAll();
            assertThat(frames).extracting(Frame::index).containsExactly(0, 7, 15, 22);
            for (Frame f : frames) {
                assertThat(TestVideos.index(f.image())).isEqualTo(f.index());
            }
            assertThat(source.framesLost()).isZero();
        }
    }

    @Test
    void framesNoOtherFrameNeedsAreLeftUndecodedAndTheRestKeepTheirIndex() throws Exception {
        // MPEG-4 part 2 with two B-frames between references: I B B P B B P ..., 6 of 10 are B.
        Path video =
                TestVideos.writeIndexed(
                        dir.resolve("bframes.mp4"), 60, 160, 120, 0, avcodec.AV_CODEC_ID_MPEG4, 2);
        try (FfmpegFrameSource source = FfmpegFrameSource.open(video, FrameSampling.all())) {
            assertFrames(source.readAll(), IntStream.range(0, 60).toArray());
            assertThat(source.picturesDecoded()).isEqualTo(60);
        }
        try (FfmpegFrameSource source = FfmpegFrameSource.open(video, FrameSampling.everyKth(6))) {
            assertFrames(source.readAll(), 0, 6, 12, 18, 24, 30, 36, 42, 48, 54);
            assertThat(source.framesLost()).isZero();
            // The references and the wanted frames, not the 60.
            assertThat(source.picturesDecoded()).isBetween(10, 40);
        }
        for (int threads : new int[] {1, 0}) {
            try (FfmpegFrameSource source =
                    FfmpegFrameSource.open(video, FrameSampling.evenlySpaced(7), threads)) {
                assertFrames(source.readAll(), 0, 8, 17, 25, 34, 42, 51);
                assertThat(source.framesLost()).isZero();
                assertThat(source.picturesDecoded()).as("threads %d", threads).isLessThan(40);
            }
        }
    }

    @Test
    void matroskaVideo() throws Exception {
        Path mkv = TestVideos.writeIndexed(dir.resolve("indexed.mkv"), 30, 160, 120, 0);
        try (FrameSource source = FrameSources.open(mkv, FrameSampling.evenlySpaced(3))) {
            assertThat(source.metadata().frameCount()).isEqualTo(30);
            assertFrames(source.readAll(), 0, 10, 20);
            assertThat(source.framesLost()).isZero();
        }
    }

    @Test
    void videoCorruptedInTheMiddleDeliversTheFramesBeforeTheDamage() throws Exception {
        byte[] bytes = Files.readAllBytes(video);
        int from = bytes.length / 2;
        for (int i = from; i < from + bytes.length / 10; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), bytes);
        try (FrameSource source = FrameSources.open(corrupt, FrameSampling.all())) {
            List<Frame> frames = source.readAll();
            int intact = 0;
            while (intact < frames.size()
                    && TestVideos.index(frames.get(intact).image()) == intact) {
                intact++;
            }
            assertThat(intact).as("frames before the damage").isGreaterThan(FRAMES / 4);
            assertThat(frames.size() + source.framesLost()).isEqualTo(FRAMES);
            assertThat(source.framesLost()).isPositive();
            // After the damage the frames keep their true index (the decoder's dropped frames are
            // skipped, not renumbered): the last frame, past the next key frame, is intact.
            Frame last = frames.get(frames.size() - 1);
            assertThat(last.index()).isEqualTo(FRAMES - 1);
            assertThat(TestVideos.index(last.image())).isEqualTo(FRAMES - 1);
            assertThat(frames).extracting(Frame::index).doesNotHaveDuplicates().isSorted();
        }
        // Every other frame, indexed by timestamp: the same frames are lost, the rest keep their
        // index.
        try (FrameSource source = FrameSources.open(corrupt, FrameSampling.everyKth(2))) {
            List<Frame> frames = source.readAll();
            assertThat(frames.size() + source.framesLost()).isEqualTo((FRAMES + 1) / 2);
            assertThat(source.framesLost()).isPositive();
            assertThat(frames).extracting(Frame::index).doesNotHaveDuplicates().isSorted();
            assertThat(frames).allSatisfy(f -> assertThat(f.index() % 2).isZero());
            assertThat(TestVideos.index(frames.get(0).image())).isZero();
            Frame last = frames.get(frames.size() - 1);
            assertThat(last.index()).isEqualTo((FRAMES - 1) / 2 * 2);
            assertThat(TestVideos.index(last.image())).isEqualTo(last.index());
        }
    }

    @Test
    void missingFileIsNotFound() {
        Path missing = dir.resolve("missing.mp4");
        MediaException e =
                assertThrows(
                        MediaException.class,
                        () -> FrameSources.open(missing, FrameSampling.all()));
        assertThat(e.kind()).isEqualTo(MediaException.Kind.NOT_FOUND);
        assertThat(e.getMessage()).contains("missing.mp4");
    }

    @Test
    void textFileRenamedMp4IsNotMedia() throws Exception {
        Path text =
                Files.writeString(
                        dir.resolve("notes.mp4"),
                        "this is not a video\n".repeat(50),
                        StandardCharsets.UTF_8);
        MediaException e =
                assertThrows(
                        MediaException.class, () -> FrameSources.open(text, FrameSampling.all()));
        assertThat(e.kind()).isEqualTo(MediaException.Kind.NOT_MEDIA);
        assertThat(e.getMessage()).contains("notes.mp4");
    }

    @Test
    void audioOnlyFileHasNoVideoStream() throws Exception {
        Path wav = TestVideos.writeAudioOnly(dir.resolve("tone.wav"));
        MediaException e =
                assertThrows(
                        MediaException.class, () -> FrameSources.open(wav, FrameSampling.all()));
        assertThat(e.kind()).isEqualTo(MediaException.Kind.NO_VIDEO_STREAM);
        assertThat(e.getMessage()).contains("tone.wav").contains("audio pcm_s16le");
    }

    @Test
    void videoWithoutFramesHasNoFrames() throws Exception {
        Path empty = TestVideos.writeIndexed(dir.resolve("empty.mp4"), 0, 160, 120, 0);
        MediaException e =
                assertThrows(
                        MediaException.class,
                        () -> {
                            try (FrameSource source =
                                    FrameSources.open(empty, FrameSampling.all())) {
                                source.next();
                            }
                        });
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(MediaException.Kind.NO_FRAMES);
        assertThat(e.getMessage()).contains("empty.mp4");
    }
}
