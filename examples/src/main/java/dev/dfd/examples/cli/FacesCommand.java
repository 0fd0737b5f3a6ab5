package dev.dfd.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.VideoMetadata;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfd faces}: finds the faces in images and videos and writes them as JSON, as crops, and as
 * annotated pictures.
 *
 * <p>One instance per run; not thread-safe. The detector, decoders and OpenCV images it opens are
 * closed before it returns.
 */
@Command(
        name = "faces",
        mixinStandardHelpOptions = true,
        description = {
            "Finds faces in images and videos (N evenly spaced frames of each video). Prints one"
                    + " line per input; --json writes every detection, --crops the face crops"
                    + " (margin, isotropic resize and zero padding as the DFDC winner), --annotate"
                    + " the pictures with boxes, landmarks and scores drawn on them."
        })
public final class FacesCommand implements Callable<Integer> {
    /** Which detector finds the faces. */
    enum DetectorKind {
        mtcnn,
        haar
    }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Images, videos or folders.")
    List<Path> inputs;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Write detections as JSON.")
    Path json;

    @Option(names = "--crops", paramLabel = "DIR", description = "Write face crops as PNG here.")
    Path crops;

    @Option(
            names = "--annotate",
            paramLabel = "DIR",
            description = "Write images with the faces drawn on them as PNG here.")
    Path annotate;

    @Option(
            names = "--frames",
            paramLabel = "N",
            defaultValue = "8",
            description = "Evenly spaced frames per video (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--detector",
            paramLabel = "NAME",
            defaultValue = "mtcnn",
            description =
                    "mtcnn (default; weights from DFD_MODEL_DIR or ~/.cache/dfd) or haar (no"
                            + " weights needed, fewer faces found).")
    DetectorKind detector;

    @Option(
            names = "--margin",
            paramLabel = "F",
            defaultValue = "0.3333333333333333",
            description = "Crop margin on each side as a fraction of the box (default 1/3).")
    double margin;

