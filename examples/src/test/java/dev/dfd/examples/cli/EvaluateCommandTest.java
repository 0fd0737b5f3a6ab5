package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dfd evaluate} in-process, on files written from the scikit-learn reference cases. */
class EvaluateCommandTest {
    private static final double TOLERANCE = 1e-9;

    @TempDir Path dir;

    static List<JsonObject> cases() throws IOException {
        String text =
                Files.readString(
                        SharedData.path("reference/metrics/metrics.json"), StandardCharsets.UTF_8);
        List<JsonObject> out = new ArrayList<>();
        JsonParser.parseString(text)
                .getAsJsonObject()
                .getAsJsonArray("cases")
                .forEach(e -> out.add(e.getAsJsonObject()));
        return out;
    }

    private static String video(int i) {
        return String.format(Locale.ROOT, "v%04d.mp4", i);
    }

    /** A submission CSV with the probabilities of a reference case, in reverse order. */
    private Path submission(JsonObject c) throws IOException {
        JsonArray p = c.getAsJsonArray("p");
        StringBuilder sb = new StringBuilder("filename,label\n");
        for (int i = p.size() - 1; i >= 0; i--) {
            sb.append(video(i)).append(',').append(p.get(i).getAsString()).append('\n');
        }
        return write("submission.csv", sb.toString());
    }

    /** A DFDC metadata.json with the labels of a reference case. */
    private Path metadata(JsonObject c) throws IOException {
        JsonArray y = c.getAsJsonArray("y");
        JsonObject root = new JsonObject();
        for (int i = 0; i < y.size(); i++) {
            JsonObject entry = new JsonObject();
            entry.addProperty("label", y.get(i).getAsInt() == 1 ? "FAKE" : "REAL");
            entry.addProperty("split", "train");
            root.add(video(i), entry);
        }
        return write("metadata.json", root.toString());
    }

