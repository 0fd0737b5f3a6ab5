package dev.dfd.face.crop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class FacenetCropperTest {

    /** Fraction of channel values within one grey level, and the largest difference. */
    private static double[] agreement(RgbImage actual, RgbImage expected) {
        byte[] a = actual.buffer();
        byte[] e = expected.buffer();
        int close = 0;
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xFF) - (e[i] & 0xFF));
            max = Math.max(max, d);
            if (d <= 1) {
                close++;
            }
        }
        return new double[] {(double) close / a.length, max};
    }

    private static void assertMatchesReference(
            String group, String name, String suffix, boolean exact) {
        MtcnnReference ref = MtcnnReference.find(group, name);
        RgbImage image = TestImages.read(SharedData.path(ref.pixels()));
        FacenetCropper cropper = FacenetCropper.defaults();
        for (int i = 0; i < ref.faces().size(); i++) {
            RgbImage expected =
                    TestImages.read(
                            SharedData.path(
                                    "reference/mtcnn/crops/"
                                            + name
                                            + "_"
                                            + suffix
                                            + "_"
                                            + i
                                            + ".png"));
            FaceCrop crop = cropper.crop(image, 0, ref.faces().get(i));
            if (exact) {
                assertThat(crop.image()).as("%s face %d", name, i).isEqualTo(expected);
            }
            double[] agree = agreement(crop.image(), expected);
            assertThat(agree[0])
                    .as("%s face %d within 1 level", name, i)
                    .isGreaterThanOrEqualTo(0.99);
            assertThat(agree[1]).as("%s face %d max difference", name, i).isLessThanOrEqualTo(1);
        }
    }

    /** The detector's exact input pixels are stored losslessly: the crops are bit-exact. */
    @Test
    void matchesFacenetPytorchExactlyOnLosslessInputs() {
        for (String name : List.of("angelina_jolie", "kate_siegel", "paul_rudd", "shea_whigham")) {
            assertMatchesReference("image_resize512", name, "resize512", true);
        }
    }

    /**
     * JPEG inputs depend on the decoder (Pillow's libjpeg there, OpenCV's here; they agreed on
     * every pixel when measured), so these allow the brief's tolerance.
     */
    @Test
    void matchesFacenetPytorchOnTheJpegPhotos() {
        assertMatchesReference("multiface", "multiface", "original", false);
        for (String name : List.of("angelina_jolie", "kate_siegel", "paul_rudd", "shea_whigham")) {
            assertMatchesReference("image_original", name, "original", false);
        }
    }

    @Test
    void uniformImageStaysUniformAndRegionIsTheBox() {
        RgbImage frame = RgbImage.filled(50, 40, 10, 20, 30);
        Face face = new Face(new Box(-5, 3.7, 30.2, 39), 1, List.of());
        FaceCrop crop = FacenetCropper.defaults().crop(frame, 3, face);
        assertThat(crop.image()).isEqualTo(RgbImage.filled(160, 160, 10, 20, 30));
        assertThat(crop.region()).isEqualTo(face.box());
        assertThat(FacenetCropper.defaults().policy().outputSize()).isEqualTo(160);
    }

    @Test
    void marginInOutputPixelsBecomesAFractionOfTheBox() {
        // margin 32 of 160: per side 32 / (2 * 128) = 1/8 of the box.
        FacenetCropper cropper = new FacenetCropper(160, 32);
        assertThat(cropper.policy().marginFraction()).isEqualTo(0.125);
        FaceCrop crop =
                cropper.crop(
                        RgbImage.filled(400, 400, 0, 0, 0),
                        0,
                        new Face(new Box(100, 100, 228, 356), 1, List.of()));
        assertThat(crop.region()).isEqualTo(new Box(84, 68, 244, 388));
    }
}
