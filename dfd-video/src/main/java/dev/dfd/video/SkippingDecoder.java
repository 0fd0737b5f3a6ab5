package dev.dfd.video;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one video stream packet by packet with a decoder of its own, and lets the decoder leave
 * out the frames nobody asked for where the codec allows it.
 *
 * <p>A frame that no other frame refers to (an H.264 or HEVC picture with {@code nal_ref_idc} 0, an
 * MPEG-4 B-frame) can be left undecoded without harming any other frame. Before each packet is
 * sent, the decoder is told to discard non-reference pictures ({@code AVDISCARD_NONREF}) unless the
 * packet's frame is wanted; FFmpeg's frame threads take the setting with each packet. On the shared
 * 1080p H.264 video (B-frames, x264), 32 evenly spaced frames are read by decoding 67 of the first
 * 102 pictures.
 *
 * <p>Which frame a packet holds is known from its presentation timestamp: the demuxer's timestamps
 * of all video packets, read once before decoding ({@link #scan}), sorted, give each timestamp its
 * display index. This is the index a sequential read counts, and it stays right after frames the
 * decoder drops or was told to skip. Streams whose packets lack timestamps (raw H.264) cannot be
 * indexed this way; {@link #scan} says so and the caller decodes every frame instead.
 *
 * <p>Owns its decoder context, one packet and one frame until {@link #close()}; reads packets from
 * a format context it does not own. Not thread-safe.
 */
final class SkippingDecoder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SkippingDecoder.class);

    /** One decoded picture, valid until the next call of {@link #next}. */
    record Decoded(int index, long timestampMicros, AVFrame picture) {}

    private final AVFormatContext format;
    private final int stream;
    private final long[] displayOrder;
    private final long timeBaseNum;
    private final long timeBaseDen;
    private final String source;
    private final AVCodecContext context;
    private final AVPacket packet = avcodec.av_packet_alloc();
    private final AVFrame picture = avutil.av_frame_alloc();
    private boolean flushed;
    private int framesOut;
    private boolean closed;

    private SkippingDecoder(
            AVFormatContext format,
            int stream,
            long[] displayOrder,
            AVCodecContext context,
            String source) {
        this.format = format;
        this.stream = stream;
        this.displayOrder = displayOrder;
        this.context = context;
        this.source = source;
        AVStream st = format.streams(stream);
        this.timeBaseNum = st.time_base().num();
        this.timeBaseDen = st.time_base().den();
    }

    /**
     * What one pass over a video stream's packets, without decoding, tells: how many there are and,
     * when every packet has a presentation timestamp of its own, those timestamps in display order.
     * Packets the demuxer marks to be discarded (before an MP4 edit list's start) are left out,
     * since no frame is shown for them.
     *
     * @param count the number of video packets
     * @param displayOrder the sorted timestamps, or null if some packet has none or two share one
     *     (the stream cannot be indexed by timestamp)
     */
    record Scan(int count, long[] displayOrder) {}

    /**
     * Reads a format context to its end, counting the packets of one stream.
     *
     * @param format an opened format context (the caller closes it)
     * @param stream the index of the video stream
     * @return what the packets tell
     */
    static Scan scan(AVFormatContext format, int stream) {
        AVPacket p = avcodec.av_packet_alloc();
        long[] pts = new long[256];
        int n = 0;
        boolean usable = true;
        try {
            while (avformat.av_read_frame(format, p) >= 0) {
                if (p.stream_index() == stream && (p.flags() & avcodec.AV_PKT_FLAG_DISCARD) == 0) {
                    if (p.pts() == avutil.AV_NOPTS_VALUE) {
                        usable = false;
                    }
                    if (n == pts.length) {
                        pts = Arrays.copyOf(pts, n * 2);
                    }
                    pts[n++] = p.pts();
                }
                avcodec.av_packet_unref(p);
            }
        } finally {
            avcodec.av_packet_free(p);
        }
        long[] sorted = Arrays.copyOf(pts, n);
        Arrays.sort(sorted);
        for (int i = 1; i < n && usable; i++) {
            usable = sorted[i] != sorted[i - 1];
        }
        return new Scan(n, usable ? sorted : null);
    }

    /**
     * Opens a decoder for a stream of an opened format context.
     *
     * @param format the format context packets are read from, positioned before the first packet
     * @param stream the video stream's index
     * @param displayOrder the stream's timestamps from {@link #scan}
     * @param threads decoder threads, 0 for FFmpeg's choice
     * @param source the file, for messages
     * @return the decoder, or null if FFmpeg has no decoder for the stream or cannot open it
     */
    static SkippingDecoder open(
            AVFormatContext format, int stream, long[] displayOrder, int threads, String source) {
        AVStream st = format.streams(stream);
        AVCodec codec = avcodec.avcodec_find_decoder(st.codecpar().codec_id());
        if (codec == null || codec.isNull()) {
            return null;
        }
        AVCodecContext context = avcodec.avcodec_alloc_context3(codec);
        if (context == null || context.isNull()) {
            return null;
        }
        if (avcodec.avcodec_parameters_to_context(context, st.codecpar()) < 0) {
            avcodec.avcodec_free_context(context);
            return null;
        }
        context.thread_count(threads);
        context.pkt_timebase(st.time_base());
        int opened = avcodec.avcodec_open2(context, codec, (PointerPointer<?>) null);
        if (opened < 0) {
            LOG.debug("{}: cannot open a second decoder ({})", source, opened);
            avcodec.avcodec_free_context(context);
            return null;
        }
        return new SkippingDecoder(format, stream, displayOrder, context, source);
    }

    /**
     * Decodes up to the next picture the decoder puts out.
     *
     * @param wanted whether the frame at a display index is wanted; an unwanted frame may be left
     *     undecoded if no other frame refers to it, and a wanted one never is
     * @return the next decoded picture in display order, or null at the end of the stream (or when
     *     the decoder fails for good)
     */
    Decoded next(IntPredicate wanted) {
        while (!closed) {
            int received = avcodec.avcodec_receive_frame(context, picture);
            if (received >= 0) {
                long pts = picture.best_effort_timestamp();
                if (pts == avutil.AV_NOPTS_VALUE) {
                    pts = picture.pts();
                }
                framesOut++;
                return new Decoded(indexOf(pts), micros(pts), picture);
            }
            if (received == avutil.AVERROR_EOF()) {
                return null;
            }
            if (received != avutil.AVERROR_EAGAIN()) {
                LOG.warn("{}: the decoder failed ({})", source, message(received));
                return null;
            }
            if (flushed) {
                return null;
            }
            if (!readVideoPacket()) {
                // End of the file: drain the frames the decoder still holds.
                avcodec.avcodec_send_packet(context, null);
                flushed = true;
                continue;
            }
            boolean needed = wanted.test(indexOf(packet.pts()));
            context.skip_frame(needed ? avcodec.AVDISCARD_DEFAULT : avcodec.AVDISCARD_NONREF);
            int sent = avcodec.avcodec_send_packet(context, packet);
            avcodec.av_packet_unref(packet);
            if (sent < 0) {
                // Damaged data: the frame is lost, the ones after it may still decode.
                LOG.debug("{}: a packet was refused ({})", source, message(sent));
            }
        }
        return null;
    }

    /** Pictures the decoder has put out so far. */
    int framesOut() {
        return framesOut;
    }

    private boolean readVideoPacket() {
        while (avformat.av_read_frame(format, packet) >= 0) {
            if (packet.stream_index() == stream) {
                return true;
            }
            avcodec.av_packet_unref(packet);
        }
        return false;
    }

    /** The display index of a timestamp: its rank among the stream's timestamps. */
    private int indexOf(long pts) {
        int at = Arrays.binarySearch(displayOrder, pts);
        return at >= 0 ? at : -at - 1;
    }

    private long micros(long pts) {
        if (pts == avutil.AV_NOPTS_VALUE || timeBaseDen == 0) {
            return 0;
        }
        // As JavaCV's grabber computes it, so that both decoding paths agree.
        return 1_000_000L * pts * timeBaseNum / timeBaseDen;
    }

    private static String message(int error) {
        byte[] text = new byte[128];
        avutil.av_strerror(error, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            avcodec.avcodec_free_context(context);
            avcodec.av_packet_free(packet);
            avutil.av_frame_free(picture);
        }
    }
}
