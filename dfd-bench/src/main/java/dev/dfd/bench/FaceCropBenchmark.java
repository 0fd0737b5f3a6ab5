package dev.dfd.bench;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import dev.dfd.face.crop.FacenetCropper;
import dev.dfd.face.crop.PolicyCropper;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to cut one face out of a 1920 × 1080 frame and bring it to the classifier's input size.
 *
 * <ul>
 *   <li>{@link #crop}: the cropper named by {@code mode} on a face box of {@code faceSide} pixels
 *       (height 1.3 × width, as MTCNN boxes are) in the middle of the frame: {@code isotropic380}
 *       is the DFDC winner's policy (margin 1/3, isotropic resize to 380, zero padding), {@code
 *       fit224} the 2020 reference (no margin, fitted into 224 with a zero border), {@code
 *       aligned380} the winner's policy with eye alignment, {@code facenet160} facenet-pytorch's
 *       {@code extract_face} (Pillow's triangle filter, in Java).
 *   <li>{@link #baselineCopy}: copying the same region out of the frame without resampling, the
 *       floor every mode pays.
 * </ul>
 *
 * <p>The frame is synthetic noise from a fixed seed, so no shared data is needed. Results are
 * microseconds per crop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FaceCropBenchmark {

    /** Which cropper runs. */
    @Param({"isotropic380", "fit224", "aligned380", "facenet160"})
    public String mode;

    /** Face box width in pixels of the frame. */
    @Param({"64", "256"})
    public int faceSide;

    private RgbImage frame;
    private Face face;
    private FaceCropper cropper;
    private int[] region;

    /** Builds the frame, the face and the cropper once per trial. */
    @Setup
    public void setUp() {
        byte[] px = new byte[1920 * 1080 * 3];
        new SplittableRandom(2020).nextBytes(px);
        frame = RgbImage.wrap(1920, 1080, px);
        double w = faceSide;
        double h = 1.3 * faceSide;
        double x1 = 960 - w / 2;
        double y1 = 540 - h / 2;
        List<Point> landmarks =
                List.of(
                        new Point(x1 + 0.3 * w, y1 + 0.4 * h + 3),
                        new Point(x1 + 0.7 * w, y1 + 0.4 * h - 3),
                        new Point(x1 + 0.5 * w, y1 + 0.6 * h),
                        new Point(x1 + 0.35 * w, y1 + 0.8 * h),
                        new Point(x1 + 0.65 * w, y1 + 0.8 * h));
        face = new Face(new Box(x1, y1, x1 + w, y1 + h), 0.99, landmarks);
        CropPolicy winner = CropPolicy.dfdcWinner();
        cropper =
                switch (mode) {
                    case "isotropic380" -> new PolicyCropper(winner);
                    case "fit224" -> new PolicyCropper(CropPolicy.reference2020());
                    case "aligned380" ->
                            new PolicyCropper(
                                    new CropPolicy(
                                            winner.marginFraction(),
                                            0,
                                            false,
                                            380,
                                            CropPolicy.Resize.ISOTROPIC_PAD,
                                            0,
                                            true));
                    case "facenet160" -> FacenetCropper.defaults();
                    default -> throw new IllegalArgumentException("unknown mode " + mode);
                };
        region = PolicyCropper.pixelRect(PolicyCropper.region(cropper.policy(), face.box()));
    }

    /** Crops and resizes one face. */
    @Benchmark
    public FaceCrop crop() {
        return cropper.crop(frame, 0, face);
    }

    /** Copies the region without resampling. */
    @Benchmark
    public RgbImage baselineCopy() {
        return frame.crop(region[0], region[1], region[2], region[3]);
    }
}