    @Option(
            names = "--size",
            paramLabel = "PX",
            defaultValue = "380",
            description = "Crop width and height in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() throws IOException {
        if (frames < 1) {
            throw usage("--frames must be at least 1, got " + frames);
        }
        if (!(margin >= 0) || margin > 10) {
            throw usage("--margin must be between 0 and 10, got " + margin);
        }
        if (size < 1 || size > 4096) {
            throw usage("--size must be between 1 and 4096, got " + size);
        }
        PolicyCropper cropper =
                new PolicyCropper(
                        new CropPolicy(
                                margin, 0, false, size, CropPolicy.Resize.ISOTROPIC_PAD, 0, false));
        for (Path dir : new Path[] {crops, annotate}) {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        }

        PrintWriter out = spec.commandLine().getOut();
        JsonArray entries = new JsonArray();
        try (FaceDetector faceDetector = openDetector()) {
            for (Path input : inputs) {
                int faceCount = 0;
                int frameCount = 0;
                try (FrameSource source =
                        FrameSources.open(input, FrameSampling.evenlySpaced(frames))) {
                    boolean still = isStill(source.metadata());
                    for (Frame frame : source.readAll()) {
                        List<Face> faces = faceDetector.detect(frame.image());
                        entries.add(entry(input, still ? null : frame.index(), frame, faces));
                        String name = stem(input) + (still ? "" : frameSuffix(frame.index()));
                        if (crops != null) {
                            writeCrops(cropper, frame, faces, name);
                        }
                        if (annotate != null) {
                            writePng(
                                    annotated(frame.image(), faces),
                                    annotate.resolve(name + ".png"));
                        }
                        faceCount += faces.size();
                        frameCount++;
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "%s: %d face%s in %d frame%s%n",
                        input,
                        faceCount,
                        faceCount == 1 ? "" : "s",
                        frameCount,
                        frameCount == 1 ? "" : "s");
            }
        }
        if (json != null) {
            writeAtomically(
                    json,
                    new GsonBuilder()
                            .serializeNulls()
                            .setPrettyPrinting()
                            .create()
                            .toJson(entries));
        }
        return 0;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private FaceDetector openDetector() throws IOException {
        return detector == DetectorKind.haar ? FaceDetectors.haar() : FaceDetectors.mtcnn(0);
    }

    /** A still image delivers one frame and has no frame rate. */
    private static boolean isStill(VideoMetadata m) {
        return m.frameCount() == 1 && m.frameRate() == 0;
    }

    private static String stem(Path input) {
        Path name = input.toAbsolutePath().normalize().getFileName();
        String s = name == null ? "input" : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static String frameSuffix(int index) {
        return String.format(Locale.ROOT, "_f%06d", index);
    }

    private static JsonObject entry(Path input, Integer frameIndex, Frame frame, List<Face> faces) {
        JsonObject e = new JsonObject();
        e.addProperty("source", input.toString());
        if (frameIndex == null) {
            e.add("frame", JsonNull.INSTANCE);
        } else {
            e.addProperty("frame", frameIndex);
        }
        e.addProperty("width", frame.image().width());
        e.addProperty("height", frame.image().height());
        JsonArray list = new JsonArray();
        for (Face f : faces) {
            JsonObject face = new JsonObject();
            JsonArray box = new JsonArray();
            box.add(f.box().x1());
            box.add(f.box().y1());
            box.add(f.box().x2());
            box.add(f.box().y2());
            face.add("box", box);
            face.addProperty("score", f.score());
            JsonArray landmarks = new JsonArray();
            for (dev.dfd.core.face.Point p : f.landmarks()) {
                JsonArray xy = new JsonArray();
                xy.add(p.x());
                xy.add(p.y());
                landmarks.add(xy);
            }
            face.add("landmarks", landmarks);
            list.add(face);
        }
        e.add("faces", list);
        return e;
    }

    private void writeCrops(PolicyCropper cropper, Frame frame, List<Face> faces, String name)
            throws IOException {
        for (int i = 0; i < faces.size(); i++) {
            FaceCrop crop = cropper.crop(frame.image(), frame.index(), faces.get(i));
            writePng(crop.image(), cropsFile(name, i));
        }
    }

    private Path cropsFile(String name, int face) {
        return crops.resolve(String.format(Locale.ROOT, "%s_face%d.png", name, face));
    }

    /**
     * The image with each face's box (green), landmarks (red dots) and index and score (on a dark
     * label above the box, or below it at the top edge) drawn at a size that suits the face.
     */
    static RgbImage annotated(RgbImage image, List<Face> faces) {
        int thickness = Math.max(2, Math.max(image.width(), image.height()) / 600);
        try (Mat mat = OpenCvImages.toMat(image);
                Scalar green = new Scalar(0, 255, 0, 0);
                Scalar red = new Scalar(255, 40, 40, 0);
                Scalar dark = new Scalar(20, 20, 20, 0);
                IntPointer baseline = new IntPointer(1)) {
            for (int i = 0; i < faces.size(); i++) {
                Face f = faces.get(i);
                double width = f.box().width();
                try (Point p1 = point(f.box().x1(), f.box().y1());
                        Point p2 = point(f.box().x2(), f.box().y2())) {
                    opencv_imgproc.rectangle(
                            mat, p1, p2, green, thickness, opencv_imgproc.LINE_AA, 0);
                }
                int radius = (int) Math.max(2, Math.round(width / 25));
                for (dev.dfd.core.face.Point p : f.landmarks()) {
                    try (Point c = point(p.x(), p.y())) {
                        opencv_imgproc.circle(mat, c, radius, red, -1, opencv_imgproc.LINE_AA, 0);
                    }
                }

                String label = String.format(Locale.ROOT, "%d: %.2f", i, f.score());
                double textScale = Math.max(0.45, Math.min(1.2, width / 110));
                int font = opencv_imgproc.FONT_HERSHEY_SIMPLEX;
                try (Size text = opencv_imgproc.getTextSize(label, font, textScale, 1, baseline)) {
                    int x = (int) Math.round(f.box().x1());
                    int top = (int) Math.round(f.box().y1()) - text.height() - 8;
                    if (top < 0) {
                        top = (int) Math.round(f.box().y2()) + 2;
                    }
                    try (Point a = new Point(x, top);
                            Point b = new Point(x + text.width() + 6, top + text.height() + 8);
                            Point at = new Point(x + 3, top + text.height() + 4)) {
                        opencv_imgproc.rectangle(mat, a, b, dark, -1, opencv_imgproc.LINE_8, 0);
                        opencv_imgproc.putText(
                                mat,
                                label,
                                at,
                                font,
                                textScale,
                                green,
                                1,
                                opencv_imgproc.LINE_AA,
                                false);
                    }
                }
            }
            return OpenCvImages.fromMat(mat);
        }
    }

    private static Point point(double x, double y) {
        return new Point(
                (int) Math.round(Math.max(-1e6, Math.min(1e6, x))),
                (int) Math.round(Math.max(-1e6, Math.min(1e6, y))));
    }

    private static void writePng(RgbImage image, Path file) throws IOException {
        try (Mat rgb = OpenCvImages.toMat(image);
                Mat bgr = new Mat()) {
            opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
            if (!opencv_imgcodecs.imwrite(file.toString(), bgr)) {
                throw new IOException(file + ": OpenCV could not write the PNG");
            }
        }
    }

    /** Writes to a temporary file beside the target, then moves it into place. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        absolute,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
