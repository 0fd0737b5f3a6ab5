package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files holding float arrays, the format tensors are exchanged
 * in with Python.
 *
 * <p>Reads little-endian float32 ({@code <f4}) and float64 ({@code <f8}, converted to float32)
 * arrays in C order, format versions 1 to 3; writes float32 in version 1 (or 2 for huge headers).
 * Fortran-ordered, big-endian and non-float arrays are rejected. Stateless and thread-safe; holds
 * no native memory.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * A float32 array in C order.
     *
     * @param shape the dimensions (empty for a scalar); the caller must not modify the array
     * @param data the values, row-major, {@code product(shape)} of them; the caller must not modify
     *     the array
     */
    public record Tensor(long[] shape, float[] data) {
        /**
         * Checks that the data fits the shape.
         *
         * @throws IllegalArgumentException if a dimension is negative or the sizes differ
         */
        public Tensor {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException(
                            "negative dimension in " + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException(
                        "shape "
                                + Arrays.toString(shape)
                                + " needs "
                                + n
                                + " values, got "
                                + data.length);
            }
        }

        /**
         * Copies the values into a new float32 array.
         *
         * @param manager owns the new array, on its device
         * @return the array
         */
        public NDArray toNDArray(NDManager manager) {
            return manager.create(data, new Shape(shape));
        }

        /**
         * Copies an array's values (converted to float32) to the heap.
         *
         * @param array any numeric array
         * @return its values
         */
        public static Tensor of(NDArray array) {
            float[] values =
                    array.getDataType() == DataType.FLOAT32 ? array.toFloatArray() : toFloat(array);
            return new Tensor(array.getShape().getShape(), values);
        }

        private static float[] toFloat(NDArray array) {
            try (NDArray f = array.toType(DataType.FLOAT32, true)) {
                return f.toFloatArray();
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t
                    && Arrays.equals(shape, t.shape)
                    && Arrays.equals(data, t.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Tensor" + Arrays.toString(shape);
        }
    }

    /**
     * Reads a {@code .npy} file.
     *
     * @param file the file
     * @return its values as float32
     * @throws IOException if the file cannot be read, is not a {@code .npy} file, is truncated, or
     *     holds something other than a little-endian C-order float32/float64 array
     */
    public static Tensor read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 10 || !Arrays.equals(Arrays.copyOf(buf.array(), 6), MAGIC)) {
            throw new IOException(file + ": not a .npy file (bad magic)");
        }
        int major = buf.get(6) & 0xff;
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = buf.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (buf.remaining() < 12) {
                throw new IOException(file + ": truncated .npy header");
            }
            headerLength = buf.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(file + ": unsupported .npy version " + major);
        }
        if (headerLength < 0 || headerStart + headerLength > buf.limit()) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header =
                new String(buf.array(), headerStart, headerLength, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, file, "descr");
        if ("True".equals(find(FORTRAN, header, file, "fortran_order"))) {
            throw new IOException(file + ": Fortran-ordered arrays are not supported");
        }
        long[] shape = parseShape(find(SHAPE, header, file, "shape"), file);
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        int itemSize;
        if (descr.equals("<f4")) {
            itemSize = 4;
        } else if (descr.equals("<f8")) {
            itemSize = 8;
        } else {
            throw new IOException(
                    file
                            + ": dtype '"
                            + descr
                            + "' is not supported (little-endian float32/float64 only)");
        }
        int dataStart = headerStart + headerLength;
        if (count > Integer.MAX_VALUE || (long) dataStart + count * itemSize > buf.limit()) {
            throw new IOException(
                    file
                            + ": truncated: shape "
                            + Arrays.toString(shape)
                            + " needs "
                            + count * itemSize
                            + " bytes of data, file has "
                            + (buf.limit() - dataStart));
        }
        float[] data = new float[(int) count];
        buf.position(dataStart);
        if (itemSize == 4) {
            buf.asFloatBuffer().get(data);
        } else {
            java.nio.DoubleBuffer d = buf.asDoubleBuffer();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) d.get(i);
            }
        }
        return new Tensor(shape, data);
    }

    /**
     * Writes a float32 {@code .npy} file atomically: to a temporary file beside it, then moved into
     * place, so that readers never see a partial file.
     *
     * @param file the destination, replaced if it exists
     * @param tensor the values
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Tensor tensor) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (long d : tensor.shape()) {
            shape.append(d).append(", ");
        }
        if (tensor.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else if (tensor.shape().length == 1) {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int preamble = 10;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        boolean v2 = padded - preamble > 0xffff;
        if (v2) {
            preamble = 12;
            total = preamble + dict.length() + 1;
            padded = (total + 63) / 64 * 64;
        }
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer out =
                ByteBuffer.allocate(preamble + header.length() + 4 * tensor.data().length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            out.putInt(header.length());
        } else {
            out.putShort((short) header.length());
        }
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        out.asFloatBuffer().put(tensor.data());

        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(tmp, out.array());
            try {
                Files.move(
                        tmp,
                        absolute,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String find(Pattern p, String header, Path file, String what)
            throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(file + ": .npy header has no '" + what + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String text, Path file) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": bad shape (" + text + ") in .npy header", e);
            }
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
        }
        return shape;
    }
}
