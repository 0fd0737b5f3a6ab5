package dev.dfd.video;

import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import dev.dfd.core.video.VideoMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A video file decoded by FFmpeg through JavaCV's {@link FFmpegFrameGrabber}.
 *
 * <p>Frames are decoded one at a time, in order, and only the frames the {@link FrameSampling}
 * selects are converted from the decoder's YUV to RGB. For policies that skip frames (every k-th, N
 * evenly spaced) the stream is decoded by a {@link SkippingDecoder}, which leaves unwanted frames
 * undecoded where no other frame refers to them (about a third of the shared x264 video's frames)
 * and indexes frames by their timestamps; the other frames must be decoded all the same and are
 * dropped. At most one converted frame is held at a time, so memory does not grow with the video's
 * length (an 8K video costs a few of its frames, not all of them).
 *
 * <p>Frames are turned upright: the clockwise rotation the stream's display matrix asks for is
 * applied, and {@link VideoMetadata#width()} and {@link VideoMetadata#height()} describe the
 * rotated frame. Rotation is read from the display matrix only (what FFmpeg reports); a legacy
 * {@code rotate} metadata tag that FFmpeg does not turn into a display matrix is ignored.
 *
 * <p>The frame count is what the container announces: exact for MP4/MOV (from the sample table), an
 * estimate from duration × frame rate for some other containers (Matroska, WebM). When the
 * container announces none (a raw H.264 stream) and the policy is {@link
 * FrameSampling.EvenlySpaced}, the packets of the video stream are first counted without decoding,
 * at the cost of one extra pass over the file. {@link FrameSampling.EvenlySpaced} spreads its
 * frames over that count; a stream that ends before it (truncated or damaged) stops early, and the
 * selected frames it could not deliver are counted in {@link #framesLost()} and logged at WARN. A
 * stream longer than announced delivers its extra frames to {@link FrameSampling.All} and {@link
 * FrameSampling.EveryKth} only.
 *
 * <p>Frame indices count decoded frames, as OpenCV's sequential read does. With a {@link
 * SkippingDecoder} they are the ranks of the frames' timestamps among all the stream's packets,
 * which is the same count for an intact stream and stays exact past damage at any frame rate.
 * Otherwise (every frame wanted, or packets without timestamps), in a constant-frame-rate stream,
 * frames the decoder drops because their data is damaged are detected from the jump in timestamps,
 * so that the frames after the damage keep their true index and the dropped selected ones are
 * counted as lost; in a variable-frame-rate stream such a dropped frame cannot be detected and
 * shifts the later indices by one.
 *
 * <p>Selected frames are converted straight from the decoder's pixel format to RGB24 by FFmpeg's
 * swscale (bilinear flags, no scaling) into a native buffer this source owns, then copied to the
 * heap. On the shared test video this gives exactly the pixels of OpenCV's {@code VideoCapture}
 * followed by {@code cvtColor(BGR2RGB)} (the reference pipeline), checked by MD5 on 32 frames.
 *
 * <p>The time budget of the sampling policy counts from {@link #open}, so opening the file is part
 * of it.
 *
 * <p>FFmpeg's own log lines go to SLF4J (logger {@code dev.dfd.video.ffmpeg}) rather than to
 * standard error, through a process-wide FFmpeg log callback installed on the first open.
 *
 * <p>Owns the native FFmpeg decoder, its swscale context and one RGB frame buffer until {@link
 * #close()}; the {@link Frame}s it returns are heap copies. Not thread-safe: one thread reads a
 * source.
 */
public final class FfmpegFrameSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegFrameSource.class);

    private final FFmpegFrameGrabber grabber;
    private final VideoMetadata metadata;
    private final FrameSelection selection;
    private final Deadline deadline;
    private final long frameDurationMicros;
    private final SkippingDecoder skipping;
    private long previousTimestamp = Long.MIN_VALUE;
    private final PointerPointer<BytePointer> rgbPlanes =
            new PointerPointer<BytePointer>(4L).zero();
    private final IntPointer rgbLineSizes = new IntPointer(4L).zero();
    private SwsContext converter;
    private BytePointer rgbBuffer;
    private int decoded;
    private int pictures;
    private int lost;
    private boolean ended;
    private boolean closed;

    private FfmpegFrameSource(
            FFmpegFrameGrabber grabber,
            VideoMetadata metadata,
            FrameSelection selection,
            Deadline deadline,
            long frameDurationMicros,
            SkippingDecoder skipping) {
        this.grabber = grabber;
        this.metadata = metadata;
        this.selection = selection;
        this.deadline = deadline;
        this.frameDurationMicros = frameDurationMicros;
        this.skipping = skipping;
    }

    /**
     * Opens a video file with FFmpeg's automatic choice of decoder threads.
     *
     * @param file the video file
     * @param sampling which frames to deliver
     * @return the source; the caller closes it
     * @throws MediaException as {@link #open(Path, FrameSampling, int)}
     */
    public static FfmpegFrameSource open(Path file, FrameSampling sampling) throws MediaException {
        return open(file, sampling, 0);
    }

    /**
     * Opens a video file.
     *
     * @param file the video file
     * @param sampling which frames to deliver
     * @param decoderThreads threads the decoder may use, at least 0; 0 lets FFmpeg choose (one per
     *     core), 1 decodes on the calling thread only
     * @return the source; the caller closes it
     * @throws MediaException NOT_FOUND if the file does not exist; NOT_MEDIA if FFmpeg cannot open
     *     it; NO_VIDEO_STREAM if it has no video stream; NO_FRAMES if its container holds no stream
     *     at all (FFmpeg drops the empty track of a video written with zero frames) or, for {@link
     *     FrameSampling.EvenlySpaced} over a stream that announces no count, no video packet;
     *     DECODE_FAILED if the video decoder cannot be opened
     * @throws IllegalArgumentException if {@code decoderThreads} is negative
     */
    public static FfmpegFrameSource open(Path file, FrameSampling sampling, int decoderThreads)
            throws MediaException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sampling, "sampling");
        if (decoderThreads < 0) {
            throw new IllegalArgumentException(
                    "decoder threads must be >= 0, got " + decoderThreads);
        }
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new MediaException(MediaException.Kind.NOT_FOUND, source, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new MediaException(
                    MediaException.Kind.NOT_MEDIA, source, "not a readable regular file");
        }
        FfmpegLog.install();
        Deadline deadline = Deadline.startingNow(sampling.timeBudgetMillis());
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        // RAW: JavaCV hands over the decoder's own frame and this class converts it (JavaCV's
        // COLOR mode would also pass a pixel_format option that FFmpeg rejects, and say so on
        // standard error for every file).
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        grabber.setVideoOption(
                "threads", decoderThreads == 0 ? "auto" : Integer.toString(decoderThreads));
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            releaseQuietly(grabber, source);
            throw explainOpenFailure(file, e);
        }
        try {
            if (!grabber.hasVideo()) {
                String found =
                        grabber.hasAudio()
                                ? "audio " + grabber.getAudioCodecName()
                                : "no audio either";
                throw new MediaException(
                        MediaException.Kind.NO_VIDEO_STREAM,
                        source,
                        "no video stream (found: " + found + ")");
            }
            VideoMetadata metadata = readMetadata(grabber, source);
            boolean countMissing =
                    metadata.frameCount() == 0 && sampling instanceof FrameSampling.EvenlySpaced;
            boolean sparse = isSparse(sampling);
            SkippingDecoder.Scan scan = countMissing || sparse ? scanPackets(file) : null;
            if (countMissing) {
                metadata = withCountedFrames(metadata, scan, source);
            }
            SkippingDecoder skipping = null;
            if (sparse && scan.displayOrder() != null) {
                int stream = videoStream(grabber.getFormatContext());
                if (stream >= 0) {
                    skipping =
                            SkippingDecoder.open(
                                    grabber.getFormatContext(),
                                    stream,
                                    scan.displayOrder(),
                                    decoderThreads,
                                    source);
                }
            }
            LOG.debug(
                    "{}: opened {}; {}",
                    source,
                    metadata,
                    skipping != null
                            ? "unwanted frames no other frame needs are left undecoded"
                            : "every frame is decoded");
            return new FfmpegFrameSource(
                    grabber,
                    metadata,
                    new FrameSelection(sampling, metadata.frameCount()),
                    deadline,
                    constantFrameDurationMicros(grabber),
                    skipping);
        } catch (MediaException | RuntimeException e) {
            releaseQuietly(grabber, source);
            throw e;
        }
    }

    /**
     * Opens the container again without decoders to tell a file FFmpeg cannot read at all from a
     * container without streams (a video written with zero frames: FFmpeg drops empty tracks), one
     * without a video stream, and a video stream whose decoder failed.
     */
    private static MediaException explainOpenFailure(Path file, Exception cause) {
        String source = file.toString();
        AVFormatContext context = new AVFormatContext(null);
        if (avformat.avformat_open_input(context, source, null, null) < 0) {
            return new MediaException(
                    MediaException.Kind.NOT_MEDIA,
                    source,
                    "not a video FFmpeg can open (" + cause.getMessage() + ")",
                    cause);
        }
        try {
            if (avformat.avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
                return new MediaException(
                        MediaException.Kind.NOT_MEDIA,
                        source,
                        "FFmpeg cannot read the streams of this "
                                + context.iformat().name().getString()
                                + " container",
                        cause);
            }
            int streams = context.nb_streams();
            if (streams == 0) {
                return new MediaException(
                        MediaException.Kind.NO_FRAMES,
                        source,
                        "the "
                                + context.iformat().name().getString()
                                + " container holds no stream with data (no frames)",
                        cause);
            }
            List<String> found = new ArrayList<>();
            boolean video = false;
            for (int i = 0; i < streams; i++) {
                AVCodecParameters par = context.streams(i).codecpar();
                String type = avutil.av_get_media_type_string(par.codec_type()).getString();
                found.add(type + " " + avcodec.avcodec_get_name(par.codec_id()).getString());
                video |= par.codec_type() == avutil.AVMEDIA_TYPE_VIDEO;
            }
            if (!video) {
                return new MediaException(
                        MediaException.Kind.NO_VIDEO_STREAM,
                        source,
                        "no video stream (found: " + String.join(", ", found) + ")",
                        cause);
            }
            return new MediaException(
                    MediaException.Kind.DECODE_FAILED,
                    source,
                    "cannot decode the video stream (found: "
                            + String.join(", ", found)
                            + "; "
                            + cause.getMessage()
                            + ")",
                    cause);
        } finally {
            avformat.avformat_close_input(context);
        }
    }

    /**
     * Whether a policy skips frames between the ones it selects, so that leaving unwanted frames
     * undecoded can pay: every k-th frame for k of 2 or more, and N evenly spaced frames.
     */
    private static boolean isSparse(FrameSampling sampling) {
        return sampling instanceof FrameSampling.EvenlySpaced
                || (sampling instanceof FrameSampling.EveryKth e && e.k() > 1);
    }

    /** The index of the first video stream that is not an attached picture, or -1. */
    private static int videoStream(AVFormatContext context) {
        if (context == null) {
            return -1;
        }
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream st = context.streams(i);
            if (st.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO
                    && (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads the packets of the first video stream without decoding them, in a second opening of the
     * file: their number, for a container that announces no frame count (a raw H.264 stream, some
     * MPEG-TS files), and their timestamps, which index the frames for {@link SkippingDecoder}. For
     * an MP4 this costs a few milliseconds against the seconds of decoding.
     */
    private static SkippingDecoder.Scan scanPackets(Path file) throws MediaException {
        String source = file.toString();
        AVFormatContext context = new AVFormatContext(null);
        if (avformat.avformat_open_input(context, source, null, null) < 0) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED, source, "cannot reopen to count frames");
        }
        try {
            int stream = -1;
            if (avformat.avformat_find_stream_info(context, (PointerPointer<?>) null) >= 0) {
                stream = videoStream(context);
            }
            return stream < 0
                    ? new SkippingDecoder.Scan(0, null)
                    : SkippingDecoder.scan(context, stream);
        } finally {
            avformat.avformat_close_input(context);
        }
    }

    /**
     * The metadata with the frame count taken from the packets, for a stream that announces none.
     */
    private static VideoMetadata withCountedFrames(
            VideoMetadata m, SkippingDecoder.Scan scan, String source) throws MediaException {
        int count = scan.count();
        LOG.debug("{}: no frame count announced; counted {} video packets", source, count);
        if (count == 0) {
            throw new MediaException(
                    MediaException.Kind.NO_FRAMES, source, "the video stream has no packet");
        }
        return new VideoMetadata(
                m.source(),
                m.width(),
                m.height(),
                m.frameRate(),
                count,
                m.durationMicros(),
                m.rotationDegrees(),
                m.codec());
    }

    /**
     * The frame duration of a constant-frame-rate video stream (average and base rate agree), or 0
     * when the rate varies or is unknown, in which case dropped frames cannot be told from
     * timestamps.
     */
    private static long constantFrameDurationMicros(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        if (context == null) {
            return 0;
        }
        for (int i = 0; i < context.nb_streams(); i++) {
            AVStream st = context.streams(i);
            if (st.codecpar().codec_type() != avutil.AVMEDIA_TYPE_VIDEO
                    || (st.disposition() & avformat.AV_DISPOSITION_ATTACHED_PIC) != 0) {
                continue;
            }
            double avg = rate(st.avg_frame_rate());
            double base = rate(st.r_frame_rate());
            boolean constant = avg > 0 && base > 0 && Math.abs(avg - base) <= 1e-6 * base;
            return constant ? Math.round(1e6 / avg) : 0;
        }
        return 0;
    }

    private static double rate(AVRational r) {
        return r == null || r.den() == 0 ? 0 : (double) r.num() / r.den();
    }

    private static VideoMetadata readMetadata(FFmpegFrameGrabber grabber, String source) {
        int rotation = Rotation.normalize(-grabber.getDisplayRotation());
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        if (rotation == 90 || rotation == 270) {
            int t = width;
            width = height;
            height = t;
        }
        double fps = grabber.getVideoFrameRate();
        if (!Double.isFinite(fps) || fps < 0) {
            fps = 0;
        }
        String codec = grabber.getVideoCodecName();
        return new VideoMetadata(
                source,
                width,
                height,
                fps,
                Math.max(0, grabber.getLengthInVideoFrames()),
                Math.max(0, grabber.getLengthInTime()),
                rotation,
                codec == null ? "unknown" : codec);
    }

    @Override
    public VideoMetadata metadata() {
        return metadata;
    }

    /**
     * Decodes up to the next selected frame and converts it to upright RGB.
     *
     * @return the frame, or empty when the selection is exhausted, the time budget has run out, the
     *     source is closed, or the stream ended (see {@link #framesLost()})
     * @throws MediaException NO_FRAMES if the stream ends before its first frame
     */
    @Override
    public Optional<Frame> next() throws MediaException {
        if (skipping != null) {
            return nextSkipping();
        }
        while (!closed && !ended && !stopsAtNextFrame()) {
            boolean wanted = selection.isSelected(decoded);
            org.bytedeco.javacv.Frame frame = grab(wanted);
            if (frame == null) {
                endOfStream();
                break;
            }
            pictures++;
            skipDroppedFrames(frame.timestamp);
            int index = decoded++;
            boolean selected = selection.delivers(index);
            if (selected && wanted) {
                return Optional.of(new Frame(index, Math.max(0, frame.timestamp), toRgb(frame)));
            } else if (selected) {
                lost++;
                LOG.warn(
                        "{}: frame {} follows dropped frames and was decoded without conversion;"
                                + " counted as lost",
                        metadata.source(),
                        index);
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #next()} with {@link SkippingDecoder}: frame indices come from the timestamps, so a
     * gap in them is either frames the decoder was told to skip (never selected ones) or frames it
     * dropped because their data is damaged; the selected frames in a gap are counted as lost.
     */
    private Optional<Frame> nextSkipping() throws MediaException {
        while (!closed && !ended && !stopsAtNextFrame()) {
            SkippingDecoder.Decoded d = skipping.next(selection::delivers);
            if (d == null) {
                endOfStream();
                break;
            }
            int index = d.index();
            if (index < decoded) {
                continue;
            }
            int missed = selection.selectedBetween(decoded, index);
            if (missed > 0) {
                lost += missed;
                LOG.warn(
                        "{}: frames {} to {} missing from the decoder's output (damaged data); {}"
                                + " selected frames lost",
                        metadata.source(),
                        decoded,
                        index - 1,
                        missed);
            }
            decoded = index + 1;
            if (selection.delivers(index)) {
                return Optional.of(
                        new Frame(index, Math.max(0, d.timestampMicros()), toRgb(d.picture())));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether reading ends before the frame at the current index, because the time budget has run
     * out or no later frame can be selected; marks the source ended if so. Shared by both decoding
     * paths of {@link #next()}.
     */
    private boolean stopsAtNextFrame() {
        if (deadline.expired()) {
            LOG.debug("{}: time budget ran out after {} frames", metadata.source(), decoded);
            ended = true;
        } else if (selection.isExhaustedAt(decoded)) {
            ended = true;
        }
        return ended;
    }

    /**
     * Advances the frame index over frames the decoder dropped (damaged data), seen as a jump of
     * more than one frame duration between consecutive timestamps of a constant-rate stream, so
     * that later frames keep their true index; the selected frames among the dropped ones are
     * counted as lost. A jump that would pass the announced frame count is taken as a timestamp
     * discontinuity and ignored.
     */
    private void skipDroppedFrames(long timestamp) {
        long previous = previousTimestamp;
        previousTimestamp = timestamp;
        if (frameDurationMicros <= 0 || previous == Long.MIN_VALUE || timestamp <= previous) {
            return;
        }
        long steps = Math.round((double) (timestamp - previous) / frameDurationMicros);
        if (steps <= 1 || decoded + steps - 1 >= metadata.frameCount()) {
            return;
        }
        int dropped = (int) (steps - 1);
        int droppedSelected = selection.selectedBetween(decoded, decoded + dropped);
        lost += droppedSelected;
        LOG.warn(
                "{}: {} frames dropped by the decoder after frame {} (damaged data); {} selected"
                        + " frames lost",
                metadata.source(),
                dropped,
                decoded - 1,
                droppedSelected);
        decoded += dropped;
    }

    private org.bytedeco.javacv.Frame grab(boolean convert) {
        try {
            // doAudio, doVideo, doProcessing (the RGB conversion), keyFrames, doData
            return grabber.grabFrame(false, true, convert, false, false);
        } catch (FFmpegFrameGrabber.Exception | RuntimeException e) {
            LOG.warn(
                    "{}: decoding stopped after frame {} ({})",
                    metadata.source(),
                    decoded,
                    e.getMessage());
            return null;
        }
    }

    private void endOfStream() throws MediaException {
        ended = true;
        if (decoded == 0) {
            throw new MediaException(
                    MediaException.Kind.NO_FRAMES,
                    metadata.source(),
                    "the video stream has no decodable frame (announced "
                            + metadata.frameCount()
                            + ")");
        }
        int missing = selection.selectedFrom(decoded);
        lost += missing;
        if (missing > 0) {
            LOG.warn(
                    "{}: stream ended after {} of {} announced frames; {} selected frames lost",
                    metadata.source(),
                    decoded,
                    metadata.frameCount(),
                    missing);
        }
    }

    private RgbImage toRgb(org.bytedeco.javacv.Frame frame) {
        if (!(frame.opaque instanceof AVFrame picture)) {
            throw new IllegalStateException(
                    metadata.source() + ": frame " + decoded + " came without a decoded picture");
        }
        return toRgb(picture);
    }

    private RgbImage toRgb(AVFrame picture) {
        if (picture.width() <= 0) {
            throw new IllegalStateException(
                    metadata.source() + ": frame " + decoded + " came without a decoded picture");
        }
        int w = picture.width();
        int h = picture.height();
        int rowBytes = w * 3;
        converter =
                swscale.sws_getCachedContext(
                        converter,
                        w,
                        h,
                        picture.format(),
                        w,
                        h,
                        avutil.AV_PIX_FMT_RGB24,
                        swscale.SWS_BILINEAR,
                        null,
                        null,
                        (DoublePointer) null);
        if (converter == null) {
            throw new IllegalStateException(
                    metadata.source()
                            + ": swscale cannot convert pixel format "
                            + picture.format()
                            + " to RGB24");
        }
        // swscale's SIMD code writes whole vectors: rows padded to 64 bytes, 64 more at the end,
        // and the buffer aligned by av_malloc.
        int stride = (rowBytes + 63) & ~63;
        long size = (long) stride * h + 64;
        if (rgbBuffer == null || rgbBuffer.capacity() != size) {
            freeRgbBuffer();
            Pointer memory = avutil.av_malloc(size);
            if (memory == null || memory.isNull()) {
                throw new OutOfMemoryError(
                        metadata.source() + ": cannot allocate " + size + " bytes for RGB");
            }
            rgbBuffer = new BytePointer(memory).capacity(size);
            rgbPlanes.put(0, rgbBuffer);
            rgbLineSizes.put(0, stride);
        }
        swscale.sws_scale(
                converter, picture.data(), picture.linesize(), 0, h, rgbPlanes, rgbLineSizes);
        byte[] rgb = new byte[rowBytes * h];
        for (int y = 0; y < h; y++) {
            rgbBuffer.position((long) y * stride).get(rgb, y * rowBytes, rowBytes);
        }
        rgbBuffer.position(0);
        return Rotation.rotateClockwise(RgbImage.wrap(w, h, rgb), metadata.rotationDegrees());
    }

    /**
     * How many selected frames the stream could not deliver because it ended before its announced
     * frame count. Frames not delivered because the time budget ran out are not counted.
     *
     * @return the number of frames lost, at least 0
     */
    @Override
    public int framesLost() {
        return lost;
    }

    /**
     * How many pictures the decoder has put out so far: every frame up to the last one read, less
     * those it was allowed to leave undecoded (see {@link SkippingDecoder}) and those lost to
     * damage.
     *
     * @return the count
     */
    int picturesDecoded() {
        return skipping != null ? skipping.framesOut() : pictures;
    }

    /** Frees the FFmpeg decoder. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LOG.debug(
                    "{}: read to frame {}, {} pictures decoded, {} selected frames lost",
                    metadata.source(),
                    decoded,
                    picturesDecoded(),
                    lost);
            if (skipping != null) {
                skipping.close();
            }
            releaseQuietly(grabber, metadata.source());
            if (converter != null) {
                swscale.sws_freeContext(converter);
                converter = null;
            }
            freeRgbBuffer();
            rgbPlanes.close();
            rgbLineSizes.close();
        }
    }

    private void freeRgbBuffer() {
        if (rgbBuffer != null) {
            avutil.av_free(rgbBuffer.position(0));
            rgbBuffer = null;
        }
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber, String source) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            LOG.warn("{}: closing the decoder failed ({})", source, e.getMessage());
        }
    }
}
