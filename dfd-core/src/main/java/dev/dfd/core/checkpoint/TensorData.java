package dev.dfd.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named tensor as read from a checkpoint: its element type, its shape and its elements as
 * row-major (C order), contiguous, little-endian bytes.
 *
 * <p>The buffer may be a view of a memory-mapped file; it is read-only and {@link #data()} returns
 * a fresh view positioned at the first element, so callers cannot disturb each other. {@link
 * #shape()} returns a copy. Immutable and thread-safe; holds no native memory (arrays made by
 * {@link #toNDArray} belong to the manager passed in).
 *
 * @param name the key in the state dict, for example {@code conv1.weight}
 * @param dataType the element type; one of FLOAT32, FLOAT16, BFLOAT16, FLOAT64, INT64, INT32,
 *     INT16, INT8, UINT8 and BOOLEAN
 * @param shape the size of each dimension, outermost first; empty for a 0-d tensor
 * @param data exactly {@code numel() * dataType.getNumOfBytes()} bytes
 */
public record TensorData(String name, DataType dataType, long[] shape, ByteBuffer data) {
    /**
     * Validates and copies the arguments.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a dimension is negative or the number of bytes does not
     *     match the shape and type
     */
    public TensorData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        name + ": negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        long expected = Math.multiplyExact(n, (long) dataType.getNumOfBytes());
        if (data.remaining() != expected) {
            throw new IllegalArgumentException(
                    name
                            + ": "
                            + data.remaining()
                            + " bytes for "
                            + dataType
                            + " shape "
                            + Arrays.toString(shape)
                            + ", expected "
                            + expected);
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The size of each dimension.
     *
     * @return a copy of the shape
     */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * The elements' bytes.
     *
     * @return a read-only little-endian view positioned at the first byte
     */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The number of elements: the product of the shape (1 for a 0-d tensor).
     *
     * @return the element count
     */
    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * The elements as floats in row-major order; float16, bfloat16 and float64 are converted
     * (float64 rounds to nearest), integer types are converted exactly up to 2^24, booleans become
     * 0 and 1.
     *
     * @return a new array of {@link #numel()} floats
     * @throws IllegalStateException if the tensor has more than {@code Integer.MAX_VALUE - 8}
     *     elements
     */
    public float[] toFloatArray() {
        int n = elementCount();
        ByteBuffer b = data();
        float[] out = new float[n];
        switch (dataType) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT16 -> {
                short[] half = new short[n];
                b.asShortBuffer().get(half);
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.toFloat(half[i]);
                }
            }
            case BFLOAT16 -> {
                short[] upper = new short[n];
                b.asShortBuffer().get(upper);
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((upper[i] & 0xffff) << 16);
                }
            }
            case FLOAT64 -> {
                double[] wide = new double[n];
                b.asDoubleBuffer().get(wide);
                for (int i = 0; i < n; i++) {
                    out[i] = (float) wide[i];
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(8 * i);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(2 * i);
                }
            }
            case INT8, BOOLEAN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            default -> throw new IllegalStateException(name + ": unsupported type " + dataType);
        }
        return out;
    }

    /**
     * The elements as longs in row-major order, for integer and boolean tensors.
     *
     * @return a new array of {@link #numel()} longs
     * @throws IllegalStateException if the tensor is of a floating type or too large for an array
     */
    public long[] toLongArray() {
        int n = elementCount();
        ByteBuffer b = data();
        long[] out = new long[n];
        switch (dataType) {
            case INT64 -> b.asLongBuffer().get(out);
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(2 * i);
                }
            }
            case INT8, BOOLEAN -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.get(i) & 0xff;
                }
            }
            default ->
                    throw new IllegalStateException(
                            name + ": " + dataType + " is not an integer type");
        }
        return out;
    }

    /**
     * Copies the tensor into a new array of {@code manager}: floating types as FLOAT32, INT64 as
     * INT64, other integer types as INT64, booleans as BOOLEAN.
     *
     * @param manager the owner of the new array (and so its device)
     * @return an array with this tensor's shape, owned by {@code manager}
     * @throws IllegalStateException if the tensor is too large for a Java array
     */
    public NDArray toNDArray(NDManager manager) {
        Shape s = new Shape(shape);
        if (dataType.isFloating()) {
            return manager.create(toFloatArray(), s);
        }
        if (dataType == DataType.BOOLEAN) {
            long[] v = toLongArray();
            boolean[] bits = new boolean[v.length];
            for (int i = 0; i < v.length; i++) {
                bits[i] = v[i] != 0;
            }
            return manager.create(bits, s);
        }
        return manager.create(toLongArray(), s);
    }

    /**
     * Compares name, type, shape and element bytes.
     *
     * @param o the other object
     * @return true if all four are equal
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData t
                && name.equals(t.name)
                && dataType == t.dataType
                && Arrays.equals(shape, t.shape)
                && data.equals(t.data);
    }

    /**
     * A hash of name, type and shape (not of the elements, to stay cheap).
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, dataType, Arrays.hashCode(shape));
    }

    /**
     * Name, type and shape, without the elements.
     *
     * @return for example {@code conv1.weight float32 [10, 3, 3, 3]}
     */
    @Override
    public String toString() {
        return name + " " + dataType + " " + Arrays.toString(shape);
    }

    private int elementCount() {
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(
                    name + ": " + n + " elements do not fit in one Java array");
        }
        return (int) n;
    }
}
