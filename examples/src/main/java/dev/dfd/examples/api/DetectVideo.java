package dev.dfd.examples.api;

import ai.djl.engine.Engine;
import dev.dfd.core.classify.NetworkClassifier;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.model.ModelStore;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.NetworkRunner;
import dev.dfd.core.pipeline.DeepfakeDetector;
import dev.dfd.core.pipeline.VideoVerdict;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.face.crop.PolicyCropper;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.face.mtcnn.MtcnnOptions;
import dev.dfd.face.track.IouFaceTracker;
import dev.dfd.video.FrameSources;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The library used directly, without the command line: one video in, a verdict out.
 *
 * <pre>
 * java -cp examples/target/dfd.jar dev.dfd.examples.api.DetectVideo VIDEO ARCH CHECKPOINT [SIZE]
 * </pre>
 *
 * <p>for example {@code DetectVideo video.mp4 tf_efficientnet_b7_ns final_999.pth 380}. MTCNN's
 * weights come from the model store ({@code DFD_MODEL_DIR}, else the user cache, else a download).
 */
public final class DetectVideo {
    private DetectVideo() {}

    /**
     * Scores one video and prints its verdict.
     *
     * @param args video, architecture, checkpoint and optionally the crop size
     * @throws Exception on any failure, with its reason
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: DetectVideo VIDEO ARCH CHECKPOINT [SIZE]");
            System.exit(2);
        }
        Path video = Path.of(args[0]);
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 380;
        // The DFDC winner's recipe: a third of the box as margin, isotropic resize with padding.
        CropPolicy crops =
                new CropPolicy(1 / 3.0, 0, false, size, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
        // Pick a GPU when the engine has one; nothing below assumes a CPU.
        var device = Engine.getInstance().defaultDevice();
        NetworkRunner network =
                NetworkRunner.load(args[1], Head.DFDC, Path.of(args[2]), device, true);
        try (DeepfakeDetector detector =
                DeepfakeDetector.builder()
                        .setFrameSources(FrameSources::open)
                        .optSampling(FrameSampling.evenlySpaced(32))
                        .setFaceDetector(
                                MtcnnDetector.builder()
                                        .optModelStore(ModelStore.fromEnvironment())
                                        // detect on half-size 1080p frames, as the winner did
                                        .optOptions(MtcnnOptions.defaults().withMaxSidePixels(960))
                                        .optDevice(device)
                                        .build())
                        .setTracker(IouFaceTracker.builder().build())
                        .setCropper(new PolicyCropper(crops))
                        .setClassifier(NetworkClassifier.of(args[2], network, size))
                        .build()) {
            VideoVerdict verdict = detector.detect(video);
            System.out.printf(
                    Locale.ROOT,
                    "%s: probability of a manipulated face %.4f (%s)%n",
                    video,
                    verdict.probability(),
                    verdict.faceFound() ? verdict.tracks().size() + " person(s)" : "no face");
            for (VideoVerdict.TrackScore t : verdict.tracks()) {
                System.out.printf(
                        Locale.ROOT,
                        "  person %d: %.4f over %d crops%s%n",
                        t.trackId(),
                        t.probability(),
                        t.crops(),
                        t.counted() ? "" : " (seen briefly, not counted)");
            }
            System.out.println("  stage times (ms): " + verdict.stageMillis());
        }
    }
}
