package dev.dfd.train.pseudo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelfBlendedImagesTest {
    private static final int S = 128;

    /** A textured image: a smooth gradient with a checker pattern, so resampling shows. */
    private static RgbImage texture() {
        byte[] px = new byte[S * S * 3];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                int i = (y * S + x) * 3;
                int checker = ((x / 4 + y / 4) % 2) * 40;
                px[i] = (byte) (60 + x + checker);
                px[i + 1] = (byte) (50 + y + checker);
                px[i + 2] = (byte) (100 + checker);
            }
        }
        return RgbImage.wrap(S, S, px);
    }

    private static final Face FACE =
            new Face(
                    new Box(32, 24, 96, 112),
                    0.99,
                    List.of(
                            new Point(50, 55),
                            new Point(78, 55),
                            new Point(64, 72),
                            new Point(53, 90),
                            new Point(75, 90)));

    @Test
    void changesTheFaceAndLeavesTheBackgroundUntouched() {
        RgbImage in = texture();
        for (long seed = 0; seed < 8; seed++) {
            SelfBlendedImages.Blend b =
                    SelfBlendedImages.blend(in, FACE, new SplittableRandom(seed));
            float[] m = b.mask();
            int changedInside = 0;
            int inside = 0;
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    float a = m[y * S + x];
                    assertThat(a).isBetween(0f, 1f);
                    boolean same =
                            b.image().get(x, y, 0) == in.get(x, y, 0)
                                    && b.image().get(x, y, 1) == in.get(x, y, 1)
                                    && b.image().get(x, y, 2) == in.get(x, y, 2);
                    if (a == 0) {
                        assertThat(same).as("pixel (%d, %d) outside the mask", x, y).isTrue();
                    }
                    if (a > 0.2f) {
                        inside++;
                        changedInside += same ? 0 : 1;
                    }
                }
            }
            // the mask covers the inner face (nose tip) and not the corners
            assertThat(m[72 * S + 64]).as("seed %d", seed).isGreaterThan(0.2f);
            assertThat(m[0]).isZero();
            assertThat(m[S * S - 1]).isZero();
            assertThat(changedInside).isGreaterThan(inside / 2);
        }
    }

    @Test
    void sameSeedSameBlendOtherSeedOtherBlend() {
        RgbImage in = texture();
        RgbImage a = SelfBlendedImages.blend(in, FACE, new SplittableRandom(3)).image();
        RgbImage b = SelfBlendedImages.blend(in, FACE, new SplittableRandom(3)).image();
        RgbImage c = SelfBlendedImages.blend(in, FACE, new SplittableRandom(4)).image();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void needsLandmarks() {
        Face noLandmarks = new Face(new Box(0, 0, 10, 10), 0.9, List.of());
        assertThatThrownBy(
                        () ->
                                SelfBlendedImages.blend(
                                        texture(), noLandmarks, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("landmarks");
    }
}
