package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dfd detect} end to end on the shared video with the DFDC-layout B0 fixture checkpoint
 * (random weights: the score is not a verdict on the video, but every stage runs for real).
 */
class DetectCommandTest {
    @TempDir Path tmp;

    private static String fixtureModel() {
        return "tf_efficientnet_b0:" + SharedData.path("reference/efficientnet/dfdc_b0.dfdc.pth");
    }

    @Test
    void withoutAModelItSaysThatNoWeightsAreConfigured() {
        CliRun run = CliRun.of("detect", SharedData.path("media/video.mp4").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("no trained weights configured").contains("--model");
    }

    @Test
    void scoresTheSharedVideoAndSkipsABrokenOneInTheSameBatch() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.mp4"), "not a video at all\n");
        Path json = tmp.resolve("verdicts.json");
        Path csv = tmp.resolve("submission.csv");
        Path video = SharedData.path("media/video.mp4");
        CliRun run =
                CliRun.of(
                        "detect",
                        video.toString(),
                        broken.toString(),
                        "--model",
                        fixtureModel(),
                        "--frames",
                        "4",
                        "--size",
                        "224",
                        "--json",
                        json.toString(),
                        "--submission",
                        csv.toString());

        // The broken file is reported on stderr with its name; the batch still completes.
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).contains("broken.mp4").contains("skipped");
        assertThat(run.out()).contains("video.mp4").doesNotContain("broken.mp4");

        JsonArray verdicts = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        assertThat(verdicts).hasSize(2);
        JsonObject good = verdicts.get(0).getAsJsonObject();
        double p = good.get("probability").getAsDouble();
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(good.get("face_found").getAsBoolean()).isTrue();
        // The shared video shows several people: one track each, every crop scored.
        JsonArray tracks = good.getAsJsonArray("tracks");
        assertThat(tracks.size()).isGreaterThan(1);
        JsonArray frames = good.getAsJsonArray("frames");
        assertThat(frames).hasSize(4);
        for (var f : frames) {
            for (var face : f.getAsJsonObject().getAsJsonArray("faces")) {
                double fp = face.getAsJsonObject().get("probability").getAsDouble();
                assertThat(fp).isBetween(0.0, 1.0);
                assertThat(face.getAsJsonObject().getAsJsonArray("box")).hasSize(4);
            }
        }
        // The video's score is its most suspicious person's (max over the tracks that count).
        double maxTrack = 0;
        int counted = 0;
        for (var t : tracks) {
            if (t.getAsJsonObject().get("counted").getAsBoolean()) {
                counted++;
                maxTrack = Math.max(maxTrack, t.getAsJsonObject().get("probability").getAsDouble());
            }
        }
        assertThat(counted).isPositive();
        assertThat(p).isCloseTo(maxTrack, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(good.getAsJsonObject("stage_millis").has("total")).isTrue();
        JsonObject bad = verdicts.get(1).getAsJsonObject();
        assertThat(bad.get("probability").isJsonNull()).isTrue();
        assertThat(bad.get("error").getAsString()).isNotBlank();

        // The submission has every video: the broken one at the no-face prior.
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("filename,label");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("video.mp4,");
        assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isCloseTo(p, within(1e-6));
        assertThat(lines.get(2)).isEqualTo("broken.mp4,0.500000");
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsAOneLineErrorNamingTheTensors() {
        CliRun run =
                CliRun.of(
                        "detect",
                        SharedData.path("media/video.mp4").toString(),
                        "--model",
                        "tf_efficientnet_b1:"
                                + SharedData.path("reference/efficientnet/dfdc_b0.dfdc.pth"),
                        "--frames",
                        "1");
        assertThat(run.status()).isNotZero();
        assertThat(run.err().strip().lines().count()).isEqualTo(1);
        assertThat(run.err()).contains("dfdc_b0.dfdc.pth").doesNotContain("Exception");
    }

    @Test
    void aMissingCheckpointIsNamed() {
        CliRun run =
                CliRun.of(
                        "detect",
                        SharedData.path("media/video.mp4").toString(),
                        "--model",
                        "tf_efficientnet_b0:" + tmp.resolve("nope.pth"));
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("nope.pth").contains("not found");
    }

    @Test
    void aMinimumTrackShareOutsideZeroToOneIsAOneLineUsageError() {
        CliRun run =
                CliRun.of(
                        "detect",
                        SharedData.path("media/video.mp4").toString(),
                        "--model",
                        fixtureModel(),
                        "--min-track-share",
                        "1.5");
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err())
                .contains("--min-track-share must be in [0, 1], got 1.5")
                .doesNotContain("Exception");
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
