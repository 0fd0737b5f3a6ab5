package dev.dfd.face.mtcnn;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.face.Face;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/** facenet-pytorch's MTCNN results on the shared media, from {@code reference/mtcnn}. */
final class MtcnnReference {
    /** One face as facenet-pytorch reports it. */
    record RefFace(double[] box, double prob, double[] landmarks) {}

    /** One input of reference.json. */
    record Input(
            String name,
            String group,
            String source,
            int frameIndex,
            String framePng,
            int width,
            int height,
            String rgbMd5,
            List<RefFace> faces) {
        @Override
        public String toString() {
            return group + "/" + name;
        }
    }

    private static JsonObject json;

    private MtcnnReference() {}

    static synchronized JsonObject json() {
        if (json == null) {
            Path file = SharedData.path("reference/mtcnn/reference.json");
            try (Reader r = Files.newBufferedReader(file)) {
                json = JsonParser.parseReader(r).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }

    static List<Input> inputs() {
        List<Input> out = new ArrayList<>();
        for (JsonElement e : json().getAsJsonArray("inputs")) {
            JsonObject o = e.getAsJsonObject();
            out.add(
                    new Input(
                            o.get("name").getAsString(),
                            o.get("group").getAsString(),
                            o.get("source").getAsString(),
                            o.has("frame_index") ? o.get("frame_index").getAsInt() : -1,
                            o.has("frame_png") && !o.get("frame_png").isJsonNull()
                                    ? o.get("frame_png").getAsString()
                                    : null,
                            o.get("width").getAsInt(),
                            o.get("height").getAsInt(),
                            o.get("rgb_md5").getAsString(),
                            faces(o.getAsJsonArray("faces"))));
        }
        return out;
    }

    static List<RefFace> faces(JsonArray array) {
        List<RefFace> faces = new ArrayList<>();
        for (JsonElement e : array) {
            JsonObject f = e.getAsJsonObject();
            double[] box = new double[4];
            for (int i = 0; i < 4; i++) {
                box[i] = f.getAsJsonArray("box").get(i).getAsDouble();
            }
            double[] marks = new double[10];
            JsonArray lm = f.getAsJsonArray("landmarks");
            for (int k = 0; k < 5; k++) {
                marks[2 * k] = lm.get(k).getAsJsonArray().get(0).getAsDouble();
                marks[2 * k + 1] = lm.get(k).getAsJsonArray().get(1).getAsDouble();
            }
            faces.add(new RefFace(box, f.get("prob").getAsDouble(), marks));
        }
        return faces;
    }

    /** Decodes a lossless PNG with javax.imageio into RGB. */
    static RgbImage readPng(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            int w = img.getWidth();
            int h = img.getHeight();
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            byte[] rgb = new byte[w * h * 3];
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
            return RgbImage.wrap(w, h, rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Decodes a JPEG as the reference did: OpenCV, no EXIF rotation, BGR to RGB. */
    static RgbImage readJpeg(Path file) {
        try (Mat bgr =
                        opencv_imgcodecs.imread(
                                file.toString(),
                                opencv_imgcodecs.IMREAD_COLOR
                                        | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION);
                Mat rgb = new Mat()) {
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            return OpenCvImages.fromMat(rgb);
        }
    }

    static String md5(RgbImage image) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(image.buffer()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Largest deviations seen between a port's faces and the reference. */
    record Deviation(double box, double prob, double landmark, double minIou) {
        static final Deviation NONE = new Deviation(0, 0, 0, 1);

        Deviation max(Deviation o) {
            return new Deviation(
                    Math.max(box, o.box),
                    Math.max(prob, o.prob),
                    Math.max(landmark, o.landmark),
                    Math.min(minIou, o.minIou));
        }
    }

    /**
     * Compares faces with the reference in order; returns the deviation, or a description of the
     * first mismatch outside the brief's tolerances as an AssertionError.
     */
    static Deviation compare(String what, List<Face> actual, List<RefFace> expected) {
        if (actual.size() != expected.size()) {
            throw new AssertionError(
                    what + ": " + actual.size() + " faces, reference " + expected.size());
        }
        Deviation worst = Deviation.NONE;
        for (int i = 0; i < actual.size(); i++) {
            Face f = actual.get(i);
            RefFace r = expected.get(i);
            double[] box = {f.box().x1(), f.box().y1(), f.box().x2(), f.box().y2()};
            double boxDev = 0;
            for (int k = 0; k < 4; k++) {
                boxDev = Math.max(boxDev, Math.abs(box[k] - r.box()[k]));
            }
            double iou =
                    f.box()
                            .iou(
                                    new dev.dfd.core.face.Box(
                                            r.box()[0], r.box()[1], r.box()[2], r.box()[3]));
            double markDev = 0;
            for (int k = 0; k < 5; k++) {
                markDev =
                        Math.max(
                                markDev, Math.abs(f.landmarks().get(k).x() - r.landmarks()[2 * k]));
                markDev =
                        Math.max(
                                markDev,
                                Math.abs(f.landmarks().get(k).y() - r.landmarks()[2 * k + 1]));
            }
            double probDev = Math.abs(f.score() - r.prob());
            if (!(boxDev <= 2 || iou >= 0.98) || probDev > 1e-3 || markDev > 2) {
                throw new AssertionError(
                        String.format(
                                "%s face %d: box %s vs %s (max dev %.4f, IoU %.4f), prob %.6f vs"
                                        + " %.6f, landmark dev %.4f",
                                what,
                                i,
                                java.util.Arrays.toString(box),
                                java.util.Arrays.toString(r.box()),
                                boxDev,
                                iou,
                                f.score(),
                                r.prob(),
                                markDev));
            }
            worst = worst.max(new Deviation(boxDev, probDev, markDev, iou));
        }
        return worst;
    }
}