    /** A label CSV with the labels of a reference case, as words in mixed case and as digits. */
    private Path labelCsv(JsonObject c) throws IOException {
        JsonArray y = c.getAsJsonArray("y");
        StringBuilder sb = new StringBuilder("filename,label\n");
        for (int i = 0; i < y.size(); i++) {
            boolean fake = y.get(i).getAsInt() == 1;
            String label =
                    i % 3 == 0
                            ? (fake ? "1" : "0")
                            : i % 3 == 1 ? (fake ? "FAKE" : "Real") : (fake ? "fake" : "REAL");
            sb.append(video(i)).append(',').append(label).append('\n');
        }
        return write("labels.csv", sb.toString());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private JsonObject readJson(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    }

    static Stream<JsonObject> caseStream() throws IOException {
        return cases().stream();
    }

    @ParameterizedTest
    @MethodSource("caseStream")
    void jsonReportEqualsScikitLearn(JsonObject c) throws IOException {
        Path out = dir.resolve("out/report.json");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        submission(c).toString(),
                        "--labels",
                        metadata(c).toString(),
                        "--clip",
                        "0.1,0.9",
                        "--clip",
                        "0.15,0.85",
                        "--json",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();

        JsonObject report = readJson(out);
        assertThat(report.keySet())
                .containsExactly(
                        "n",
                        "positives",
                        "log_loss",
                        "log_loss_clipped",
                        "accuracy",
                        "auc",
                        "average_precision",
                        "eer",
                        "far",
                        "frr",
                        "npv",
                        "precision",
                        "recall",
                        "f1",
                        "confusion",
                        "threshold");
        JsonArray y = c.getAsJsonArray("y");
        int positives = 0;
        for (JsonElement e : y) {
            positives += e.getAsInt();
        }
        assertThat(report.get("n").getAsInt()).isEqualTo(y.size());
        assertThat(report.get("positives").getAsInt()).isEqualTo(positives);
        assertClose(report, "log_loss", c, "log_loss_eps1e-15");
        JsonObject clipped = report.getAsJsonObject("log_loss_clipped");
        assertThat(clipped.keySet()).containsExactly("0.1,0.9", "0.15,0.85");
        assertThat(clipped.get("0.1,0.9").getAsDouble())
                .isCloseTo(c.get("log_loss_clip_0.1_0.9").getAsDouble(), within(TOLERANCE));
        assertThat(clipped.get("0.15,0.85").getAsDouble())
                .isCloseTo(c.get("log_loss_clip_0.15_0.85").getAsDouble(), within(TOLERANCE));
        assertClose(report, "accuracy", c, "accuracy_at_0.5");
        assertClose(report, "auc", c, "auc");
        assertClose(report, "average_precision", c, "average_precision");
        assertClose(report, "eer", c, "eer_approx");
        assertClose(report, "far", c, "FAR");
        assertClose(report, "frr", c, "FRR");
        assertClose(report, "npv", c, "NPV");

        JsonArray cm = c.getAsJsonArray("confusion_tn_fp_fn_tp");
        JsonObject confusion = report.getAsJsonObject("confusion");
        assertThat(confusion.keySet()).containsExactly("tn", "fp", "fn", "tp");
        long tn = cm.get(0).getAsLong();
        long fp = cm.get(1).getAsLong();
        long fn = cm.get(2).getAsLong();
        long tp = cm.get(3).getAsLong();
        assertThat(confusion.get("tn").getAsLong()).isEqualTo(tn);
        assertThat(confusion.get("fp").getAsLong()).isEqualTo(fp);
        assertThat(confusion.get("fn").getAsLong()).isEqualTo(fn);
        assertThat(confusion.get("tp").getAsLong()).isEqualTo(tp);
        assertThat(report.get("precision").getAsDouble())
                .isCloseTo((double) tp / (tp + fp), within(TOLERANCE));
        assertThat(report.get("recall").getAsDouble())
                .isCloseTo((double) tp / (tp + fn), within(TOLERANCE));
        assertThat(report.get("f1").getAsDouble())
                .isCloseTo(2.0 * tp / (2 * tp + fp + fn), within(TOLERANCE));
        assertThat(report.get("threshold").getAsDouble()).isEqualTo(0.5);

        assertThat(run.out()).contains("AUC").contains("log loss clipped 0.15,0.85");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    private static void assertClose(JsonObject report, String key, JsonObject c, String refKey) {
        assertThat(report.get(key).getAsDouble())
                .as(key)
                .isCloseTo(c.get(refKey).getAsDouble(), within(TOLERANCE));
    }

    @Test
    void labelCsvGivesTheSameReportAsMetadata() throws IOException {
        JsonObject c = cases().get(0);
        Path fromJson = dir.resolve("a.json");
        Path fromCsv = dir.resolve("b.json");
        Path sub = submission(c);
        assertThat(
                        CliRun.of(
                                        "evaluate",
                                        "--predictions",
                                        sub.toString(),
                                        "--labels",
                                        metadata(c).toString(),
                                        "--json",
                                        fromJson.toString())
                                .status())
                .isZero();
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        sub.toString(),
                        "--labels",
                        labelCsv(c).toString(),
                        "--json",
                        fromCsv.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(readJson(fromCsv)).isEqualTo(readJson(fromJson));
        assertThat(readJson(fromCsv).get("auc").getAsDouble())
                .isCloseTo(c.get("auc").getAsDouble(), within(TOLERANCE));
    }

    @Test
    void thresholdChangesTheConfusionMatrix() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\nb.mp4,0.6\nc.mp4,0.8\nd.mp4,0.4\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,0\nc.mp4,1\nd.mp4,1\n");
        Path out = dir.resolve("r.json");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        sub.toString(),
                        "--labels",
                        lab.toString(),
                        "--threshold",
                        "0.7",
                        "--json",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonObject confusion = readJson(out).getAsJsonObject("confusion");
        // Called fake at 0.7: only c.mp4 (0.8); d.mp4 (0.4) is a missed fake.
        assertThat(confusion.get("tn").getAsInt()).isEqualTo(2);
        assertThat(confusion.get("fp").getAsInt()).isZero();
        assertThat(confusion.get("fn").getAsInt()).isEqualTo(1);
        assertThat(confusion.get("tp").getAsInt()).isEqualTo(1);
        assertThat(readJson(out).get("threshold").getAsDouble()).isEqualTo(0.7);
        // Pairs (fake, real) ranked right: (0.8 > 0.2, 0.8 > 0.6, 0.4 > 0.2) of 4.
        assertThat(readJson(out).get("auc").getAsDouble()).isCloseTo(0.75, within(TOLERANCE));
    }

    @Test
    void plotsAreWrittenAsPngs() throws IOException {
        JsonObject c = cases().get(0);
        Path plots = dir.resolve("plots");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        submission(c).toString(),
                        "--labels",
                        metadata(c).toString(),
                        "--plots",
                        plots.toString());
        assertThat(run.status()).as(run.err()).isZero();
        for (String name : List.of("roc.png", "confusion_matrix.png", "score_histogram.png")) {
            BufferedImage image = ImageIO.read(plots.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
            assertThat(run.out()).contains(plots.resolve(name).toString());
        }
    }

    @Test
    void oneClassReportsAucAndEerAsNullWithTheReason() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\nb.mp4,0.7\n");
        Path lab = write("l.csv", "filename,label\na.mp4,REAL\nb.mp4,REAL\n");
        Path out = dir.resolve("r.json");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        sub.toString(),
                        "--labels",
                        lab.toString(),
                        "--json",
                        out.toString(),
                        "--plots",
                        dir.resolve("p").toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonObject report = readJson(out);
        assertThat(report.get("auc").isJsonNull()).isTrue();
        assertThat(report.get("eer").isJsonNull()).isTrue();
        assertThat(report.get("average_precision").isJsonNull()).isTrue();
        assertThat(report.get("frr").isJsonNull()).isTrue();
        assertThat(report.get("far").getAsDouble()).isEqualTo(0.5);
        assertThat(report.get("accuracy").getAsDouble()).isEqualTo(0.5);
        assertThat(report.get("log_loss").getAsDouble())
                .isCloseTo(-(Math.log(0.8) + Math.log(0.3)) / 2, within(TOLERANCE));
        assertThat(run.out()).contains("AUC and EER undefined: all 2 samples are real");
        assertThat(dir.resolve("p/roc.png")).doesNotExist();
        assertThat(dir.resolve("p/score_histogram.png")).exists();
    }

