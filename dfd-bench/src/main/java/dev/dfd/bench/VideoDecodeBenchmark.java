package dev.dfd.bench;

import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.video.FfmpegFrameSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to get 32 evenly spaced RGB frames out of a 1080p H.264 video of 315 frames (12.6 s at 25
 * fps; the 2020 Python reference read a 315-frame 1080p video), the way the detector reads a video.
 *
 * <ul>
 *   <li>{@link #baselineConvertEveryFrame}: the naive way with JavaCV's grabber: every frame
 *       decoded and converted to RGB (swscale to RGB24, then copied to the heap as the source
 *       does), the 32 wanted ones kept.
 *   <li>{@link #evenlySpaced}: {@link FfmpegFrameSource} with {@link FrameSampling.EvenlySpaced}:
 *       the frames no other frame refers to (H.264 B-frames here) left undecoded unless wanted, and
 *       only the 32 wanted ones converted.
 * </ul>
 *
 * <p>Both run with {@code decoderThreads} 1 (the calling thread only) and 0 (FFmpeg's automatic
 * frame threading, JavaCV's default and {@link dev.dfd.video.FrameSources}'s), so that the policy
 * and the threads can be told apart.
 *
 * <p>The video is made once per trial by copying the packets of {@code media/video.mp4} of the
 * shared folder three times in a row (no re-encoding: real H.264 High profile with B-frames; the
 * folder is found through {@code -Ddfd.shared.dir}, {@code DFD_MODEL_DIR}, or a {@code shared}
 * folder beside the working directory or its parents), or, when it is absent, by encoding synthetic
 * moving pictures with OpenH264 (baseline profile, easier to decode); which one is printed by the
 * trial setup. Targets: at least 1.5× the baseline, and under 1.34-1.44 s per video (the 2020
 * Python OpenCV pipeline on a 2-core machine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class VideoDecodeBenchmark {
    /** Frames wanted per video. */
    static final int WANTED = 32;

    /** The test video, made once per trial. */
    @State(Scope.Benchmark)
    public static class Video {
        /** Frames of the test video: 3 × the 105 of the shared video, as the 2020 reference. */
        static final int FRAMES = 315;

        Path file;

        /** Writes the test video into a temporary file. */
        @Setup(Level.Trial)
        public void write() throws Exception {
            file = Files.createTempFile("dfd-bench-1080p-", ".mp4");
            Optional<Path> shared = sharedVideo();
            if (shared.isPresent()) {
                System.err.println("VideoDecodeBenchmark: remuxing 3 x " + shared.get());
                remuxLooped(shared.get(), file, 3);
            } else {
                System.err.println("VideoDecodeBenchmark: shared video absent, synthetic");
                writeSynthetic(file);
            }
        }

        /** Deletes the test video. */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            Files.deleteIfExists(file);
        }

        /**
         * Copies the video stream of {@code from} {@code loops} times one after the other into an
         * MP4, packet by packet (no re-encoding: the clip keeps the shared video's H.264 High
         * profile with B-frames, as real footage has).
         */
        static void remuxLooped(Path from, Path to, int loops) throws IOException {
            AVFormatContext out = new AVFormatContext(null);
            check(avformat.avformat_alloc_output_context2(out, null, "mp4", to.toString()), to);
            AVStream outStream = null;
            long offset = 0;
            AVPacket packet = avcodec.av_packet_alloc();
            try {
                for (int loop = 0; loop < loops; loop++) {
                    AVFormatContext in = new AVFormatContext(null);
                    check(avformat.avformat_open_input(in, from.toString(), null, null), from);
                    try {
                        check(
                                avformat.avformat_find_stream_info(in, (PointerPointer<?>) null),
                                from);
                        int v =
                                avformat.av_find_best_stream(
                                        in, avutil.AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
                        check(v, from);
                        AVStream inStream = in.streams(v);
                        if (outStream == null) {
                            outStream = avformat.avformat_new_stream(out, null);
                            check(
                                    avcodec.avcodec_parameters_copy(
                                            outStream.codecpar(), inStream.codecpar()),
                                    to);
                            outStream.codecpar().codec_tag(0);
                            outStream.time_base(inStream.time_base());
                            AVIOContext io = new AVIOContext(null);
                            check(
                                    avformat.avio_open(io, to.toString(), avformat.AVIO_FLAG_WRITE),
                                    to);
                            out.pb(io);
                            check(avformat.avformat_write_header(out, (AVDictionary) null), to);
                        }
                        long end = offset;
                        while (avformat.av_read_frame(in, packet) >= 0) {
                            if (packet.stream_index() == v) {
                                end = Math.max(end, offset + packet.pts() + packet.duration());
                                packet.pts(packet.pts() + offset);
                                packet.dts(packet.dts() + offset);
                                packet.stream_index(0);
                                packet.pos(-1);
                                avcodec.av_packet_rescale_ts(
                                        packet, inStream.time_base(), outStream.time_base());
                                check(avformat.av_interleaved_write_frame(out, packet), to);
                            }
                            avcodec.av_packet_unref(packet);
                        }
                        offset = end;
                    } finally {
                        avformat.avformat_close_input(in);
                    }
                }
                check(avformat.av_write_trailer(out), to);
            } finally {
                avcodec.av_packet_free(packet);
                if (out.pb() != null) {
                    avformat.avio_closep(out.pb());
                }
                avformat.avformat_free_context(out);
            }
        }

        private static void check(int status, Path file) throws IOException {
            if (status < 0) {
                throw new IOException(file + ": FFmpeg error " + status);
            }
        }

        private static void writeSynthetic(Path file) throws Exception {
            try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 1920, 1080, 0)) {
                rec.setFormat("mp4");
                rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
                rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                rec.setFrameRate(25);
                rec.setGopSize(50);
                rec.setVideoBitrate(4_000_000);
                rec.start();
                for (int i = 0; i < FRAMES; i++) {
                    recordSynthetic(rec, i);
                }
                rec.stop();
            }
        }

        private static void recordSynthetic(FFmpegFrameRecorder rec, int index) throws Exception {
            try (org.bytedeco.javacv.Frame f =
                    new org.bytedeco.javacv.Frame(
                            1920, 1080, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
                ByteBuffer buf = (ByteBuffer) f.image[0];
                for (int y = 0; y < 1080; y++) {
                    for (int x = 0; x < 1920; x++) {
                        int o = y * f.imageStride + x * 3;
                        buf.put(o, (byte) (x + 4 * index));
                        buf.put(o + 1, (byte) (y - 2 * index));
                        buf.put(o + 2, (byte) ((x ^ y) + index));
                    }
                }
                rec.record(f, avutil.AV_PIX_FMT_BGR24);
            }
        }

        private static Optional<Path> sharedVideo() {
            List<Path> candidates = new ArrayList<>();
            String prop = System.getProperty("dfd.shared.dir");
            if (prop != null) {
                candidates.add(Path.of(prop, "media", "video.mp4"));
            }
            String models = System.getenv("DFD_MODEL_DIR");
            if (models != null) {
                Path parent = Path.of(models).toAbsolutePath().getParent();
                if (parent != null) {
                    candidates.add(parent.resolve("media").resolve("video.mp4"));
                }
            }
            for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolveSibling("shared").resolve("media").resolve("video.mp4"));
            }
            return candidates.stream().filter(Files::isRegularFile).findFirst();
        }
    }

    /** Decoder threads, for both ways. */
    @State(Scope.Benchmark)
    public static class Threads {
        /**
         * 1 = the calling thread only; 0 = FFmpeg's automatic choice (one per core), which is also
         * what JavaCV's grabber does by default.
         */
        @Param({"1", "0"})
        public int decoderThreads;
    }

    /**
     * The sampled read: 32 evenly spaced frames, skipped frames never converted.
     *
     * @return the frames
     */
    @Benchmark
    public List<Frame> evenlySpaced(Video video, Threads threads) throws IOException {
        try (FrameSource source =
                FfmpegFrameSource.open(
                        video.file, FrameSampling.evenlySpaced(WANTED), threads.decoderThreads)) {
            return source.readAll();
        }
    }

    /**
     * The baseline: every frame decoded on one thread and converted to RGB, the wanted ones kept.
     *
     * @return the frames
     */
    @Benchmark
    public List<RgbImage> baselineConvertEveryFrame(Video video, Threads threads)
            throws IOException {
        boolean[] wanted = new boolean[Video.FRAMES];
        IntStream.range(0, WANTED).forEach(i -> wanted[i * Video.FRAMES / WANTED] = true);
        List<RgbImage> kept = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            if (threads.decoderThreads > 0) {
                grabber.setVideoOption("threads", Integer.toString(threads.decoderThreads));
            }
            grabber.start();
            int index = 0;
            for (org.bytedeco.javacv.Frame f = grabber.grabImage();
                    f != null;
                    f = grabber.grabImage(), index++) {
                RgbImage rgb = toRgb(f);
                if (index < wanted.length && wanted[index]) {
                    kept.add(rgb);
                }
            }
        }
        return kept;
    }

    /** The same copy as {@link FfmpegFrameSource} makes, so that only the policy differs. */
    private static RgbImage toRgb(org.bytedeco.javacv.Frame f) {
        ByteBuffer buf = ((ByteBuffer) f.image[0]).duplicate();
        int rowBytes = f.imageWidth * 3;
        byte[] rgb = new byte[rowBytes * f.imageHeight];
        for (int y = 0; y < f.imageHeight; y++) {
            buf.position(y * f.imageStride);
            buf.get(rgb, y * rowBytes, rowBytes);
        }
        return RgbImage.wrap(f.imageWidth, f.imageHeight, rgb);
    }
}
