package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The researcher's path through the commands: {@code dfd extract} on a DFDC-layout folder, {@code
 * dfd train} on its crops, {@code dfd detect} with the trained checkpoint and {@code dfd evaluate}
 * on the submission. The "fakes" here are copies of the real video, so nothing can be learnt; the
 * test is about the files and formats handed from one command to the next (learning is proved in
 * dfd-train's LearnsFromSharedMediaTest).
 */
class TrainingCommandsTest {
    @TempDir Path tmp;

    private Path dfdcLayout() throws Exception {
        Path video = SharedData.path("media/video.mp4");
        Path root = tmp.resolve("dfdc");
        for (String part : List.of("dfdc_train_part_0", "dfdc_train_part_45")) {
            Path dir = Files.createDirectories(root.resolve(part));
            Files.copy(video, dir.resolve("real.mp4"));
            Files.copy(video, dir.resolve("fake.mp4"));
            Files.writeString(
                    dir.resolve("metadata.json"),
                    "{\"real.mp4\": {\"label\": \"REAL\", \"split\": \"train\"},"
                            + " \"fake.mp4\": {\"label\": \"FAKE\", \"split\": \"train\","
                            + " \"original\": \"real.mp4\"},"
                            + " \"orphan.mp4\": {\"label\": \"FAKE\", \"split\": \"train\","
                            + " \"original\": \"missing.mp4\"}}");
        }
        return root;
    }

    @Test
    void extractTrainDetectEvaluate() throws Exception {
        Path dataset = dfdcLayout();
        Path crops = tmp.resolve("crops");
        CliRun extract =
                CliRun.of(
                        "extract",
                        dataset.toString(),
                        "--out",
                        crops.toString(),
                        "--frames",
                        "2",
                        "--size",
                        "48",
                        "--threads",
                        "2");
        assertThat(extract.status()).as(extract.err()).isZero();
        // The fake whose original is missing is reported and left out.
        assertThat(extract.err()).contains("orphan.mp4");
        // Run again: every video is already done and skipped.
        CliRun again =
                CliRun.of(
                        "extract",
                        dataset.toString(),
                        "--out",
                        crops.toString(),
                        "--frames",
                        "2",
                        "--size",
                        "48");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out() + again.err()).containsIgnoringCase("skipped");

        Path run = tmp.resolve("run");
        CliRun train =
                CliRun.of(
                        "train",
                        "--crops",
                        crops.toString(),
                        "--out",
                        run.toString(),
                        "--arch",
                        "tf_efficientnet_b0",
                        "--input-size",
                        "32",
                        "--batch-size",
                        "4",
                        "--val-parts",
                        "45",
                        "--validate-every",
                        "2",
                        "--max-epochs",
                        "1",
                        "--augment",
                        "none",
                        "--seed",
                        "3");
        assertThat(train.status()).as(train.err()).isZero();
        List<String> history = Files.readAllLines(run.resolve("history.jsonl"));
        assertThat(history).isNotEmpty();
        JsonObject first = JsonParser.parseString(history.get(0)).getAsJsonObject();
        for (String key : List.of("batch", "train_loss", "val_log_loss", "val_auc")) {
            assertThat(first.has(key)).as(key + " in " + first).isTrue();
        }
        assertThat(run.resolve("best.pth")).isRegularFile();
        assertThat(run.resolve("last.pth")).isRegularFile();
        assertThat(Files.list(run).filter(p -> p.toString().endsWith(".png")).count()).isPositive();

        // A second train into the same folder without --resume must not overwrite it.
        CliRun clash = CliRun.of("train", "--crops", crops.toString(), "--out", run.toString());
        assertThat(clash.status()).isNotZero();
        assertThat(clash.err()).contains("already holds a run");

        Path submission = tmp.resolve("submission.csv");
        CliRun detect =
                CliRun.of(
                        "detect",
                        dataset.resolve("dfdc_train_part_45").toString(),
                        "--model",
                        "tf_efficientnet_b0:" + run.resolve("best.pth"),
                        "--size",
                        "32",
                        "--frames",
                        "2",
                        "--submission",
                        submission.toString());
        assertThat(detect.status()).as(detect.err()).isZero();
        List<String> rows = Files.readAllLines(submission);
        assertThat(rows).hasSize(3);
        // Both files are the same video: the same frames give the same score.
        assertThat(rows.get(1).split(",")[1]).isEqualTo(rows.get(2).split(",")[1]);

        Path report = tmp.resolve("report.json");
        CliRun evaluate =
                CliRun.of(
                        "evaluate",
                        "--predictions",
                        submission.toString(),
                        "--labels",
                        dataset.resolve("dfdc_train_part_45/metadata.json").toString(),
                        "--intersection",
                        "--json",
                        report.toString());
        assertThat(evaluate.status()).as(evaluate.err()).isZero();
        JsonObject r = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertThat(r.get("n").getAsInt()).isEqualTo(2);
        assertThat(r.get("positives").getAsInt()).isEqualTo(1);
        // Equal scores for the fake and its real: AUC is exactly one half (a tie).
        assertThat(r.get("auc").getAsDouble()).isEqualTo(0.5);
    }

    @Test
    void trainWithoutCropsIsAOneLineError() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--crops",
                        tmp.resolve("nothing").toString(),
                        "--out",
                        tmp.resolve("run").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("nothing");
    }
}
