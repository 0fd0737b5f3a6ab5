package dev.dfd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric against scikit-learn 1.2 on every case of {@code reference/metrics/metrics.json}.
 */
class MetricsReferenceTest {
    private static final double TOLERANCE = 1e-9;

    /** How each key of the reference file is computed here. */
    private static final Map<String, ToDoubleFunction<LabeledScores>> METRICS =
            Map.ofEntries(
                    Map.entry("log_loss_eps1e-15", LogLoss::dfdc),
                    Map.entry(
                            "log_loss_clip_0.1_0.9",
                            s -> LogLoss.clipped(s, new ClipBounds(0.1, 0.9))),
                    Map.entry(
                            "log_loss_clip_0.15_0.85",
                            s -> LogLoss.clipped(s, new ClipBounds(0.15, 0.85))),
                    Map.entry("auc", s -> RocCurve.of(s).auc()),
                    Map.entry("average_precision", AveragePrecision::of),
                    Map.entry(
                            "accuracy_at_0.5",
                            s -> ConfusionMatrix.at(s, 0.5).accuracy().orElseThrow()),
                    Map.entry(
                            "FAR",
                            s -> ConfusionMatrix.at(s, 0.5).falseAcceptanceRate().orElseThrow()),
                    Map.entry(
                            "FRR",
                            s -> ConfusionMatrix.at(s, 0.5).falseRejectionRate().orElseThrow()),
                    Map.entry(
                            "NPV",
                            s ->
                                    ConfusionMatrix.at(s, 0.5)
                                            .negativePredictiveValue()
                                            .orElseThrow()),
                    Map.entry("eer_approx", s -> RocCurve.of(s).equalErrorRate()));

    private static final String CONFUSION = "confusion_tn_fp_fn_tp";

    static List<JsonObject> cases() throws IOException {
        try (Reader in =
                Files.newBufferedReader(
                        SharedData.path("reference/metrics/metrics.json"),
                        StandardCharsets.UTF_8)) {
            JsonArray array = JsonParser.parseReader(in).getAsJsonObject().getAsJsonArray("cases");
            List<JsonObject> out = new ArrayList<>();
            array.forEach(e -> out.add(e.getAsJsonObject()));
            return out;
        }
    }

    static LabeledScores scoresOf(JsonObject c) {
        JsonArray y = c.getAsJsonArray("y");
        JsonArray p = c.getAsJsonArray("p");
        int[] labels = new int[y.size()];
        double[] scores = new double[p.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = y.get(i).getAsInt();
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = p.get(i).getAsDouble();
        }
        return LabeledScores.of(labels, scores);
    }

    static Stream<Arguments> caseMetrics() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (JsonObject c : cases()) {
            for (Map.Entry<String, JsonElement> e : c.entrySet()) {
                String key = e.getKey();
                if (!key.equals("name") && !key.equals("y") && !key.equals("p")) {
                    out.add(Arguments.of(c.get("name").getAsString(), key, c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("caseMetrics")
    void equalsScikitLearn(String name, String metric, JsonObject c) {
        LabeledScores scores = scoresOf(c);
        if (metric.equals(CONFUSION)) {
            JsonArray expected = c.getAsJsonArray(CONFUSION);
            assertThat(ConfusionMatrix.at(scores, 0.5))
                    .isEqualTo(
                            new ConfusionMatrix(
                                    expected.get(0).getAsLong(),
                                    expected.get(1).getAsLong(),
                                    expected.get(2).getAsLong(),
                                    expected.get(3).getAsLong()));
            return;
        }
        assertThat(METRICS).as("a computation for reference key %s", metric).containsKey(metric);
        double expected = c.get(metric).getAsDouble();
        assertThat(METRICS.get(metric).applyAsDouble(scores))
                .as("%s of case %s", metric, name)
                .isCloseTo(expected, within(TOLERANCE));
    }

    @Test
    void everyReferenceKeyIsCovered() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (JsonObject c : cases()) {
            keys.addAll(c.keySet());
        }
        keys.removeAll(Set.of("name", "y", "p", CONFUSION));
        assertThat(METRICS.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportAgreesWithTheReference(JsonObject c) {
        LabeledScores scores = scoresOf(c);
        EvaluationReport report =
                EvaluationReport.compute(
                        scores,
                        EvaluationReport.DEFAULT_THRESHOLD,
                        Map.of("0.1,0.9", new ClipBounds(0.1, 0.9)));
        assertThat(report.logLoss())
                .isCloseTo(c.get("log_loss_eps1e-15").getAsDouble(), within(TOLERANCE));
        assertThat(report.logLossClipped().get("0.1,0.9"))
                .isCloseTo(c.get("log_loss_clip_0.1_0.9").getAsDouble(), within(TOLERANCE));
        assertThat(report.auc().orElseThrow())
                .isCloseTo(c.get("auc").getAsDouble(), within(TOLERANCE));
        assertThat(report.eer().orElseThrow())
                .isCloseTo(c.get("eer_approx").getAsDouble(), within(TOLERANCE));
        assertThat(report.averagePrecision().orElseThrow())
                .isCloseTo(c.get("average_precision").getAsDouble(), within(TOLERANCE));
        assertThat(report.far().orElseThrow())
                .isCloseTo(c.get("FAR").getAsDouble(), within(TOLERANCE));
        ConfusionMatrix cm = report.confusion();
        double precision = (double) cm.tp() / (cm.tp() + cm.fp());
        double recall = (double) cm.tp() / (cm.tp() + cm.fn());
        assertThat(report.precision().orElseThrow()).isCloseTo(precision, within(TOLERANCE));
        assertThat(report.recall().orElseThrow())
                .isCloseTo(1 - c.get("FRR").getAsDouble(), within(TOLERANCE));
        assertThat(report.f1().orElseThrow())
                .isCloseTo(2 * precision * recall / (precision + recall), within(TOLERANCE));
        assertThat(report.notes()).isEmpty();
    }
}
