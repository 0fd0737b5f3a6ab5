package dev.dfd.augment;

import java.util.Arrays;

/**
 * A float32 image in the channels-first layout networks take: {@code data[(c * height + y) * width
 * + x]}.
 *
 * <p>The array is not copied: callers must not modify it after construction, and must not modify
 * what {@link #data()} returns. Thread-safe; holds no native memory.
 *
 * @param channels number of channels, at least 1
 * @param height height in pixels, at least 1
 * @param width width in pixels, at least 1
 * @param data {@code channels * height * width} values, channel planes one after another
 */
public record FloatImage(int channels, int height, int width, float[] data) {
    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException if a size is not positive or the array length is wrong
     */
    public FloatImage {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "sizes must be positive, got " + channels + "x" + height + "x" + width);
        }
        if (data.length != (long) channels * height * width) {
            throw new IllegalArgumentException(
                    data.length
                            + " values do not hold a "
                            + channels
                            + "x"
                            + height
                            + "x"
                            + width
                            + " image");
        }
    }

    /** The shape, {@code {channels, height, width}}. */
    public long[] shape() {
        return new long[] {channels, height, width};
    }

    /**
     * One value.
     *
     * @param c channel
     * @param y row
     * @param x column
     * @return the value
     */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage f
                && f.channels == channels
                && f.height == height
                && f.width == width
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatImage[" + channels + "x" + height + "x" + width + "]";
    }
}
