package dev.dfd.examples.cli;

import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.VideoMetadata;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code dfd probe}: prints what a video (or image, or folder of images) holds and, with {@code
 * --out}, writes evenly spaced frames as PNG files named by frame index.
 *
 * <p>One instance per run; not thread-safe. Every decoder and image buffer it opens is closed
 * before it returns.
 */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the metadata of a video, image or folder of images (source, size after"
                    + " rotation, frame rate, frame count, duration, rotation, codec) and, with"
                    + " --out, writes N evenly spaced upright frames as frame_NNNNNN.png."
        })
public final class ProbeCommand implements Callable<Integer> {
    /** Frames written when {@code --out} is given without {@code --frames}. */
    static final int DEFAULT_FRAMES = 8;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VIDEO", description = "Video, image or image folder.")
    Path video;

    @Option(
            names = "--frames",
            paramLabel = "N",
            description = "Evenly spaced frames to write (default 8 when --out is given).")
    Integer frames;

    @Option(names = "--out", paramLabel = "DIR", description = "Write the frames here as PNG.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (frames != null && frames < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--frames must be at least 1, got " + frames);
        }
        if (frames != null && out == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--frames needs --out DIR to write the frames to");
        }
        int n = frames == null ? DEFAULT_FRAMES : frames;
        PrintWriter w = spec.commandLine().getOut();
        try (FrameSource source = FrameSources.open(video, FrameSampling.evenlySpaced(n))) {
            print(source.metadata(), w);
            if (out == null) {
                return 0;
            }
            Files.createDirectories(out);
            List<Frame> selected = source.readAll();
            for (Frame f : selected) {
                writePng(f, out.resolve(String.format(Locale.ROOT, "frame_%06d.png", f.index())));
            }
            w.printf(
                    Locale.ROOT,
                    "wrote %d frames to %s%s%n",
                    selected.size(),
                    out,
                    source.framesLost() > 0
                            ? " (" + source.framesLost() + " lost: the stream ended early)"
                            : "");
        }
        return 0;
    }

    private static void print(VideoMetadata m, PrintWriter w) {
        w.printf(Locale.ROOT, "source:     %s%n", m.source());
        w.printf(Locale.ROOT, "width:      %d%n", m.width());
        w.printf(Locale.ROOT, "height:     %d%n", m.height());
        w.printf(Locale.ROOT, "fps:        %.3f%n", m.frameRate());
        w.printf(Locale.ROOT, "frames:     %d%n", m.frameCount());
        w.printf(Locale.ROOT, "duration:   %.3f s%n", m.durationMicros() / 1e6);
        w.printf(Locale.ROOT, "rotation:   %d%n", m.rotationDegrees());
        w.printf(Locale.ROOT, "codec:      %s%n", m.codec());
    }

    private static void writePng(Frame frame, Path file) throws IOException {
        try (Mat rgb = OpenCvImages.toMat(frame.image());
                Mat bgr = new Mat()) {
            opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
            if (!opencv_imgcodecs.imwrite(file.toString(), bgr)) {
                throw new IOException(file + ": OpenCV could not write the PNG");
            }
        }
    }
}
