package dev.dfd.core.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RGB image with 8 bits a channel, stored row by row as height × width × 3 bytes in one buffer
 * (channel 0 is red).
 *
 * <p>Instances are immutable by contract: {@link #wrap} takes ownership of the caller's buffer
 * without copying, and {@link #buffer()} exposes the buffer without copying, so neither caller may
 * modify it afterwards. Thread-safe. Holds no native memory.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] pixels;

    private RgbImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + width + "x" + height);
        }
        long expected = 3L * width * height;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(
                    "buffer of "
                            + pixels.length
                            + " bytes does not hold a "
                            + width
                            + "x"
                            + height
                            + " RGB image ("
                            + expected
                            + " bytes)");
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * Wraps an interleaved RGB buffer without copying it.
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @param rgb {@code height * width * 3} bytes, row-major, R G B; the caller must not modify it
     *     afterwards
     * @return the image
     * @throws IllegalArgumentException if the sizes are not positive or the buffer length is wrong
     */
    public static RgbImage wrap(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, Objects.requireNonNull(rgb, "rgb"));
    }

    /**
     * Copies an interleaved RGB buffer into a new image.
     *
     * @see #wrap(int, int, byte[])
     */
    public static RgbImage copyOf(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, Objects.requireNonNull(rgb, "rgb").clone());
    }

    /**
     * Creates an image filled with one colour.
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @param r red, 0..255
     * @param g green, 0..255
     * @param b blue, 0..255
     */
    public static RgbImage filled(int width, int height, int r, int g, int b) {
        byte[] px = new byte[3 * width * height];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, px);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /**
     * The backing buffer, row-major H × W × 3, not copied.
     *
     * @return the buffer; callers must not modify it
     */
    public byte[] buffer() {
        return pixels;
    }

    /** A copy of the pixels, row-major H × W × 3. */
    public byte[] toByteArray() {
        return pixels.clone();
    }

    /**
     * One channel value.
     *
     * @param x column, 0..width-1
     * @param y row, 0..height-1
     * @param channel 0 = red, 1 = green, 2 = blue
     * @return the value, 0..255
     */
    public int get(int x, int y, int channel) {
        if (x < 0 || x >= width || y < 0 || y >= height || channel < 0 || channel > 2) {
            throw new IndexOutOfBoundsException(
                    "("
                            + x
                            + ", "
                            + y
                            + ", "
                            + channel
                            + ") outside a "
                            + width
                            + "x"
                            + height
                            + " RGB image");
        }
        return pixels[(y * width + x) * 3 + channel] & 0xFF;
    }

    /**
     * Copies a rectangle of this image.
     *
     * @param x left column, inclusive
     * @param y top row, inclusive
     * @param w width, at least 1
     * @param h height, at least 1
     * @return the sub-image
     * @throws IllegalArgumentException if the rectangle is empty or leaves the image
     */
    public RgbImage crop(int x, int y, int w, int h) {
        if (w <= 0 || h <= 0 || x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException(
                    "crop ["
                            + x
                            + ", "
                            + y
                            + ", "
                            + w
                            + "x"
                            + h
                            + "] outside a "
                            + width
                            + "x"
                            + height
                            + " image");
        }
        byte[] out = new byte[3 * w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(pixels, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other
                && other.width == width
                && other.height == height
                && Arrays.equals(other.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
