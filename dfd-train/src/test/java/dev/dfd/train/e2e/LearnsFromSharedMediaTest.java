package dev.dfd.train.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.Network;
import dev.dfd.core.nets.Networks;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.core.testing.SharedData;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.DatasetReader;
import dev.dfd.train.data.Splits;
import dev.dfd.train.data.TrainingSet;
import dev.dfd.train.extract.CropExtractor;
import dev.dfd.train.run.PairAugmenter;
import dev.dfd.train.run.Trainer;
import dev.dfd.train.run.TrainingConfig;
import dev.dfd.train.run.TrainingHistory;
import dev.dfd.train.run.ValidationRecord;
import dev.dfd.video.FrameSources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole training path on real media: a DFDC-layout dataset made from the shared video with
 * face-swapped fakes, crops extracted with MTCNN (fakes cut at their originals' boxes), and an
 * EfficientNet-B0 trained from scratch at 64 px on CPU for a few minutes. The validation log loss
 * must end clearly below ln 2 = 0.693, the log loss of predicting the class prior of a balanced
 * set.
 */
class LearnsFromSharedMediaTest {
    @TempDir Path tmp;

    @Test
    void efficientNetB0LearnsToTellSelfBlendedFacesFromReal() throws Exception {
        Path video = SharedData.path("media/video.mp4");
        Path dataset = tmp.resolve("dfdc");
        try (FaceDetector mtcnn =
                MtcnnDetector.builder().optModelStore(SharedData.modelStore()).build()) {
            SharedMediaDataset.write(video, dataset, mtcnn, 7, 4);
        }
        keepForDocs(dataset);
        DatasetReader.Result data = DatasetReader.read(dataset);
        assertThat(data.skipped()).isEmpty();
        assertThat(data.dataset().size()).isEqualTo(30);

        CropStore store = new CropStore(tmp.resolve("crops"));
        CropPolicy policy =
                new CropPolicy(1 / 3.0, 0, false, 96, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
        CropExtractor.Summary s =
                new CropExtractor(
                                FrameSources::open,
                                () -> {
                                    try {
                                        return MtcnnDetector.builder()
                                                .optModelStore(SharedData.modelStore())
                                                .build();
                                    } catch (java.io.IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                },
                                new PolicyCropper(policy),
                                FrameSampling.all(),
                                2)
                        .run(data.dataset(), store, ProgressListener.NONE);
        assertThat(s.failed()).isEmpty();
        TrainingSet set =
                TrainingSet.from(store, store.readAll(), Splits.parse("45").isValidation(), false);
        assertThat(set.trainPairs()).hasSizeGreaterThan(100);

        TrainingConfig config =
                new TrainingConfig(
                        "tf_efficientnet_b0",
                        64,
                        8,
                        0.01,
                        0.9,
                        1e-5,
                        true,
                        "constant",
                        20,
                        0,
                        false,
                        40,
                        4,
                        8,
                        7,
                        0,
                        0,
                        2);
        Path run = tmp.resolve("run");
        Trainer.Result r;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Network net = Networks.build("tf_efficientnet_b0", Head.DFDC);
            Networks.initialize(net, manager);
            r =
                    new Trainer(config, net, manager, set, PairAugmenter.NONE, run, Map.of())
                            .run(false, ProgressListener.NONE);
        }
        List<ValidationRecord> history = new TrainingHistory(run.resolve("history.jsonl")).read();
        // Clearly below ln 2 (0.693), the log loss of always answering the class prior.
        assertThat(r.bestValLogLoss())
                .as("best validation log loss; history %s", history)
                .isLessThan(0.6);
        ValidationRecord best =
                history.stream()
                        .min(java.util.Comparator.comparingDouble(ValidationRecord::valLogLoss))
                        .orElseThrow();
        // And the best checkpoint ranks the fake videos above the real ones.
        assertThat(best.valAuc()).as("history %s", history).isGreaterThanOrEqualTo(0.9);
    }

    /**
     * Copies the dataset to the folder named by {@code -Ddfd.e2e.keep}, if given: docs/training.md
     * runs the commands on it.
     */
    private static void keepForDocs(Path dataset) throws java.io.IOException {
        String keep = System.getProperty("dfd.e2e.keep");
        if (keep == null) {
            return;
        }
        try (var files = java.nio.file.Files.walk(dataset)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = Path.of(keep).resolve(dataset.relativize(f).toString());
                if (java.nio.file.Files.isDirectory(f)) {
                    java.nio.file.Files.createDirectories(to);
                } else {
                    java.nio.file.Files.copy(
                            f, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
