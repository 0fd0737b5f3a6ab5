package dev.dfd.examples.cli;

import dev.dfd.eval.ClipBounds;
import dev.dfd.eval.EvaluationReport;
import dev.dfd.eval.io.EvaluationInputException;
import dev.dfd.eval.io.GroundTruth;
import dev.dfd.eval.io.MatchedPredictions;
import dev.dfd.eval.io.SubmissionCsv;
import dev.dfd.eval.plot.EvaluationPlots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dfd evaluate}: scores a DFDC submission CSV against labels and prints the metrics as a
 * table, optionally writing a JSON report and PNG plots.
 *
 * <p>One instance per run; not thread-safe. Holds no native memory.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Scores predictions (a DFDC submission CSV filename,label of probabilities of fake)"
                    + " against labels (a DFDC metadata.json or a filename,label CSV of 0/1 or"
                    + " REAL/FAKE): log loss, accuracy, AUC, average precision, EER, FAR, FRR, NPV,"
                    + " precision, recall, F1 and the confusion matrix."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--predictions",
            required = true,
            paramLabel = "SUBMISSION.csv",
            description = "CSV with header filename,label; label is the probability of fake.")
    Path predictions;

    @Option(
            names = "--labels",
            required = true,
            paramLabel = "LABELS",
            description = "DFDC metadata.json, or CSV filename,label with 0/1 or REAL/FAKE.")
    Path labels;

    @Option(
            names = "--json",
            paramLabel = "OUT.json",
            description = "Write the report as JSON here (atomically).")
    Path json;

    @Option(
            names = "--plots",
            paramLabel = "DIR",
            description = "Write roc.png, confusion_matrix.png and score_histogram.png here.")
    Path plots;

    @Option(
            names = "--clip",
            paramLabel = "LOW,HIGH",
            description =
                    "Also report log loss with probabilities clipped to [LOW, HIGH], e.g. 0.1,0.9;"
                            + " repeatable.")
    List<String> clips = new ArrayList<>();

    @Option(
            names = "--threshold",
            paramLabel = "T",
            defaultValue = "0.5",
            description = "A probability >= T is called fake (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(
            names = "--intersection",
            description =
                    "Score only the file names found in both files, with a warning listing the"
                            + " others, instead of failing.")
    boolean intersection;

    @Override
    public Integer call() throws IOException {
        CommandLine cli = spec.commandLine();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new CommandLine.ParameterException(
                    cli, "--threshold " + threshold + " is not in [0, 1]");
        }
        Map<String, ClipBounds> clipping = new LinkedHashMap<>();
        for (String clip : clips) {
            try {
                clipping.put(clip, ClipBounds.parse(clip));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--clip: " + e.getMessage());
            }
        }

        Map<String, Double> probabilities = read(predictions, SubmissionCsv::read);
        Map<String, Integer> truth = read(labels, GroundTruth::read);
        MatchedPredictions matched;
        try {
            matched = MatchedPredictions.match(probabilities, truth, intersection);
        } catch (EvaluationInputException e) {
            throw new EvaluationInputException(
                    predictions
                            + " against "
                            + labels
                            + ": "
                            + e.getMessage()
                            + (intersection ? "" : " (--intersection)"),
                    e);
        }

        EvaluationReport report = EvaluationReport.compute(matched.scores(), threshold, clipping);
        PrintWriter out = cli.getOut();
        out.print(report.toTable());
        if (!matched.withoutLabel().isEmpty() || !matched.withoutPrediction().isEmpty()) {
            out.println(
                    "Warning: scored only the "
                            + matched.filenames().size()
                            + " videos named in both files; "
                            + MatchedPredictions.describe(
                                    matched.withoutLabel(), matched.withoutPrediction())
                            + ".");
        }
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                throw new IOException(json + ": cannot write the JSON report: " + reason(e), e);
            }
            out.println("Wrote " + json);
        }
        if (plots != null) {
            if (System.getProperty("java.awt.headless") == null) {
                System.setProperty("java.awt.headless", "true");
            }
            try {
                for (Path png : EvaluationPlots.writeAll(matched.scores(), threshold, plots)) {
                    out.println("Wrote " + png);
                }
            } catch (IOException e) {
                throw new IOException(plots + ": cannot write the plots: " + reason(e), e);
            }
        }
        out.flush();
        return 0;
    }

    /** A reader of one input file. */
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private static <T> T read(Path file, Reader<T> reader) throws IOException {
        try {
            return reader.read(file);
        } catch (EvaluationInputException e) {
            throw e;
        } catch (IOException e) {
            throw new EvaluationInputException(file + ": cannot read: " + reason(e), e);
        }
    }

    /** What went wrong with a file, in words, without repeating its name. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + ((AccessDeniedException) e).getFile();
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
