package dev.dfd.train.run;

import ai.djl.ndarray.NDManager;
import dev.dfd.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The process {@link KilledRunTest} kills: trains {@link TinyTask} into a run folder, printing
 * {@code step N TOTAL} after every step and pausing a little, so that the kill lands mid-run.
 */
final class TrainingChild {
    /** The configuration of the killed run and of the uninterrupted run it is compared with. */
    static final TrainingConfig CONFIG = TinyTask.config(0.05, 6, 100, 5);

    private TrainingChild() {}

    /**
     * Trains.
     *
     * @param args the crop store written by {@link TinyTask#store}, and the run folder
     * @throws Exception whatever training throws
     */
    public static void main(String[] args) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            train(
                    manager,
                    TinyTask.net(manager),
                    Path.of(args[0]),
                    Path.of(args[1]),
                    false,
                    (done, total, message) -> {
                        System.out.println("step " + done + " " + total);
                        System.out.flush();
                        try {
                            Thread.sleep(40);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
        }
    }

    /**
     * Trains {@link #CONFIG} on a store written by {@link TinyTask#store}: the run this process
     * makes and the runs {@link KilledRunTest} compares it with, built in one place so that they
     * match.
     */
    static void train(
            NDManager manager,
            TinyNet net,
            Path crops,
            Path run,
            boolean resume,
            ProgressListener progress)
            throws IOException {
        TinyTask.trainer(CONFIG, net, manager, TinyTask.open(crops), run).run(resume, progress);
    }
}
