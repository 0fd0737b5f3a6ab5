package dev.dfd.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every metric of one set of predictions against its labels, with a JSON form and a text table.
 *
 * <p>A metric that is undefined for these samples (AUC with one class, precision when nothing is
 * called fake) is empty here, {@code null} in JSON, and {@link #notes()} says why. Immutable and
 * thread-safe; holds no native memory.
 *
 * @param n the number of samples, at least 1
 * @param positives the number of fake samples
 * @param logLoss the DFDC score, log loss with probabilities clipped to [1e-15, 1 - 1e-15]
 * @param logLossClipped log loss under further clipping bounds, by the name the caller gave them
 *     (for example {@code "0.1,0.9"}), in the caller's order
 * @param accuracy the share of correct decisions at the threshold, in [0, 1]
 * @param auc the area under the ROC curve; empty with one class
 * @param averagePrecision scikit-learn's average precision; empty without fake samples
 * @param eer the equal error rate; empty with one class
 * @param far false acceptance rate FP / (FP + TN); empty without real samples
 * @param frr false rejection rate FN / (FN + TP); empty without fake samples
 * @param npv negative predictive value TN / (TN + FN); empty when nothing is called real
 * @param precision TP / (TP + FP); empty when nothing is called fake
 * @param recall TP / (TP + FN); empty without fake samples
 * @param f1 2 TP / (2 TP + FP + FN); empty when every sample is a true negative
 * @param confusion the counts at the threshold
 * @param threshold the decision threshold: a probability at least this is called fake
 * @param notes why each empty metric is undefined, one sentence each
 */
public record EvaluationReport(
        int n,
        int positives,
        double logLoss,
        Map<String, Double> logLossClipped,
        double accuracy,
        OptionalDouble auc,
        OptionalDouble averagePrecision,
        OptionalDouble eer,
        OptionalDouble far,
        OptionalDouble frr,
        OptionalDouble npv,
        OptionalDouble precision,
        OptionalDouble recall,
        OptionalDouble f1,
        ConfusionMatrix confusion,
        double threshold,
        List<String> notes) {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationReport.class);

    /** The decision threshold of DFDC work: a probability of at least 0.5 is called fake. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    /** Copies the map and the list so that the report stays immutable. */
    public EvaluationReport {
        logLossClipped = Collections.unmodifiableMap(new LinkedHashMap<>(logLossClipped));
        notes = List.copyOf(notes);
        Objects.requireNonNull(confusion, "confusion");
    }

    /**
     * Computes every metric.
     *
     * @param scores labels and probabilities
     * @param threshold the decision threshold, in [0, 1]
     * @param clipping further clipping bounds for the log loss, by name (the name is the JSON key),
     *     in the order they are to be reported; may be empty
     * @return the report
     * @throws IllegalArgumentException when the threshold is NaN or outside [0, 1]
     */
    public static EvaluationReport compute(
            LabeledScores scores, double threshold, Map<String, ClipBounds> clipping) {
        ConfusionMatrix cm = ConfusionMatrix.at(scores, threshold);
        Map<String, Double> clipped = new LinkedHashMap<>();
        clipping.forEach((name, bounds) -> clipped.put(name, LogLoss.clipped(scores, bounds)));

        List<String> notes = new ArrayList<>();
        OptionalDouble auc = OptionalDouble.empty();
        OptionalDouble eer = OptionalDouble.empty();
        if (scores.hasBothClasses()) {
            RocCurve roc = RocCurve.of(scores);
            auc = OptionalDouble.of(roc.auc());
            eer = OptionalDouble.of(roc.equalErrorRate());
        } else {
            String only = scores.positives() == 0 ? "real" : "fake";
            notes.add(
                    "AUC and EER undefined: all "
                            + scores.size()
                            + " samples are "
                            + only
                            + ", and the ROC curve needs both classes.");
            LOG.warn(
                    "AUC and EER are undefined: all {} samples are {}; the ROC curve needs both"
                            + " classes",
                    scores.size(),
                    only);
        }
        OptionalDouble ap =
                scores.positives() > 0
                        ? OptionalDouble.of(AveragePrecision.of(scores))
                        : OptionalDouble.empty();
        if (ap.isEmpty()) {
            notes.add("Average precision undefined: there is no fake sample.");
        }
        noteIfEmpty(notes, cm.falseAcceptanceRate(), "FAR", "there is no real sample");
        noteIfEmpty(notes, cm.falseRejectionRate(), "FRR and recall", "there is no fake sample");
        noteIfEmpty(
                notes,
                cm.negativePredictiveValue(),
                "NPV",
                "no sample is called real at this threshold");
        noteIfEmpty(
                notes, cm.precision(), "Precision", "no sample is called fake at this threshold");
        noteIfEmpty(notes, cm.f1(), "F1", "every sample is a real video called real");

        return new EvaluationReport(
                scores.size(),
                scores.positives(),
                LogLoss.dfdc(scores),
                clipped,
                cm.accuracy().orElseThrow(),
                auc,
                ap,
                eer,
                cm.falseAcceptanceRate(),
                cm.falseRejectionRate(),
                cm.negativePredictiveValue(),
                cm.precision(),
                cm.recall(),
                cm.f1(),
                cm,
                threshold,
                notes);
    }

    private static void noteIfEmpty(
            List<String> notes, OptionalDouble value, String metric, String reason) {
        if (value.isEmpty()) {
            notes.add(metric + " undefined: " + reason + ".");
        }
    }

    /**
     * The report as pretty-printed JSON with exactly the keys {@code n, positives, log_loss,
     * log_loss_clipped, accuracy, auc, average_precision, eer, far, frr, npv, precision, recall,
     * f1, confusion, threshold}; undefined metrics are {@code null}. Numbers keep full double
     * precision.
     *
     * @return the JSON text
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("n", n);
        root.addProperty("positives", positives);
        root.addProperty("log_loss", logLoss);
        JsonObject clipped = new JsonObject();
        logLossClipped.forEach(clipped::addProperty);
        root.add("log_loss_clipped", clipped);
        root.addProperty("accuracy", accuracy);
        addOptional(root, "auc", auc);
        addOptional(root, "average_precision", averagePrecision);
        addOptional(root, "eer", eer);
        addOptional(root, "far", far);
        addOptional(root, "frr", frr);
        addOptional(root, "npv", npv);
        addOptional(root, "precision", precision);
        addOptional(root, "recall", recall);
        addOptional(root, "f1", f1);
        JsonObject cm = new JsonObject();
        cm.addProperty("tn", confusion.tn());
        cm.addProperty("fp", confusion.fp());
        cm.addProperty("fn", confusion.fn());
        cm.addProperty("tp", confusion.tp());
        root.add("confusion", cm);
        root.addProperty("threshold", threshold);
        return new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(root) + "\n";
    }

    private static void addOptional(JsonObject json, String key, OptionalDouble value) {
        if (value.isPresent()) {
            json.addProperty(key, value.getAsDouble());
        } else {
            json.add(key, JsonNull.INSTANCE);
        }
    }

    /**
     * Writes {@link #toJson()} to a file atomically: to a temporary file in the same folder, then
     * renamed over the target, so that a reader never sees half a report.
     *
     * @param file the JSON file to create or replace; its folder is created if missing
     * @throws IOException when the folder or file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(toJson());
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The report as a text table for a terminal: one metric a line with six decimals, the confusion
     * matrix, and the notes on undefined metrics.
     *
     * @return the table, lines ending in {@code \n}
     */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%d videos: %d fake, %d real; threshold %s (p >= threshold is fake)\n",
                        n,
                        positives,
                        n - positives,
                        trim(threshold)));
        sb.append(String.format(Locale.ROOT, "%-32s %s\n", "metric", "value"));
        row(sb, "log loss (DFDC, eps 1e-15)", OptionalDouble.of(logLoss));
        logLossClipped.forEach(
                (name, value) -> row(sb, "log loss clipped " + name, OptionalDouble.of(value)));
        row(sb, "accuracy", OptionalDouble.of(accuracy));
        row(sb, "AUC", auc);
        row(sb, "average precision", averagePrecision);
        row(sb, "EER", eer);
        row(sb, "FAR  FP/(FP+TN)", far);
        row(sb, "FRR  FN/(FN+TP)", frr);
        row(sb, "NPV  TN/(TN+FN)", npv);
        row(sb, "precision", precision);
        row(sb, "recall", recall);
        row(sb, "F1", f1);
        sb.append(String.format(Locale.ROOT, "\nconfusion matrix\n"));
        int width =
                Math.max(
                        9,
                        String.valueOf(
                                        Math.max(
                                                Math.max(confusion.tn(), confusion.fp()),
                                                Math.max(confusion.fn(), confusion.tp())))
                                .length());
        String cell = "%" + (width + 2) + "s";
        sb.append(String.format(Locale.ROOT, "%-12s" + cell + cell + "\n", "", "called", "called"));
        sb.append(String.format(Locale.ROOT, "%-12s" + cell + cell + "\n", "", "real", "fake"));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-12s" + cell + cell + "\n",
                        "real videos",
                        confusion.tn(),
                        confusion.fp()));
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%-12s" + cell + cell + "\n",
                        "fake videos",
                        confusion.fn(),
                        confusion.tp()));
        if (!notes.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "\nnotes\n"));
            notes.forEach(note -> sb.append("  ").append(note).append("\n"));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, OptionalDouble value) {
        String text =
                value.isPresent()
                        ? String.format(Locale.ROOT, "%.6f", value.getAsDouble())
                        : "n/a (see notes)";
        sb.append(String.format(Locale.ROOT, "%-32s %s\n", name, text));
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
