package dev.dfd.video;

import dev.dfd.core.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Writes small test videos whose frames carry their own index in the pixels, and reads the index
 * back, robust to lossy H.264.
 *
 * <p>The upright picture is a 4 × 3 grid of cells: the top-left cell is red (the marker that tells
 * which way is up), the rest of the top row grey, and the eight cells of rows 1 and 2 hold the
 * index's bits 0..7, white for 1 and black for 0.
 */
final class TestVideos {
    static final int FPS = 25;

    private TestVideos() {}

    /**
     * The upright picture of frame {@code index}.
     *
     * @param width width in pixels (multiple of 4)
     * @param height height in pixels (multiple of 3)
     */
    static RgbImage picture(int index, int width, int height) {
        byte[] px = new byte[width * height * 3];
        int cw = width / 4;
        int ch = height / 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int col = Math.min(3, x / cw);
                int row = Math.min(2, y / ch);
                int r;
                int g;
                int b;
                if (row == 0) {
                    boolean marker = col == 0;
                    r = marker ? 220 : 128;
                    g = marker ? 30 : 128;
                    b = marker ? 30 : 128;
                } else {
                    int bit = (row - 1) * 4 + col;
                    int v = ((index >> bit) & 1) == 1 ? 235 : 16;
                    r = v;
                    g = v;
                    b = v;
                }
                int o = (y * width + x) * 3;
                px[o] = (byte) r;
                px[o + 1] = (byte) g;
                px[o + 2] = (byte) b;
            }
        }
        return RgbImage.wrap(width, height, px);
    }

    /** Reads the index back from an upright picture. */
    static int index(RgbImage image) {
        int cw = image.width() / 4;
        int ch = image.height() / 3;
        int index = 0;
        for (int bit = 0; bit < 8; bit++) {
            int col = bit % 4;
            int row = 1 + bit / 4;
            if (mean(image, col * cw + cw / 2, row * ch + ch / 2, 1) > 128) {
                index |= 1 << bit;
            }
        }
        return index;
    }

    /** Whether the red marker is in the top-left cell (so the picture is upright). */
    static boolean markerTopLeft(RgbImage image) {
        int cx = image.width() / 8;
        int cy = image.height() / 6;
        return mean(image, cx, cy, 0) > 180 && mean(image, cx, cy, 1) < 80;
    }

    private static double mean(RgbImage image, int cx, int cy, int channel) {
        int r = 3;
        double sum = 0;
        int n = 0;
        for (int y = cy - r; y <= cy + r; y++) {
            for (int x = cx - r; x <= cx + r; x++) {
                sum += image.get(x, y, channel);
                n++;
            }
        }
        return sum / n;
    }

    /**
     * Writes an H.264 video: MP4 (moov atom first, so that a truncated copy still opens) for a
     * {@code .mp4} name, Matroska for {@code .mkv}, a raw H.264 stream (no container, no frame
     * count) otherwise.
     *
     * @param file the output
     * @param frames number of frames
     * @param width upright width
     * @param height upright height
     * @param clockwiseRotation 0, 90, 180 or 270: the pixels are stored turned that much
     *     counter-clockwise and the display matrix asks for that much clockwise, as phones do (90
     *     for a phone held upright)
     */
    static Path writeIndexed(Path file, int frames, int width, int height, int clockwiseRotation)
            throws Exception {
        return writeIndexed(
                file, frames, width, height, clockwiseRotation, avcodec.AV_CODEC_ID_H264);
    }

    /**
     * Writes an MP4 with the given video codec.
     *
     * @see #writeIndexed(Path, int, int, int, int)
     */
    static Path writeIndexed(
            Path file, int frames, int width, int height, int clockwiseRotation, int codecId)
            throws Exception {
        return writeIndexed(file, frames, width, height, clockwiseRotation, codecId, 0);
    }

    /**
     * Writes an MP4 with the given video codec and up to {@code bFrames} B-frames in a row (frames
     * no other frame refers to; OpenH264 writes none, MPEG-4 part 2 does).
     *
     * @see #writeIndexed(Path, int, int, int, int)
     */
    static Path writeIndexed(
            Path file,
            int frames,
            int width,
            int height,
            int clockwiseRotation,
            int codecId,
            int bFrames)
            throws Exception {
        boolean sideways = clockwiseRotation == 90 || clockwiseRotation == 270;
        int storedW = sideways ? height : width;
        int storedH = sideways ? width : height;
        try (FFmpegFrameRecorder rec =
                new FFmpegFrameRecorder(file.toFile(), storedW, storedH, 0)) {
            String name = file.getFileName().toString();
            boolean mp4 = name.endsWith(".mp4");
            rec.setFormat(mp4 ? "mp4" : name.endsWith(".mkv") ? "matroska" : "h264");
            rec.setVideoCodec(codecId);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(FPS);
            rec.setGopSize(10);
            rec.setMaxBFrames(bFrames);
            rec.setVideoQuality(18);
            if (mp4) {
                rec.setOption("movflags", "+faststart");
            }
            if (clockwiseRotation != 0) {
                // The display matrix angle is counter-clockwise: -90 asks players to turn a
                // quarter turn clockwise.
                rec.setDisplayRotation(-clockwiseRotation);
            }
            rec.start();
            for (int i = 0; i < frames; i++) {
                RgbImage upright = picture(i, width, height);
                RgbImage stored =
                        Rotation.rotateClockwise(upright, (360 - clockwiseRotation) % 360);
                record(rec, stored);
            }
            rec.stop();
        }
        return file;
    }

    /** Records one RGB picture. */
    static void record(FFmpegFrameRecorder rec, RgbImage image) throws Exception {
        try (Frame frame = new Frame(image.width(), image.height(), Frame.DEPTH_UBYTE, 3)) {
            ByteBuffer buf = (ByteBuffer) frame.image[0];
            for (int y = 0; y < image.height(); y++) {
                buf.position(y * frame.imageStride);
                buf.put(image.buffer(), y * image.width() * 3, image.width() * 3);
            }
            buf.position(0);
            rec.record(frame, avutil.AV_PIX_FMT_RGB24);
        }
    }

    /** Writes one second of a 440 Hz tone as a WAV file: media with audio and no video. */
    static Path writeAudioOnly(Path file) throws Exception {
        int rate = 16_000;
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 1)) {
            rec.setFormat("wav");
            rec.setSampleRate(rate);
            rec.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            rec.start();
            short[] samples = new short[rate];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            }
            rec.recordSamples(rate, 1, ShortBuffer.wrap(samples));
            rec.stop();
        }
        return file;
    }
}
