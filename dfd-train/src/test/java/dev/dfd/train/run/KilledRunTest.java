package dev.dfd.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.djl.ndarray.NDManager;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StateDict;
import dev.dfd.core.progress.ProgressListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed with SIGKILL at an arbitrary moment past the middle of its run
 * (possibly while it writes a checkpoint or the history), then resumed, ends with the same weights
 * and the same validation history as a run that was never interrupted.
 */
class KilledRunTest {
    @TempDir Path tmp;

    @Test
    void aRunKilledWithSigkillResumesToTheSameResult() throws Exception {
        Path crops = tmp.resolve("crops");
        TinyTask.store(crops, 10);
        Path uninterrupted = tmp.resolve("a");
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingChild.train(
                    manager,
                    TinyTask.net(manager),
                    crops,
                    uninterrupted,
                    false,
                    ProgressListener.NONE);
        }

        long seed = System.nanoTime();
        long delayMillis = new SplittableRandom(seed).nextLong(60);
        Path killed = tmp.resolve("b");
        Process child =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                testClassPath(),
                                "-Dai.djl.offline=true",
                                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                                TrainingChild.class.getName(),
                                crops.toString(),
                                killed.toString())
                        .redirectErrorStream(true)
                        .start();
        String when = killPastHalfway(child, killed, delayMillis);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL " + when).isEqualTo(128 + 9);

        try (NDManager manager = NDManager.newBaseManager()) {
            // as a new process would: other initial weights, restored from the checkpoint
            TrainingChild.train(
                    manager,
                    TinyTask.otherNet(manager),
                    crops,
                    killed,
                    true,
                    ProgressListener.NONE);
        }
        StateDict expected = Checkpoints.read(uninterrupted.resolve("last.pth"));
        StateDict resumed = Checkpoints.read(killed.resolve("last.pth"));
        assertThat(resumed.keys()).containsExactlyInAnyOrderElementsOf(expected.keys());
        for (String k : expected.keys()) {
            assertThat(resumed.get(k).toFloatArray())
                    .as("%s after a kill %s", k, when)
                    .containsExactly(expected.get(k).toFloatArray());
        }
        assertThat(history(killed))
                .as("history after a kill %s", when)
                .containsExactlyElementsOf(history(uninterrupted));
    }

    /** Each validation's batch, training loss and validation log loss. */
    private static List<List<Double>> history(Path run) throws IOException {
        return new TrainingHistory(run.resolve("history.jsonl"))
                .read().stream()
                        .map(r -> List.of((double) r.batch(), r.trainLoss(), r.valLogLoss()))
                        .toList();
    }

    /**
     * Reads the child's steps; once past half of them and with a checkpoint on disk, waits {@code
     * delayMillis} and kills it. Returns where it was killed, for failure messages.
     */
    private static String killPastHalfway(Process child, Path run, long delayMillis)
            throws IOException, InterruptedException {
        List<String> output = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                String[] f = line.split(" ");
                if (f.length == 3 && f[0].equals("step")) {
                    long step = Long.parseLong(f[1]);
                    long total = Long.parseLong(f[2]);
                    if (step < total
                            && step * 2 >= total
                            && Files.exists(run.resolve("last.pth"))) {
                        Thread.sleep(delayMillis);
                        child.destroyForcibly();
                        return "at step " + step + " of " + total + " + " + delayMillis + " ms";
                    }
                }
            }
        }
        child.waitFor(10, TimeUnit.SECONDS);
        return fail("the child ended before it could be killed:\n" + String.join("\n", output));
    }

    /** The class path of this test JVM (Surefire may run it through a manifest-only jar). */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank()
                ? surefire
                : System.getProperty("java.class.path");
    }
}
