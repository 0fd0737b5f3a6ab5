package dev.dfd.core.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;

/**
 * Converts {@link RgbImage}s to DJL {@link NDArray}s.
 *
 * <p>Arrays are created in, and owned by, the manager passed in; closing that manager frees them.
 * Stateless and thread-safe.
 */
public final class NdImages {
    private NdImages() {}

    /**
     * Creates a {@code uint8} array of shape (H, W, 3) holding the image.
     *
     * @param manager owns the new array
     * @param image the image
     * @return the array, on the manager's device
     */
    public static NDArray toHwcUint8(NDManager manager, RgbImage image) {
        return manager.create(
                ByteBuffer.wrap(image.buffer()),
                new Shape(image.height(), image.width(), 3),
                DataType.UINT8);
    }

    /**
     * Creates a {@code float32} array of shape (3, H, W) with values 0..255.
     *
     * @param manager owns the new array
     * @param image the image
     * @return the array, on the manager's device
     */
    public static NDArray toChwFloat(NDManager manager, RgbImage image) {
        try (NDArray hwc = toHwcUint8(manager, image)) {
            return hwc.toType(DataType.FLOAT32, false).transpose(2, 0, 1);
        }
    }
}
