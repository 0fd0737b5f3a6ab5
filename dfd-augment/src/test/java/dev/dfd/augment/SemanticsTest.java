package dev.dfd.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dfd.augment.transforms.CoarseDropout;
import dev.dfd.augment.transforms.Cutout;
import dev.dfd.augment.transforms.FacePartDropout;
import dev.dfd.augment.transforms.GaussNoise;
import dev.dfd.augment.transforms.HalfFaceDropout;
import dev.dfd.augment.transforms.HorizontalFlip;
import dev.dfd.augment.transforms.IsotropicResize;
import dev.dfd.augment.transforms.PadIfNeeded;
import dev.dfd.augment.transforms.RandomBrightnessContrast;
import dev.dfd.augment.transforms.ShiftScaleRotate;
import dev.dfd.augment.transforms.ToGray;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Probabilities, composition, paired targets, replay, seeding and the face dropouts. */
class SemanticsTest {
    private static RgbImage face;
    private static RgbImage mirrored;

    @BeforeAll
    static void load() throws IOException {
        face = Npy.read(SharedData.path("reference/albumentations/inputs/face_224.npy")).image();
        mirrored = HorizontalFlip.flip(face);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference-2020", "dfdc-winner"})
    void sameSeedGivesSameOutputAndRecord(String preset) {
        AugmentPipeline p = Presets.byName(preset);
        for (long seed = 0; seed < 20; seed++) {
            Augmented a = p.augment(Targets.paired(face, mirrored), seed);
            Augmented b = p.augment(Targets.paired(face, mirrored), seed);
            assertThat(a.targets().images()).isEqualTo(b.targets().images());
            assertThat(a.replay()).isEqualTo(b.replay());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reference-2020", "dfdc-winner"})
    void parallelSeedsGiveTheSequentialResults(String preset) {
        AugmentPipeline p = Presets.byName(preset);
        Targets in = Targets.paired(face, mirrored);
        List<List<RgbImage>> sequential =
                LongStream.range(0, 48).mapToObj(s -> p.augment(in, s).targets().images()).toList();
        List<List<RgbImage>> parallel =
                LongStream.range(0, 48)
                        .parallel()
                        .mapToObj(s -> p.augment(in, s).targets().images())
                        .toList();
        assertThat(parallel).isEqualTo(sequential);
        assertThat(sequential.stream().distinct().count()).isGreaterThan(10);
    }

    @Test
    void pairedImagesShareEveryParameter() {
        AugmentPipeline p = Presets.reference2020();
        int changed = 0;
        for (long seed = 0; seed < 60; seed++) {
            Augmented a = p.augment(Targets.paired(face, face), seed);
            assertThat(a.targets().paired().get(0)).isEqualTo(a.targets().image());
            if (!a.targets().image().equals(face)) {
                changed++;
            }
        }
        assertThat(changed).isGreaterThan(20);
    }

    @Test
    void pairedNoiseIsTheSameField() {
        RgbImage grey = RgbImage.filled(64, 48, 128, 128, 128);
        RgbImage darker = RgbImage.filled(64, 48, 100, 100, 100);
        Augmented a =
                GaussNoise.defaults(1).apply(Targets.paired(grey, darker), new SplittableRandom(3));
        byte[] x = a.targets().image().buffer();
        byte[] y = a.targets().paired().get(0).buffer();
        for (int i = 0; i < x.length; i++) {
            assertThat((x[i] & 0xFF) - (y[i] & 0xFF)).isEqualTo(28);
        }
    }

    @Test
    void replayReproducesOutputsAndSurvivesJson() {
        AugmentPipeline p = Presets.reference2020();
        int appliedSomething = 0;
        for (long seed = 0; seed < 40; seed++) {
            Augmented a = p.augment(Targets.paired(face, mirrored), seed);
            Replay back = Replay.fromJson(a.replay().toJson());
            assertThat(back).isEqualTo(a.replay());
            assertThat(p.replay(Targets.of(face), back).image()).isEqualTo(a.targets().image());
            assertThat(p.replay(Targets.of(mirrored), back).image())
                    .isEqualTo(a.targets().paired().get(0));
            if (!back.appliedTransforms().isEmpty()) {
                appliedSomething++;
            }
        }
        assertThat(appliedSomething).isGreaterThan(20);
    }

    @Test
    void replayOfTheWinnerPipelineReplaysTheChosenBranches() {
        AugmentPipeline p = Presets.dfdcWinner(96);
        RgbImage small = face.crop(20, 10, 150, 180);
        for (long seed = 0; seed < 20; seed++) {
            Augmented a = p.augment(Targets.of(small), seed);
            Replay back = Replay.fromJson(a.replay().toJson());
            assertThat(p.replay(Targets.of(small), back).image()).isEqualTo(a.targets().image());
            assertThat(a.targets().image().width()).isEqualTo(96);
            assertThat(a.targets().image().height()).isEqualTo(96);
            assertThat(back.appliedTransforms()).contains("IsotropicResize", "PadIfNeeded");
        }
    }

    @Test
    void replayRejectsAnotherTransformsRecord() {
        Augmented a = new HorizontalFlip(1).apply(Targets.of(face), new SplittableRandom(1));
        assertThatThrownBy(() -> new ToGray(1).replay(Targets.of(face), a.replay()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HorizontalFlip");
    }

    @Test
    void probabilityIsTheFractionOfApplications() {
        Transform t = new HorizontalFlip(0.3);
        SplittableRandom r = new SplittableRandom(11);
        Targets tiny = Targets.of(face.crop(0, 0, 4, 4));
        int n = 20000;
        long applied =
                IntStream.range(0, n).filter(i -> t.apply(tiny, r).replay().applied()).count();
        assertThat(applied / (double) n).isCloseTo(0.3, within(0.015));
        assertThat(new HorizontalFlip(0).apply(Targets.of(face), r).replay().applied()).isFalse();
        assertThat(new HorizontalFlip(0).apply(Targets.of(face), r, true).replay().applied())
                .isTrue();
    }

    @Test
    void oneOfPicksByWeightAndForcesTheChild() {
        OneOf one =
                new OneOf(
                        List.of(new ToGray(0.5), new HorizontalFlip(0.25), new ToGray(0.25)), 0.7);
        RgbImage tiny = face.crop(0, 0, 8, 8);
        SplittableRandom r = new SplittableRandom(5);
        int n = 20000;
        int[] counts = new int[3];
        int applied = 0;
        for (int i = 0; i < n; i++) {
            Replay rec = one.apply(Targets.of(tiny), r).replay();
            if (rec.applied()) {
                applied++;
                Replay child = rec.children().get(0);
                assertThat(child.applied()).isTrue();
                counts[child.index()]++;
            }
        }
        assertThat(applied / (double) n).isCloseTo(0.7, within(0.015));
        assertThat(counts[0] / (double) applied).isCloseTo(0.5, within(0.02));
        assertThat(counts[1] / (double) applied).isCloseTo(0.25, within(0.02));
        assertThat(counts[2] / (double) applied).isCloseTo(0.25, within(0.02));
    }

    @Test
    void someOfWithoutReplacementPicksDistinctChildren() {
        SomeOf some =
                new SomeOf(
                        List.of(new ToGray(1), new HorizontalFlip(1), Cutout.defaults(1)),
                        2,
                        false,
                        1);
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 200; i++) {
            Replay rec = some.apply(Targets.of(face), r).replay();
            assertThat(rec.children()).hasSize(2);
            assertThat(rec.children().get(0).index()).isNotEqualTo(rec.children().get(1).index());
        }
        assertThatThrownBy(() -> new SomeOf(List.of(new ToGray(1)), 2, false, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void composeWithZeroProbabilityRunsNothing() {
        Compose c = new Compose(List.of(new ToGray(1)), 0);
        Augmented a = c.apply(Targets.of(face), new SplittableRandom(1));
        assertThat(a.targets().image()).isSameAs(face);
        assertThat(a.replay().applied()).isFalse();
    }

    @Test
    void gaussNoiseStatisticsMatchTheParameters() {
        RgbImage grey = RgbImage.filled(200, 200, 128, 128, 128);
        GaussNoise g = new GaussNoise(30, 30, 0, true, 1);
        Augmented a = g.apply(Targets.of(grey), new SplittableRandom(2));
        double sigma = a.replay().params().getDouble("sigma");
        assertThat(sigma).isCloseTo(Math.sqrt(30), within(1e-12));
        double[] field = g.field(200, 200, sigma, a.replay().params().getLong("seed"));
        double mean = Arrays.stream(field).average().orElseThrow();
        double var = Arrays.stream(field).map(v -> (v - mean) * (v - mean)).sum() / field.length;
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(Math.sqrt(var)).isCloseTo(sigma, within(0.05));
        byte[] out = a.targets().image().buffer();
        double diff = 0;
        for (byte b : out) {
            diff += (b & 0xFF) - 128;
        }
        assertThat(diff / out.length)
                .as("truncation darkens by half a level")
                .isCloseTo(-0.5, within(0.05));
    }

    @Test
    void samplingStaysInsideTheLimits() {
        SplittableRandom r = new SplittableRandom(4);
        ShiftScaleRotate ssr =
                ShiftScaleRotate.builder()
                        .shiftLimit(0.1)
                        .scaleLimit(0.2)
                        .rotateLimit(10)
                        .probability(1)
                        .build();
        RandomBrightnessContrast rb = RandomBrightnessContrast.randomBrightness(0.3, 1);
        RgbImage tiny = face.crop(0, 0, 16, 16);
        for (int i = 0; i < 500; i++) {
            Params s = ssr.apply(Targets.of(tiny), r).replay().params();
            assertThat(s.getDouble("angle")).isBetween(-10.0, 10.0);
            assertThat(s.getDouble("scale")).isBetween(0.8, 1.2);
            assertThat(s.getDouble("dx")).isBetween(-0.1, 0.1);
            Params b = rb.apply(Targets.of(tiny), r).replay().params();
            assertThat(b.getDouble("alpha")).isEqualTo(1.0);
            assertThat(b.getDouble("beta")).isBetween(-0.3, 0.3);
            int[][] holes =
                    CoarseDropout.defaults(1)
                            .apply(Targets.of(face), r)
                            .replay()
                            .params()
                            .getIntRows("holes");
            assertThat(holes).hasNumberOfRows(8);
            for (int[] h : holes) {
                assertThat(h[0]).isBetween(0, 216);
                assertThat(h[2] - h[0]).isEqualTo(8);
                assertThat(h[3] - h[1]).isEqualTo(8);
            }
        }
    }

    @Test
    void keypointsFollowTheGeometry() {
        RgbImage dark = RgbImage.filled(100, 80, 0, 0, 0);
        byte[] px = dark.toByteArray();
        int sx = 30;
        int sy = 20;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Arrays.fill(
                        px,
                        ((sy + dy) * 100 + sx + dx) * 3,
                        ((sy + dy) * 100 + sx + dx) * 3 + 3,
                        (byte) 255);
            }
        }
        RgbImage spot = RgbImage.wrap(100, 80, px);
        Targets in = Targets.of(spot).withKeypoints(List.of(new Point(sx, sy)));
        Transform[] geometric = {
            new HorizontalFlip(1),
            ShiftScaleRotate.builder()
                    .rotateLimit(30)
                    .scaleLimit(0.2)
                    .shiftLimit(0.1)
                    .border(BorderMode.CONSTANT)
                    .probability(1)
                    .build(),
            IsotropicResize.of(150),
            new PadIfNeeded(120, 130, BorderMode.CONSTANT, 0, 1)
        };
        SplittableRandom r = new SplittableRandom(8);
        for (Transform t : geometric) {
            Targets out = t.apply(in, r).targets();
            Point p = out.keypoints().get(0);
            RgbImage img = out.image();
            int x = (int) Math.round(p.x());
            int y = (int) Math.round(p.y());
            assertThat(img.get(x, y, 0))
                    .as(t.name() + " moves the point with the pixel")
                    .isGreaterThan(100);
        }
    }

    @Test
    void flipMovesBoxes() {
        Targets in = Targets.of(face).withFace(new Face(new Box(10, 20, 50, 90), 1, List.of()));
        Box b = new HorizontalFlip(1).apply(in, new SplittableRandom(1)).targets().boxes().get(0);
        assertThat(b).isEqualTo(new Box(174, 20, 214, 90));
    }

    @Test
    void facePartDropoutBlacksOutThePartOnly() {
        List<Point> lm =
                List.of(
                        new Point(80, 95),
                        new Point(145, 95),
                        new Point(112, 130),
                        new Point(88, 165),
                        new Point(138, 165));
        Targets in = Targets.of(face).withKeypoints(lm);
        SplittableRandom r = new SplittableRandom(1);
        RgbImage eyes =
                FacePartDropout.of(FacePartDropout.Part.EYES, 1).apply(in, r).targets().image();
        assertThat(eyes.get(80, 95, 0) + eyes.get(112, 95, 1) + eyes.get(145, 95, 2)).isZero();
        int d = (int) Math.floor(65 / 4.0);
        assertThat(eyes.get(112, 95 + d + 2, 0)).isEqualTo(face.get(112, 95 + d + 2, 0));
        assertThat(eyes.get(112, 95 - d - 2, 0)).isEqualTo(face.get(112, 95 - d - 2, 0));
        assertThat(eyes.get(112, 95 + d, 0)).isZero();
        assertThat(eyes.get(112, 165, 0)).isEqualTo(face.get(112, 165, 0));
        RgbImage mouth =
                FacePartDropout.of(FacePartDropout.Part.MOUTH, 1).apply(in, r).targets().image();
        assertThat(mouth.get(112, 165, 0)).isZero();
        assertThat(mouth.get(80, 95, 0)).isEqualTo(face.get(80, 95, 0));
        RgbImage nose =
                FacePartDropout.of(FacePartDropout.Part.NOSE, 1).apply(in, r).targets().image();
        assertThat(nose.get(112, 120, 1)).isZero();
        RgbImage none =
                FacePartDropout.of(FacePartDropout.Part.EYES, 1)
                        .apply(Targets.of(face), r)
                        .targets()
                        .image();
        assertThat(none).isEqualTo(face);
    }

    @Test
    void halfFaceDropoutBlanksOneSideOfThePivot() {
        HalfFaceDropout t = new HalfFaceDropout(1);
        SplittableRandom r = new SplittableRandom(6);
        for (int i = 0; i < 30; i++) {
            Augmented a = t.apply(Targets.of(face), r);
            Params p = a.replay().params();
            int pivot = p.getInt("pivot");
            assertThat(pivot).isBetween(112 - 44, 112 + 44);
            boolean rows = p.getBoolean("rows");
            boolean first = p.getBoolean("first");
            int blankX = rows ? 100 : (first ? pivot - 1 : pivot);
            int blankY = rows ? (first ? pivot - 1 : pivot) : 100;
            int keptX = rows ? 100 : (first ? pivot : pivot - 1);
            int keptY = rows ? (first ? pivot : pivot - 1) : 100;
            RgbImage out = a.targets().image();
            assertThat(out.get(blankX, blankY, 0)).isZero();
            assertThat(out.get(keptX, keptY, 0)).isEqualTo(face.get(keptX, keptY, 0));
        }
    }

    @Test
    void pairedImagesMustHaveTheSameSize() {
        assertThatThrownBy(() -> Targets.paired(face, face.crop(0, 0, 10, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10x10");
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        assertThatThrownBy(() -> Presets.byName("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference-2020");
    }

    @Test
    void normalizeLaysOutChannelsFirst() {
        FloatImage f = Normalize.imageNet().apply(RgbImage.filled(3, 2, 255, 0, 128));
        assertThat(f.shape()).containsExactly(3, 2, 3);
        assertThat(f.get(0, 1, 2)).isCloseTo((255 - 123.675f) / (0.229f * 255), within(1e-5f));
        assertThat(f.get(1, 0, 0)).isCloseTo(-116.28f / (0.224f * 255), within(1e-5f));
        assertThat(f.get(2, 1, 1)).isCloseTo((128 - 103.53f) / (0.225f * 255), within(1e-5f));
    }
}
