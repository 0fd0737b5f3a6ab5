package dev.dfd.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases the scikit-learn reference file does not cover, checked against hand-computed values. */
class MetricsEdgeCaseTest {
    @Test
    void confidentWrongAnswerCostsTheDfdcBoundNotInfinity() {
        LabeledScores s = LabeledScores.of(new int[] {1, 0}, new double[] {0.0, 1.0});
        // The upper bound 1 - 1e-15 rounds in binary, so the real's cost is -log(9.992e-16).
        double fakeCost = -Math.log(1e-15);
        double realCost = -Math.log(1 - (1 - 1e-15));
        assertThat(realCost).isCloseTo(34.5396, within(1e-4));
        assertThat(LogLoss.dfdc(s)).isCloseTo((fakeCost + realCost) / 2, within(1e-12));
        assertThat(LogLoss.clipped(s, new ClipBounds(0.1, 0.9)))
                .isCloseTo(-Math.log(0.1), within(1e-12));
    }

    @Test
    void allTiedScoresGiveChanceAuc() {
        LabeledScores s =
                LabeledScores.of(new int[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3});
        RocCurve roc = RocCurve.of(s);
        assertThat(roc.auc()).isEqualTo(0.5);
        assertThat(roc.falsePositiveRates()).containsExactly(0, 1);
        assertThat(roc.truePositiveRates()).containsExactly(0, 1);
        assertThat(AveragePrecision.of(s)).isEqualTo(0.5);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // One fake and one real at zero, tied whatever the sign: AUC 0.5, not 0 or 1.
        LabeledScores s = LabeledScores.of(new int[] {1, 0}, new double[] {-0.0, 0.0});
        assertThat(RocCurve.of(s).auc()).isEqualTo(0.5);
    }

    @Test
    void perfectSeparation() {
        LabeledScores s =
                LabeledScores.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.6, 0.9});
        RocCurve roc = RocCurve.of(s);
        assertThat(roc.auc()).isEqualTo(1.0);
        assertThat(roc.equalErrorRate()).isEqualTo(0.0);
        assertThat(AveragePrecision.of(s)).isEqualTo(1.0);
        assertThat(roc.thresholds()[0]).isInfinite();
    }

    @Test
    void oneClassLeavesRankingMetricsUndefined() {
        LabeledScores fakes = LabeledScores.of(new int[] {1, 1}, new double[] {0.2, 0.9});
        assertThatThrownBy(() -> RocCurve.of(fakes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all 2 samples are fake");
        assertThat(AveragePrecision.of(fakes)).isEqualTo(1.0);
        EvaluationReport r = EvaluationReport.compute(fakes, 0.5, Map.of());
        assertThat(r.auc()).isEmpty();
        assertThat(r.eer()).isEmpty();
        assertThat(r.far()).isEmpty();
        assertThat(r.frr().getAsDouble()).isEqualTo(0.5);
        assertThat(r.npv().getAsDouble()).isEqualTo(0.0);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("AUC and EER undefined"));
        assertThat(r.toTable()).contains("AUC and EER undefined").contains("n/a");

        LabeledScores reals = LabeledScores.of(new int[] {0, 0}, new double[] {0.2, 0.3});
        EvaluationReport q = EvaluationReport.compute(reals, 0.5, Map.of());
        assertThat(q.averagePrecision()).isEmpty();
        assertThat(q.precision()).isEmpty();
        assertThat(q.f1()).isEmpty();
        JsonObject json = JsonParser.parseString(q.toJson()).getAsJsonObject();
        assertThat(json.get("auc").isJsonNull()).isTrue();
        assertThat(json.get("f1").isJsonNull()).isTrue();
        assertThat(json.get("accuracy").getAsDouble()).isEqualTo(1.0);
    }

    @Test
    void thresholdIsInclusive() {
        LabeledScores s = LabeledScores.of(new int[] {1, 0}, new double[] {0.5, 0.4999});
        assertThat(ConfusionMatrix.at(s, 0.5)).isEqualTo(new ConfusionMatrix(1, 0, 0, 1));
        assertThatThrownBy(() -> ConfusionMatrix.at(s, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badSamplesAreRejectedWithTheirIndex() {
        assertThatThrownBy(() -> LabeledScores.of(new int[] {0, 1}, new double[] {0.1, Double.NaN}))
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> LabeledScores.of(new int[] {0, 2}, new double[] {0.1, 0.2}))
                .hasMessageContaining("label 2 at index 1");
        assertThatThrownBy(() -> LabeledScores.of(new int[0], new double[0]))
                .hasMessageContaining("no samples");
        assertThatThrownBy(() -> LabeledScores.of(new int[] {0}, new double[] {0.1, 0.2}))
                .hasMessageContaining("1 labels but 2 scores");
    }

    @Test
    void clipBoundsParseAndCheck() {
        assertThat(ClipBounds.parse(" 0.1 , 0.9")).isEqualTo(new ClipBounds(0.1, 0.9));
        assertThatThrownBy(() -> ClipBounds.parse("0.9,0.1"))
                .hasMessageContaining("0 < low < high < 1");
        assertThatThrownBy(() -> ClipBounds.parse("0,1")).hasMessageContaining("0 < low");
        assertThatThrownBy(() -> ClipBounds.parse("a,b")).hasMessageContaining("two numbers");
        assertThatThrownBy(() -> ClipBounds.parse("0.1")).hasMessageContaining("LOW,HIGH");
    }

    @Test
    void jsonIsWrittenAtomicallyWithTheKeysInOrder(@TempDir Path dir) throws IOException {
        LabeledScores s =
                LabeledScores.of(new int[] {0, 1, 1, 0}, new double[] {0.2, 0.8, 0.4, 0.6});
        Map<String, ClipBounds> clips = new LinkedHashMap<>();
        clips.put("0.15,0.85", new ClipBounds(0.15, 0.85));
        clips.put("0.1,0.9", new ClipBounds(0.1, 0.9));
        EvaluationReport r = EvaluationReport.compute(s, 0.5, clips);
        Path file = dir.resolve("sub/report.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "old");
        r.writeJson(file);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(json.getAsJsonObject("log_loss_clipped").keySet())
                .containsExactly("0.15,0.85", "0.1,0.9");
        // Ranked pairs: 0.8 beats both reals, 0.4 beats 0.2 only: 3 of 4.
        assertThat(json.get("auc").getAsDouble()).isEqualTo(0.75);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }
}
