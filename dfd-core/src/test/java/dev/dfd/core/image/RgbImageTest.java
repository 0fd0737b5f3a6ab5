package dev.dfd.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbImageTest {
    private static RgbImage gradient(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                px[i] = (byte) x;
                px[i + 1] = (byte) y;
                px[i + 2] = (byte) (x + y);
            }
        }
        return RgbImage.wrap(w, h, px);
    }

    @Test
    void pixelsAreRowMajorRgb() {
        RgbImage img = gradient(5, 4);
        assertThat(img.get(3, 2, 0)).isEqualTo(3);
        assertThat(img.get(3, 2, 1)).isEqualTo(2);
        assertThat(img.get(3, 2, 2)).isEqualTo(5);
    }

    @Test
    void cropCopiesTheRectangle() {
        RgbImage crop = gradient(10, 8).crop(2, 3, 4, 2);
        assertThat(crop.width()).isEqualTo(4);
        assertThat(crop.height()).isEqualTo(2);
        assertThat(crop.get(0, 0, 0)).isEqualTo(2);
        assertThat(crop.get(3, 1, 1)).isEqualTo(4);
    }

    @Test
    void rejectsWrongBufferAndOutOfRangeAccess() {
        assertThatThrownBy(() -> RgbImage.wrap(2, 2, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11 bytes")
                .hasMessageContaining("2x2");
        assertThatThrownBy(() -> gradient(3, 3).get(3, 0, 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> gradient(3, 3).crop(2, 2, 2, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyOfIsIndependentOfTheCallersBuffer() {
        byte[] px = new byte[12];
        RgbImage img = RgbImage.copyOf(2, 2, px);
        px[0] = 9;
        assertThat(img.get(0, 0, 0)).isZero();
        assertThat(img).isEqualTo(RgbImage.filled(2, 2, 0, 0, 0));
    }
}
