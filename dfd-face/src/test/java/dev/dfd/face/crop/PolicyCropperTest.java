package dev.dfd.face.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.CropPolicy.Resize;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyCropperTest {
    private static final int[] BLACK = {0, 0, 0};
    private static final int[] WHITE = {255, 255, 255};
    private static final int[] RED = {200, 30, 10};

    private static Face face(double x1, double y1, double x2, double y2) {
        return new Face(new Box(x1, y1, x2, y2), 0.99, List.of());
    }

    private static CropPolicy policy(double margin, boolean square, int size, Resize resize) {
        return new CropPolicy(margin, 0, square, size, resize, 0, false);
    }

    private static boolean isColour(RgbImage img, int x, int y, int[] c) {
        return img.get(x, y, 0) == c[0] && img.get(x, y, 1) == c[1] && img.get(x, y, 2) == c[2];
    }

    /** Counts pixels of the crop whose colour differs from the expectation. */
    private static int mismatches(
            RgbImage img, java.util.function.BiFunction<Integer, Integer, int[]> expected) {
        int bad = 0;
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                if (!isColour(img, x, y, expected.apply(x, y))) {
                    bad++;
                }
            }
        }
        return bad;
    }

    @Test
    void marginIsAFractionOfEachSidePlusPixels() {
        Box box = new Box(100, 50, 160, 140);
        Box third = PolicyCropper.region(CropPolicy.dfdcWinner(), box);
        assertThat(third.x1()).isCloseTo(80, within(1e-9));
        assertThat(third.x2()).isCloseTo(180, within(1e-9));
        assertThat(third.y1()).isCloseTo(20, within(1e-9));
        assertThat(third.y2()).isCloseTo(170, within(1e-9));

        CropPolicy mixed = new CropPolicy(0.1, 5, false, 224, Resize.STRETCH, 0, false);
        assertThat(PolicyCropper.region(mixed, box)).isEqualTo(new Box(89, 36, 171, 154));
    }

    @Test
    void squareModeGrowsTheShorterSideAboutTheCentre() {
        Box region =
                PolicyCropper.region(
                        policy(0, true, 10, Resize.STRETCH), new Box(100, 50, 160, 140));
        assertThat(region).isEqualTo(new Box(85, 50, 175, 140));
        assertThat(PolicyCropper.pixelRect(new Box(9.5, 10.4, 20.49, 30.6)))
                .containsExactly(10, 10, 10, 21);
    }

    @Test
    void stretchWithoutResamplingCopiesTheRegionPixelForPixel() {
        // Red square at columns 50..89, rows 20..59; the box with a quarter margin is 60 x 60.
        RgbImage frame = TestImages.withRectangle(200, 100, 50, 20, 40, 40, BLACK, RED);
        FaceCrop crop =
                new PolicyCropper(policy(0.25, false, 60, Resize.STRETCH))
                        .crop(frame, 7, face(50, 20, 90, 60));

        assertThat(crop.frameIndex()).isEqualTo(7);
        assertThat(crop.region()).isEqualTo(new Box(40, 10, 100, 70));
        assertThat(crop.image().width()).isEqualTo(60);
        assertThat(
                        mismatches(
                                crop.image(),
                                (x, y) -> x >= 10 && x < 50 && y >= 10 && y < 50 ? RED : BLACK))
                .isZero();
    }

    @Test
    void stretchShrinksEachAxisIndependently() {
        // A 40 x 80 region of which the top half is red goes to 20 x 20 with area averaging:
        // exact 2 x 4 blocks, so the top 10 rows are red and the bottom 10 black.
        RgbImage frame = TestImages.withRectangle(100, 100, 30, 10, 40, 40, BLACK, RED);
        FaceCrop crop =
                new PolicyCropper(policy(0, false, 20, Resize.STRETCH))
                        .crop(frame, 0, face(30, 10, 70, 90));
        assertThat(mismatches(crop.image(), (x, y) -> y < 10 ? RED : BLACK)).isZero();
    }

    @Test
    void isotropicPadScalesTheLongSideAndCentresWithTheBorder() {
        // Box 40 x 20 entirely red: scale 9.5, height int(20 * 9.5) = 190, padded (380-190)/2 =
        // 95 rows on top and 95 below, all exactly red in between (uniform input, cubic).
        RgbImage frame = TestImages.withRectangle(300, 200, 100, 50, 40, 20, WHITE, RED);
        FaceCrop crop =
                new PolicyCropper(policy(0, false, 380, Resize.ISOTROPIC_PAD))
                        .crop(frame, 0, face(100, 50, 140, 70));
        assertThat(crop.image().width()).isEqualTo(380);
        assertThat(crop.image().height()).isEqualTo(380);
        assertThat(mismatches(crop.image(), (x, y) -> y >= 95 && y < 285 ? RED : BLACK)).isZero();
    }

    @Test
    void isotropicPadTruncatesTheShortSideWhenShrinking() {
        // Region 777 x 301 (border value 7): scale 380/777, short side int(147.2...) = 147, top
        // pad (380-147)/2 = 116, bottom 117.
        RgbImage frame = TestImages.withRectangle(1000, 500, 100, 100, 777, 301, WHITE, RED);
        CropPolicy p = new CropPolicy(0, 0, false, 380, Resize.ISOTROPIC_PAD, 7, false);
        RgbImage img = new PolicyCropper(p).crop(frame, 0, face(100, 100, 877, 401)).image();
        int[] border = {7, 7, 7};
        assertThat(mismatches(img, (x, y) -> y >= 116 && y < 263 ? RED : border)).isZero();
    }

    @Test
    void fitConstantBorderRoundsTheShortSideAndCentres() {
        // Box 60 x 30: scale 224/60, short side round(112) = 112, top pad 56.
        RgbImage frame = TestImages.withRectangle(300, 200, 10, 20, 60, 30, WHITE, RED);
        RgbImage img =
                new PolicyCropper(CropPolicy.reference2020())
                        .crop(frame, 0, face(10, 20, 70, 50))
                        .image();
        assertThat(img.width()).isEqualTo(224);
        assertThat(mismatches(img, (x, y) -> y >= 56 && y < 168 ? RED : BLACK)).isZero();
    }

    @Test
    void regionsLeavingTheFrameAreFilledWithTheBorderValue() {
        // White frame; the box (-10,-10)-(30,30) sticks out by 10 px at the top and left.
        RgbImage frame = RgbImage.filled(100, 80, 255, 255, 255);
        CropPolicy p = new CropPolicy(0, 0, false, 40, Resize.STRETCH, 33, false);
        FaceCrop crop = new PolicyCropper(p).crop(frame, 0, face(-10, -10, 30, 30));
        int[] border = {33, 33, 33};
        assertThat(crop.region()).isEqualTo(new Box(-10, -10, 30, 30));
        assertThat(mismatches(crop.image(), (x, y) -> x < 10 || y < 10 ? border : WHITE)).isZero();

        FaceCrop outside = new PolicyCropper(p).crop(frame, 0, face(500, 500, 540, 540));
        assertThat(mismatches(outside.image(), (x, y) -> border)).isZero();

        assertThatThrownBy(() -> new PolicyCropper(p).crop(frame, 0, face(0, 0, 1e5, 1e5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void alignmentLevelsTheEyes() {
        // A red bar drawn from the left to the right eye, tilted by 25 degrees.
        double angle = Math.toRadians(25);
        double cx = 150;
        double cy = 120;
        double half = 40;
        Point left = new Point(cx - half * Math.cos(angle), cy - half * Math.sin(angle));
        Point right = new Point(cx + half * Math.cos(angle), cy + half * Math.sin(angle));
        byte[] px = new byte[300 * 240 * 3];
        for (int y = 0; y < 240; y++) {
            for (int x = 0; x < 300; x++) {
                // distance from the eye line and position along it
                double dx = x - cx;
                double dy = y - cy;
                double along = dx * Math.cos(angle) + dy * Math.sin(angle);
                double across = -dx * Math.sin(angle) + dy * Math.cos(angle);
                if (Math.abs(across) <= 3 && Math.abs(along) <= half) {
                    px[(y * 300 + x) * 3] = (byte) 255;
                }
            }
        }
        RgbImage frame = RgbImage.wrap(300, 240, px);
        Face face =
                new Face(
                        new Box(100, 80, 200, 200),
                        1.0,
                        List.of(
                                left,
                                right,
                                new Point(cx, 150),
                                new Point(130, 170),
                                new Point(170, 170)));

        CropPolicy aligned = new CropPolicy(0, 0, false, 100, Resize.ISOTROPIC_PAD, 0, true);
        RgbImage crop = new PolicyCropper(aligned).crop(frame, 0, face).image();
        // Region 100 x 120 -> 100 high, int(100 * 5/6) = 83 wide, 8 columns of padding on the
        // left: eye row at (120 - 80) * 5/6 = 33.3 in the crop, eyes from x = 8 + 10 * 5/6 = 16.3
        // to 8 + 90 * 5/6 = 83.
        for (int x = 20; x <= 79; x++) {
            assertThat(crop.get(x, 33, 0)).as("eye line at x=%d", x).isGreaterThan(200);
            assertThat(crop.get(x, 27, 0)).as("above the line at x=%d", x).isLessThan(30);
            assertThat(crop.get(x, 40, 0)).as("below the line at x=%d", x).isLessThan(30);
        }

        CropPolicy unaligned = new CropPolicy(0, 0, false, 100, Resize.ISOTROPIC_PAD, 0, false);
        RgbImage plain = new PolicyCropper(unaligned).crop(frame, 0, face).image();
        assertThat(plain.get(20, 33, 0)).isLessThan(30);
        assertThat(plain.get(79, 33, 0)).isLessThan(30);
    }

    @Test
    void isotropicPadMatchesTheWinnersAlbumentationsPipeline() {
        // IsotropicResize(380) + PadIfNeeded(380, 380, constant 0) of a 260 x 300 face crop.
        RgbImage input =
                TestImages.read(
                        SharedData.path("reference/albumentations/inputs/face_300x260.png"));
        RgbImage expected =
                TestImages.read(
                        SharedData.path(
                                "reference/albumentations/reference/isotropic_resize_380_padded_constant.png"));
        assertThat(input.width()).isEqualTo(260);
        RgbImage actual =
                new PolicyCropper(policy(0, false, 380, Resize.ISOTROPIC_PAD))
                        .crop(input, 0, face(0, 0, 260, 300))
                        .image();
        // Same OpenCV resize code (cubic, enlarging) as the reference's OpenCV 4.6: bit-exact.
        assertThat(actual).isEqualTo(expected);
    }
}
