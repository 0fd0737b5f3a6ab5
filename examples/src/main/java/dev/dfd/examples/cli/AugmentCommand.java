package dev.dfd.examples.cli;

import dev.dfd.augment.AugmentPipeline;
import dev.dfd.augment.Presets;
import dev.dfd.augment.PreviewGrid;
import dev.dfd.augment.Targets;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dfd augment}: writes a grid of augmented samples of one face image, the original first, to
 * judge an augmentation preset at a glance.
 *
 * <p>One instance per run; not thread-safe. Every OpenCV buffer it opens is closed before it
 * returns.
 */
@Command(
        name = "augment",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a PNG grid of N tiles: the original image, then N-1 samples of an"
                    + " augmentation preset (8-bit, before normalisation). Presets: reference-2020,"
                    + " dfdc-winner."
        })
public final class AugmentCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "A face crop (PNG, JPEG, ...).")
    Path image;

    @Option(
            names = "--preset",
            required = true,
            paramLabel = "NAME",
            description = "reference-2020 or dfdc-winner.")
    String preset;

    @Option(
            names = "--n",
            paramLabel = "N",
            defaultValue = "16",
            description = "Tiles including the original (default ${DEFAULT-VALUE}).")
    int tiles;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description =
                    "Random seed; the same seed gives the same grid (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--grid", required = true, paramLabel = "OUT.png", description = "Output PNG.")
    Path grid;

    @Option(
            names = "--tile",
            paramLabel = "PIXELS",
            defaultValue = "0",
            description = "Shrink every tile to fit in PIXELS x PIXELS (default: full size).")
    int tile;

    @Option(
            names = "--landmarks",
            paramLabel = "X1,Y1,...,X5,Y5",
            description =
                    "Five face landmarks in pixels of IMAGE (left eye, right eye, nose, left and"
                            + " right mouth corner), for the face-part dropouts of dfdc-winner.")
    String landmarks;

    @Override
    public Integer call() throws IOException {
        if (tiles < 1 || tiles > 400) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--n must be 1..400, got " + tiles);
        }
        if (tile < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--tile must be >= 0, got " + tile);
        }
        if (!Presets.NAMES.contains(preset)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "unknown preset '" + preset + "', known: " + String.join(", ", Presets.NAMES));
        }
        if (!grid.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--grid must name a .png file, got " + grid);
        }
        List<Point> points = parseLandmarks();
        RgbImage input = read(image);
        AugmentPipeline pipeline = Presets.byName(preset);
        RgbImage out =
                PreviewGrid.of(
                        pipeline, Targets.of(input).withKeypoints(points), tiles, seed, tile);
        write(out, grid);
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%s: %d tiles (the original, then %d samples of %s, seed %d), %dx%d%n",
                        grid,
                        tiles,
                        tiles - 1,
                        preset,
                        seed,
                        out.width(),
                        out.height());
        return 0;
    }

    private List<Point> parseLandmarks() {
        if (landmarks == null) {
            return List.of();
        }
        String[] parts = landmarks.split(",");
        if (parts.length != 10) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--landmarks needs 10 numbers (5 x,y pairs), got " + parts.length);
        }
        List<Point> pts = new ArrayList<>(5);
        try {
            for (int i = 0; i < 10; i += 2) {
                pts.add(
                        new Point(
                                Double.parseDouble(parts[i].trim()),
                                Double.parseDouble(parts[i + 1].trim())));
            }
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--landmarks: not a number in '" + landmarks + "'");
        }
        return pts;
    }

    private static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        try (Mat bgr = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_COLOR);
                Mat rgb = new Mat()) {
            if (bgr.empty()) {
                throw new IOException(file + ": not an image OpenCV can read");
            }
            opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
            return OpenCvImages.fromMat(rgb);
        }
    }

    private static void write(RgbImage img, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Mat rgb = OpenCvImages.toMat(img);
                Mat bgr = new Mat()) {
            opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
            if (!opencv_imgcodecs.imwrite(file.toString(), bgr)) {
                throw new IOException(file + ": could not write the PNG");
            }
        }
    }
}
