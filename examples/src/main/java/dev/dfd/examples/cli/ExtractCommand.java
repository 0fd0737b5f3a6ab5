package dev.dfd.examples.cli;

import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.DatasetReader;
import dev.dfd.train.extract.CropExtractor;
import dev.dfd.video.FrameSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dfd extract}: cuts the face crops of a dataset once, for training. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Samples frames of every video of a dataset (the DFDC layout, real/ and fake/ folders,"
                    + " or a path,label CSV), finds faces in the real ones and cuts crops; a fake is"
                    + " cut at its original's boxes.",
            "Resumable: a video already extracted is skipped. A video that fails is reported and"
                    + " the run goes on."
        })
final class ExtractCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset folder or CSV.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "CROPS", description = "Crop folder.")
    Path out;

    @Option(
            names = "--frames",
            defaultValue = "32",
            description = "Evenly spaced frames per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Videos processed at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--size",
            defaultValue = "380",
            description = "Crop size in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--margin",
            defaultValue = "0.3333333333",
            description = "Margin on each side as a fraction of the face box (default: one third).")
    double margin;

    @Option(
            names = "--detector",
            defaultValue = "mtcnn",
            description = "mtcnn or haar (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(
            names = "--detect-max-side",
            defaultValue = "960",
            description =
                    "Detect on frames shrunk to this longer side, 0 for full size (default: ${DEFAULT-VALUE}).")
    int detectMaxSide;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || threads < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--frames and --threads must be >= 1");
        }
        DatasetReader.Result data = DatasetReader.read(dataset);
        for (String s : data.skipped()) {
            spec.commandLine().getErr().println("dfd: skipped " + s);
        }
        Supplier<FaceDetector> detectors = detectors();
        // Fail now, with the reason, rather than once per video on the worker threads.
        detectors.get().close();
        CropPolicy policy =
                new CropPolicy(margin, 0, false, size, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
        CropExtractor extractor =
                new CropExtractor(
                        FrameSources::open,
                        detectors,
                        new PolicyCropper(policy),
                        FrameSampling.evenlySpaced(frames),
                        threads);
        CropExtractor.Summary s =
                extractor.run(
                        data.dataset(),
                        new CropStore(out),
                        ProgressBar.onStderr(spec.commandLine().getErr(), "extract"));
        spec.commandLine()
                .getOut()
                .printf(
                        Locale.ROOT,
                        "%d videos extracted (%d crops), %d already done, %d failed%n",
                        s.processed() - s.failed().size(),
                        s.crops(),
                        s.skipped(),
                        s.failed().size());
        for (String f : s.failed()) {
            spec.commandLine().getErr().println("dfd: failed " + f);
        }
        return 0;
    }

    private Supplier<FaceDetector> detectors() {
        String kind = detector.toLowerCase(Locale.ROOT);
        if (!kind.equals("mtcnn") && !kind.equals("haar")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--detector must be mtcnn or haar, got " + detector);
        }
        return () -> {
            try {
                return kind.equals("haar")
                        ? FaceDetectors.haar()
                        : FaceDetectors.mtcnn(detectMaxSide);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
