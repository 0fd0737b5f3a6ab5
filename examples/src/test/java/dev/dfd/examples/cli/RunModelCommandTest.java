package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.nets.Npy;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunModelCommandTest {
    @TempDir Path dir;

    static Path ref(String name) {
        return SharedData.path("reference/efficientnet/" + name);
    }

    static double maxAbsDiff(Npy.Tensor a, Npy.Tensor b) {
        assertThat(a.shape()).containsExactly(b.shape());
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }

    @Test
    void reproducesTimmOutputOfTfEfficientNetB0() throws IOException {
        Path out = dir.resolve("y.npy");
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "tf_efficientnet_b0",
                        "--head",
                        "imagenet",
                        "--weights",
                        ref("tf_efficientnet_b0.safetensors").toString(),
                        "--input",
                        ref("io/input_224.npy").toString(),
                        "--output",
                        out.toString(),
                        "--fold-bn");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("[2, 1000]");
        Npy.Tensor expected = Npy.read(ref("io/tf_efficientnet_b0.output.npy"));
        assertThat(maxAbsDiff(Npy.read(out), expected)).isLessThan(1e-4);
    }

    @Test
    void reproducesTheDfdcProbabilityLogitFromTheWinnersCheckpoint() throws IOException {
        Path out = dir.resolve("logit.npy");
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "tf_efficientnet_b0_ns",
                        "--weights",
                        ref("dfdc_b0.dfdc_legacy.pth").toString(),
                        "--input",
                        ref("io/input_224.npy").toString(),
                        "--output",
                        out.toString(),
                        "--batch-size",
                        "1");
        assertThat(run.status()).as(run.err()).isZero();
        Npy.Tensor expected = Npy.read(ref("io/dfdc_b0.output.npy"));
        assertThat(maxAbsDiff(Npy.read(out), expected)).isLessThan(1e-4);
    }

    @Test
    void checkpointOfAnotherWidthIsAOneLineErrorNamingTheMismatch() {
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "tf_efficientnet_b2",
                        "--head",
                        "imagenet",
                        "--weights",
                        ref("tf_efficientnet_b0.safetensors").toString(),
                        "--input",
                        ref("io/input_224.npy").toString(),
                        "--output",
                        dir.resolve("y.npy").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err())
                .startsWith("dfd: ")
                .contains("tf_efficientnet_b0.safetensors")
                .contains(
                        "conv_head.weight: checkpoint [1280, 320, 1, 1] vs block [1408, 352, 1, 1]");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("y.npy")).doesNotExist();
    }

    @Test
    void inputOfWrongRankIsAUsageError() throws IOException {
        Path bad = dir.resolve("bad.npy");
        Npy.write(bad, new Npy.Tensor(new long[] {3, 4, 4}, new float[48]));
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "tf_efficientnet_b0",
                        "--weights",
                        ref("tf_efficientnet_b0.safetensors").toString(),
                        "--input",
                        bad.toString(),
                        "--output",
                        dir.resolve("y.npy").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("dfd: ").contains("bad.npy").contains("[3, 4, 4]");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void unknownArchitectureIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "resnet50",
                        "--weights",
                        ref("tf_efficientnet_b0.safetensors").toString(),
                        "--input",
                        ref("io/input_224.npy").toString(),
                        "--output",
                        dir.resolve("y.npy").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("dfd: ").contains("unknown architecture 'resnet50'");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void unknownHeadIsAUsageError() {
        CliRun run =
                CliRun.of(
                        "run-model",
                        "--arch",
                        "tf_efficientnet_b0",
                        "--head",
                        "softmax",
                        "--weights",
                        "w.pth",
                        "--input",
                        "x.npy",
                        "--output",
                        "y.npy");
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).contains("unknown head 'softmax'");
    }
}
