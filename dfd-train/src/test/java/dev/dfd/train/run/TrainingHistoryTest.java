package dev.dfd.train.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingHistoryTest {
    @TempDir Path dir;

    private static ValidationRecord at(long batch, double loss, double auc) {
        return new ValidationRecord(batch, 0, 0.001, 0.6, loss, 0.5, 0.55, 0.7, auc, 12.5);
    }

    @Test
    void appendsReadableJsonLinesAndSurvivesACutLastLine() throws IOException {
        Path file = dir.resolve("history.jsonl");
        TrainingHistory h = new TrainingHistory(file);
        h.append(at(1000, 0.45, 0.81));
        h.append(at(2000, 0.40, Double.NaN));
        Files.writeString(
                file, "{\"batch\": 30", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        assertThat(Files.readAllLines(file).get(0))
                .contains("\"batch\":1000")
                .contains("\"train_loss\":0.6")
                .contains("\"val_log_loss\":0.45")
                .contains("\"val_auc\":0.81");
        assertThat(Files.readAllLines(file).get(1)).contains("\"val_auc\":null");
        assertThat(h.read()).hasSize(2);
        assertThat(h.read().get(1).valAuc()).isNaN();
        assertThat(h.read().get(0)).isEqualTo(at(1000, 0.45, 0.81));

        h.truncateAfter(1500);
        assertThat(h.read()).containsExactly(at(1000, 0.45, 0.81));
    }

    @Test
    void earlyStoppingFiresAfterPatienceValidationsWithoutImprovement() {
        EarlyStopping s = new EarlyStopping(3, 0.001);
        assertThat(s.record(1, 0.60)).isTrue();
        assertThat(s.record(2, 0.55)).isTrue();
        assertThat(s.record(3, 0.5495)).isFalse(); // within minDelta: no improvement
        assertThat(s.record(4, 0.70)).isFalse();
        assertThat(s.shouldStop()).isFalse();
        assertThat(s.record(5, Double.NaN)).isFalse();
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.best()).isEqualTo(0.55);
        assertThat(s.bestStep()).isEqualTo(2);

        EarlyStopping resumed = new EarlyStopping(3, 0.001);
        resumed.restore(0.55, 2, 2);
        assertThat(resumed.shouldStop()).isFalse();
        resumed.record(6, 0.56);
        assertThat(resumed.shouldStop()).isTrue();
    }
}
