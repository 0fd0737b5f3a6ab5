package dev.dfd.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dfd.core.image.RgbImage;
import org.junit.jupiter.api.Test;

class RotationTest {
    /** A 3x2 image whose pixels are A B C / D E F, each grey level its letter. */
    private static final RgbImage ABC_DEF = grey(3, 2, "ABCDEF");

    private static RgbImage grey(int w, int h, String letters) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < letters.length(); i++) {
            px[3 * i] = (byte) letters.charAt(i);
            px[3 * i + 1] = (byte) letters.charAt(i);
            px[3 * i + 2] = (byte) letters.charAt(i);
        }
        return RgbImage.wrap(w, h, px);
    }

    @Test
    void quarterTurnClockwise() {
        assertThat(Rotation.rotateClockwise(ABC_DEF, 90)).isEqualTo(grey(2, 3, "DAEBFC"));
    }

    @Test
    void halfTurn() {
        assertThat(Rotation.rotateClockwise(ABC_DEF, 180)).isEqualTo(grey(3, 2, "FEDCBA"));
    }

    @Test
    void quarterTurnCounterClockwise() {
        assertThat(Rotation.rotateClockwise(ABC_DEF, 270)).isEqualTo(grey(2, 3, "CFBEAD"));
    }

    @Test
    void noTurnIsTheSameImage() {
        assertThat(Rotation.rotateClockwise(ABC_DEF, 0)).isSameAs(ABC_DEF);
    }

    @Test
    void otherAnglesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Rotation.rotateClockwise(ABC_DEF, 45));
    }

    @Test
    void normalizeRoundsToQuarterTurns() {
        assertThat(Rotation.normalize(-90)).isEqualTo(270);
        assertThat(Rotation.normalize(90.0001)).isEqualTo(90);
        assertThat(Rotation.normalize(-180)).isEqualTo(180);
        assertThat(Rotation.normalize(360)).isZero();
        assertThat(Rotation.normalize(Double.NaN)).isZero();
    }
}
