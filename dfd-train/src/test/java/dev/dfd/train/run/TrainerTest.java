package dev.dfd.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.dfd.core.checkpoint.Checkpoint;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StateDict;
import dev.dfd.core.checkpoint.StrictLoader;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.train.data.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer on a task a tiny network can learn in seconds: a fake is its original with a bright
 * square pasted into the middle.
 */
class TrainerTest {
    @TempDir Path tmp;

    @Test
    void learnsPairedDifferencesAndKeepsTheBestCheckpoint() throws IOException {
        TrainingSet data = TinyTask.data(tmp.resolve("crops"), 20);
        assertThat(data.trainPairs()).hasSize(64);
        assertThat(data.validation()).hasSize(32);
        Path run = tmp.resolve("run");
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyNet model = TinyTask.net(manager);
            Trainer.Result r =
                    new Trainer(
                                    TinyTask.config(0.05, 16, 100, 8),
                                    model,
                                    manager,
                                    data,
                                    PairAugmenter.NONE,
                                    run,
                                    Map.of("data", "synthetic"))
                            .run(false, ProgressListener.NONE);

            // 64 pairs / 4 per batch = 16 batches per epoch, 8 epochs
            assertThat(r.steps()).isEqualTo(128);
            assertThat(r.bestValLogLoss()).isLessThan(0.35); // the prior's log loss is ln 2 = 0.693
            List<ValidationRecord> h = new TrainingHistory(run.resolve("history.jsonl")).read();
            assertThat(h).hasSize(8);
            assertThat(h.get(0).valLogLoss()).isGreaterThan(r.bestValLogLoss());
            assertThat(run.resolve("loss.png")).isNotEmptyFile();

            Checkpoint best = Checkpoints.readFull(run.resolve("best.pth"));
            assertThat(best.metadata())
                    .containsEntry("arch", "tiny")
                    .containsEntry("data", "synthetic");
            assertThat(((Number) best.metadata().get("step")).longValue()).isEqualTo(r.bestStep());
            try (NDManager other = NDManager.newBaseManager()) {
                TinyNet fresh = TinyTask.net(other);
                StrictLoader.load(fresh, best.stateDict());
            }
        }
    }

    @Test
    void stopsEarlyOnAPlateau() throws IOException {
        TrainingSet data = TinyTask.data(tmp.resolve("crops"), 10);
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer.Result r =
                    TinyTask.trainer(
                                    TinyTask.config(0, 4, 3, 50),
                                    TinyTask.net(manager),
                                    manager,
                                    data,
                                    tmp.resolve("flat"))
                            .run(false, ProgressListener.NONE);
            assertThat(r.stoppedEarly()).isTrue();
            // first validation is the best; three more without improvement
            assertThat(r.steps()).isEqualTo(16);
            assertThat(r.bestStep()).isEqualTo(4);
        }
    }

    @Test
    void aKilledRunResumesToTheSameResult() throws IOException {
        TrainingSet data = TinyTask.data(tmp.resolve("crops"), 10);
        TrainingConfig cfg = TinyTask.config(0.05, 6, 100, 5);
        StateDict uninterrupted;
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyTask.trainer(cfg, TinyTask.net(manager), manager, data, tmp.resolve("a"))
                    .run(false, ProgressListener.NONE);
            uninterrupted = Checkpoints.read(tmp.resolve("a/last.pth"));
        }
        Path b = tmp.resolve("b");
        try (NDManager manager = NDManager.newBaseManager()) {
            ProgressListener crash =
                    (done, total, msg) -> {
                        if (done == 15) {
                            throw new IllegalStateException("simulated crash");
                        }
                    };
            Trainer t = TinyTask.trainer(cfg, TinyTask.net(manager), manager, data, b);
            assertThatThrownBy(() -> t.run(false, crash)).hasMessageContaining("simulated crash");
        }
        assertThat(
                        ((Number)
                                        Checkpoints.readFull(b.resolve("last.pth"))
                                                .metadata()
                                                .get("step"))
                                .longValue())
                .isEqualTo(12);
        try (NDManager manager = NDManager.newBaseManager()) {
            // a fresh process: new, differently initialised weights, restored from the checkpoint
            TinyNet fresh = TinyTask.otherNet(manager);
            TinyTask.trainer(cfg, fresh, manager, data, b).run(true, ProgressListener.NONE);
        }
        StateDict resumed = Checkpoints.read(b.resolve("last.pth"));
        for (String k : uninterrupted.keys()) {
            assertThat(resumed.get(k).toFloatArray())
                    .as(k)
                    .containsExactly(uninterrupted.get(k).toFloatArray());
        }
        assertThat(new TrainingHistory(b.resolve("history.jsonl")).read())
                .extracting(ValidationRecord::valLogLoss)
                .containsExactlyElementsOf(
                        new TrainingHistory(tmp.resolve("a/history.jsonl"))
                                .read().stream().map(ValidationRecord::valLogLoss).toList());
    }

    @Test
    void refusesToOverwriteARun() throws IOException {
        TrainingSet data = TinyTask.data(tmp.resolve("crops"), 10);
        Path run = tmp.resolve("once");
        try (NDManager manager = NDManager.newBaseManager()) {
            TinyTask.trainer(
                            TinyTask.config(0.01, 4, 100, 1),
                            TinyTask.net(manager),
                            manager,
                            data,
                            run)
                    .run(false, ProgressListener.NONE);
            Trainer again =
                    TinyTask.trainer(
                            TinyTask.config(0.01, 4, 100, 1),
                            TinyTask.net(manager),
                            manager,
                            data,
                            run);
            assertThatThrownBy(() -> again.run(false, ProgressListener.NONE))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("already holds a run");
        }
    }
}
