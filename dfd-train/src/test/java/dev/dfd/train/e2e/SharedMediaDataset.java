package dev.dfd.train.e2e;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.train.pseudo.SelfBlendedImages;
import dev.dfd.video.FrameSources;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Builds a small dataset in the DFDC layout from the shared video: its 105 frames, shrunk to
 * 640x360, cut into clips of {@code clipFrames}; each clip is a real video, and its fake is the
 * same clip with the faces swapped between the people in each frame (a real manipulation: another
 * person's face resized onto the face and blended in through a blurred face-hull mask), encoded the
 * same way. Clips are assigned to {@code dfdc_train_part_0} (training) and {@code
 * dfdc_train_part_45} (validation), so the usual folder split applies.
 */
final class SharedMediaDataset {
    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    private SharedMediaDataset() {}

    static void write(
            Path video, Path root, FaceDetector detector, int clipFrames, int validationClips)
            throws Exception {
        List<RgbImage> frames = new ArrayList<>();
        try (FrameSource source = FrameSources.open(video, FrameSampling.all())) {
            for (Frame f : source.readAll()) {
                frames.add(shrink(f.image()));
            }
        }
        List<List<Face>> faces = detector.detectAll(frames);
        int clips = frames.size() / clipFrames;
        SplittableRandom random = new SplittableRandom(2020);
        StringBuilder[] metadata = {new StringBuilder("{"), new StringBuilder("{")};
        for (int c = 0; c < clips; c++) {
            int part = c >= clips - validationClips ? 1 : 0;
            Path dir =
                    Files.createDirectories(
                            root.resolve(part == 0 ? "dfdc_train_part_0" : "dfdc_train_part_45"));
            String real = String.format("clip%02d.mp4", c);
            String fake = String.format("clip%02d_swap.mp4", c);
            List<RgbImage> realFrames = frames.subList(c * clipFrames, (c + 1) * clipFrames);
            List<RgbImage> fakeFrames = new ArrayList<>();
            for (int i = 0; i < clipFrames; i++) {
                fakeFrames.add(
                        blendFaces(realFrames.get(i), faces.get(c * clipFrames + i), random));
            }
            encode(dir.resolve(real), realFrames);
            encode(dir.resolve(fake), fakeFrames);
            StringBuilder m = metadata[part];
            if (m.length() > 1) {
                m.append(',');
            }
            m.append('"').append(real).append("\":{\"label\":\"REAL\",\"split\":\"train\"},");
            m.append('"')
                    .append(fake)
                    .append("\":{\"label\":\"FAKE\",\"split\":\"train\",\"original\":\"")
                    .append(real)
                    .append("\"}");
        }
        Files.writeString(
                root.resolve("dfdc_train_part_0/metadata.json"),
                metadata[0] + "}",
                StandardCharsets.UTF_8);
        Files.writeString(
                root.resolve("dfdc_train_part_45/metadata.json"),
                metadata[1] + "}",
                StandardCharsets.UTF_8);
    }

    private static RgbImage shrink(RgbImage img) {
        try (Mat in = OpenCvImages.toMat(img);
                Mat out = new Mat()) {
            resize(in, out, new Size(WIDTH, HEIGHT), 0, 0, INTER_AREA);
            return OpenCvImages.fromMat(out);
        }
    }

    /**
     * Swaps faces between the people of one frame: each face with landmarks is replaced by the next
     * person's face region, resized onto it and blended in through a blurred face-hull mask (the
     * mask of self-blended images, so the seam is soft, as in a real face swap).
     */
    private static RgbImage blendFaces(RgbImage frame, List<Face> faces, SplittableRandom random) {
        byte[] px = frame.toByteArray();
        List<int[]> regions = new ArrayList<>();
        for (Face f : faces) {
            Box b = f.box();
            double m = 0.4 * Math.max(b.width(), b.height());
            int x0 = (int) Math.max(0, Math.floor(b.x1() - m));
            int y0 = (int) Math.max(0, Math.floor(b.y1() - m));
            int x1 = (int) Math.min(frame.width(), Math.ceil(b.x2() + m));
            int y1 = (int) Math.min(frame.height(), Math.ceil(b.y2() + m));
            regions.add(new int[] {x0, y0, x1 - x0, y1 - y0});
        }
        for (int k = 0; k < faces.size(); k++) {
            Face f = faces.get(k);
            int[] r = regions.get(k);
            if (!f.hasLandmarks() || r[2] < 16 || r[3] < 16 || faces.size() < 2) {
                continue;
            }
            int[] d = regions.get((k + 1) % faces.size());
            RgbImage target = frame.crop(r[0], r[1], r[2], r[3]);
            RgbImage donor = resized(frame.crop(d[0], d[1], d[2], d[3]), r[2], r[3]);
            Face local =
                    new Face(
                            new Box(
                                    f.box().x1() - r[0],
                                    f.box().y1() - r[1],
                                    f.box().x2() - r[0],
                                    f.box().y2() - r[1]),
                            f.score(),
                            f.landmarks().stream()
                                    .map(p -> new Point(p.x() - r[0], p.y() - r[1]))
                                    .toList());
            float[] mask = SelfBlendedImages.blend(target, local, random).mask();
            byte[] t = target.buffer();
            byte[] s = donor.buffer();
            for (int y = 0; y < r[3]; y++) {
                for (int x = 0; x < r[2]; x++) {
                    float a = mask[y * r[2] + x];
                    for (int c = 0; c < 3; c++) {
                        int i = (y * r[2] + x) * 3 + c;
                        float v = a * (s[i] & 0xFF) + (1 - a) * (t[i] & 0xFF);
                        px[((r[1] + y) * frame.width() + r[0] + x) * 3 + c] = (byte) Math.round(v);
                    }
                }
            }
        }
        return RgbImage.wrap(frame.width(), frame.height(), px);
    }

    private static RgbImage resized(RgbImage img, int width, int height) {
        try (Mat in = OpenCvImages.toMat(img);
                Mat out = new Mat()) {
            resize(in, out, new Size(width, height), 0, 0, INTER_AREA);
            return OpenCvImages.fromMat(out);
        }
    }

    private static void encode(Path file, List<RgbImage> frames) throws Exception {
        try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0)) {
            rec.setFormat("mp4");
            rec.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            rec.setFrameRate(25);
            rec.setVideoBitrate(8_000_000);
            rec.start();
            for (RgbImage img : frames) {
                try (org.bytedeco.javacv.Frame f =
                        new org.bytedeco.javacv.Frame(
                                WIDTH, HEIGHT, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 3)) {
                    ByteBuffer buf = (ByteBuffer) f.image[0];
                    for (int y = 0; y < HEIGHT; y++) {
                        buf.position(y * f.imageStride);
                        buf.put(img.buffer(), y * WIDTH * 3, WIDTH * 3);
                    }
                    buf.position(0);
                    rec.record(f, avutil.AV_PIX_FMT_RGB24);
                }
            }
            rec.stop();
        }
    }
}
