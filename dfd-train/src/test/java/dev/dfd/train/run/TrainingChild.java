package dev.dfd.train.run;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;

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
            new Trainer(
                            CONFIG,
                            TinyTask.net(manager),
                            manager,
                            TinyTask.open(Path.of(args[0])),
                            PairAugmenter.NONE,
                            Path.of(args[1]),
                            Map.of())
                    .run(
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
}