    @Test
    void namesOnOneSideAreAnErrorListingThem() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\nb.mp4,0.7\nx.mp4,0.9\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,1\ny.mp4,1\n");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err())
                .contains("1 prediction has no label: x.mp4")
                .contains("1 label has no prediction: y.mp4")
                .contains("--intersection");
    }

    @Test
    void intersectionScoresSharedNamesWithAWarning() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\nb.mp4,0.7\nx.mp4,0.9\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,1\ny.mp4,1\n");
        Path out = dir.resolve("r.json");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        sub.toString(),
                        "--labels",
                        lab.toString(),
                        "--intersection",
                        "--json",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(readJson(out).get("n").getAsInt()).isEqualTo(2);
        assertThat(readJson(out).get("accuracy").getAsDouble()).isEqualTo(1.0);
        assertThat(run.out())
                .contains("Warning: scored only the 2 videos named in both files")
                .contains("x.mp4")
                .contains("y.mp4");
    }

    @Test
    void probabilityOutOfRangeNamesFileAndLine() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\nb.mp4,1.5\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,1\n");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(sub + ":3:").contains("1.5").contains("b.mp4");
    }

    @Test
    void nanProbabilityNamesFileAndLine() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,NaN\nb.mp4,0.5\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,1\n");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(sub + ":2:").contains("NaN");
    }

    @Test
    void malformedLineNamesFileAndLine() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\n\nb.mp4;0.5\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\nb.mp4,1\n");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(sub + ":4:").contains("expected 2 fields");
    }

    @Test
    void emptyInputIsAnError() throws IOException {
        Path sub = write("s.csv", "filename,label\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\n");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(sub.toString()).contains("no rows");
    }

    @Test
    void badMetadataLabelNamesTheEntry() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\n");
        Path lab = write("metadata.json", "{\"a.mp4\": {\"label\": \"MAYBE\"}}");
        CliRun run =
                CliRun.of("evaluate", "--predictions", sub.toString(), "--labels", lab.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(lab.toString()).contains("a.mp4").contains("MAYBE");
    }

    @Test
    void missingFileIsAnError() {
        Path missing = dir.resolve("nope.csv");
        CliRun run =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        missing.toString(),
                        "--labels",
                        missing.toString());
        assertOneLineError(run, DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains(missing + ": no such file");
    }

    @Test
    void badOptionsAreUsageErrors() throws IOException {
        Path sub = write("s.csv", "filename,label\na.mp4,0.2\n");
        Path lab = write("l.csv", "filename,label\na.mp4,0\n");
        for (String[] extra :
                List.of(
                        new String[] {"--clip", "0.9,0.1"},
                        new String[] {"--clip", "0.1"},
                        new String[] {"--threshold", "1.5"},
                        new String[] {"--threshold", "abc"},
                        new String[] {"--no-such-option"})) {
            List<String> args =
                    new ArrayList<>(
                            List.of(
                                    "evaluate",
                                    "--predictions",
                                    sub.toString(),
                                    "--labels",
                                    lab.toString()));
            args.addAll(List.of(extra));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.status()).as(String.join(" ", extra)).isEqualTo(DfdCommand.EXIT_USAGE);
            assertThat(run.err()).startsWith("dfd: ").contains(extra[0]);
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private static void assertOneLineError(CliRun run, int status) {
        assertThat(run.status()).as(run.err()).isEqualTo(status);
        assertThat(run.err()).startsWith("dfd: ").doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
