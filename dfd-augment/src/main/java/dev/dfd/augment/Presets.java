package dev.dfd.augment;

import dev.dfd.augment.transforms.Cutout;
import dev.dfd.augment.transforms.Downscale;
import dev.dfd.augment.transforms.FacePartDropout;
import dev.dfd.augment.transforms.FancyPca;
import dev.dfd.augment.transforms.GaussNoise;
import dev.dfd.augment.transforms.GaussianBlur;
import dev.dfd.augment.transforms.HalfFaceDropout;
import dev.dfd.augment.transforms.HorizontalFlip;
import dev.dfd.augment.transforms.HueSaturationValue;
import dev.dfd.augment.transforms.ImageCompression;
import dev.dfd.augment.transforms.IsotropicResize;
import dev.dfd.augment.transforms.PadIfNeeded;
import dev.dfd.augment.transforms.RandomBrightnessContrast;
import dev.dfd.augment.transforms.ShiftScaleRotate;
import dev.dfd.augment.transforms.ToGray;
import java.util.List;

/**
 * The training augmentations of two published deepfake detectors, by name.
 *
 * <p>Both rotate about {@code (W/2, H/2)} as the Albumentations releases they ran on did (before
 * 1.2.1); see {@link ShiftScaleRotate.Center}. Stateless.
 */
public final class Presets {
    /** The names {@link #byName} knows. */
    public static final List<String> NAMES = List.of("reference-2020", "dfdc-winner");

    private Presets() {}

    /**
     * A preset by name.
     *
     * @param name {@code reference-2020} or {@code dfdc-winner}
     * @return the pipeline
     * @throws IllegalArgumentException if the name is unknown
     */
    public static AugmentPipeline byName(String name) {
        return switch (name) {
            case "reference-2020" -> reference2020();
            case "dfdc-winner" -> dfdcWinner(380);
            default ->
                    throw new IllegalArgumentException(
                            "unknown augmentation preset '" + name + "', known: " + NAMES);
        };
    }

    /**
     * The 2020 reference pipeline (224 x 224 crops, applied to a fake frame and its real original
     * as a pair): ShiftScaleRotate p 0.2 (shift 0.0625, scale 0.25, rotate 25, border REPLICATE),
     * HorizontalFlip 0.1, Cutout 0.1 (8 holes of 8 x 8), RandomContrast 0.1 (limit 0.2),
     * RandomBrightness 0.1 (limit 0.3), JpegCompression 0.2 (quality 15..60), Downscale 0.2 (scale
     * 0.25, nearest both ways), GaussNoise 0.1 (variance 10..50), then ImageNet Normalize.
     *
     * @return the pipeline
     */
    public static AugmentPipeline reference2020() {
        Compose c =
                Compose.of(
                        ShiftScaleRotate.builder()
                                .shiftLimit(0.0625)
                                .scaleLimit(0.25)
                                .rotateLimit(25)
                                .border(BorderMode.REPLICATE)
                                .center(ShiftScaleRotate.Center.LEGACY)
                                .probability(0.2)
                                .build(),
                        new HorizontalFlip(0.1),
                        Cutout.defaults(0.1),
                        RandomBrightnessContrast.randomContrast(0.2, 0.1),
                        RandomBrightnessContrast.randomBrightness(0.3, 0.1),
                        ImageCompression.jpegCompression(15, 60, 0.2),
                        Downscale.nearest(0.25, 0.25, 0.2),
                        GaussNoise.defaults(0.1));
        return new AugmentPipeline("reference-2020", c, Normalize.imageNet());
    }

    /**
     * The DFDC winner's training pipeline (Seferbekov 2020) for face crops of any size, output
     * {@code size} x {@code size}.
     *
     * <p>First the winner's face-specific dropouts, which its dataset applied before the
     * Albumentations pipeline: eyes, mouth or nose blacked out by the landmarks with probability
     * 0.7 (a no-op for targets without five landmarks), one half of the crop blacked out with
     * probability 0.03. The winner's third dropout, the convex hull of 68 dlib landmarks, is not
     * reproduced: the detectors here give five landmarks. Then ImageCompression 0.5 (quality
     * 60..100), GaussNoise 0.1, GaussianBlur 0.05 (kernel 3), HorizontalFlip 0.5, one of three
     * IsotropicResize to {@code size} (all AREA down, CUBIC up, as the winner's code effectively
     * ran), PadIfNeeded to {@code size} with a black border, one of RandomBrightnessContrast,
     * FancyPCA, HueSaturationValue with probability 0.7, ToGray 0.2, ShiftScaleRotate 0.5 (shift
     * 0.1, scale 0.2, rotate 10, black border), then ImageNet Normalize.
     *
     * @param size output width and height in pixels (the winner's 380)
     * @return the pipeline
     * @throws IllegalArgumentException if size is below 1
     */
    public static AugmentPipeline dfdcWinner(int size) {
        Compose c =
                Compose.of(
                        FacePartDropout.winnerCascade(0.7),
                        new HalfFaceDropout(0.03),
                        ImageCompression.of(60, 100, 0.5),
                        GaussNoise.defaults(0.1),
                        new GaussianBlur(3, 3, 0, 0, 0.05),
                        new HorizontalFlip(0.5),
                        new OneOf(
                                List.of(
                                        IsotropicResize.of(size),
                                        IsotropicResize.of(size),
                                        IsotropicResize.of(size)),
                                1),
                        new PadIfNeeded(size, size, BorderMode.CONSTANT, 0, 1),
                        new OneOf(
                                List.of(
                                        RandomBrightnessContrast.of(0.2, 0.2, true, 0.5),
                                        new FancyPca(0.1, 0.5),
                                        HueSaturationValue.defaults(0.5)),
                                0.7),
                        new ToGray(0.2),
                        ShiftScaleRotate.builder()
                                .shiftLimit(0.1)
                                .scaleLimit(0.2)
                                .rotateLimit(10)
                                .border(BorderMode.CONSTANT)
                                .value(0)
                                .center(ShiftScaleRotate.Center.LEGACY)
                                .probability(0.5)
                                .build());
        return new AugmentPipeline("dfdc-winner", c, Normalize.imageNet());
    }
}
