package dev.dfd.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NdImagesTest {
    @Test
    void channelsFirstFloatKeepsEveryValue() {
        byte[] px = new byte[2 * 3 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 14);
        }
        RgbImage img = RgbImage.wrap(3, 2, px);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = NdImages.toHwcUint8(manager, img);
            assertThat(hwc.getShape()).isEqualTo(new Shape(2, 3, 3));
            assertThat(hwc.getDataType()).isEqualTo(DataType.UINT8);

            NDArray chw = NdImages.toChwFloat(manager, img);
            assertThat(chw.getShape()).isEqualTo(new Shape(3, 2, 3));
            float[] values = chw.toFloatArray();
            // channel c, row y, column x holds px[(y*3 + x)*3 + c]
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 3; x++) {
                        assertThat(values[(c * 2 + y) * 3 + x])
                                .isEqualTo((float) (px[(y * 3 + x) * 3 + c] & 0xFF));
                    }
                }
            }
        }
    }
}
