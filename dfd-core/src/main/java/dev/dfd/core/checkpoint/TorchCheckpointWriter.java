package dev.dfd.core.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes checkpoints in the zip format of {@code torch.save} (PyTorch 1.6 and later), so that
 * PyTorch's {@code torch.load} and {@link Checkpoints#read} both read them.
 *
 * <p>The file holds one pickled dictionary: the tensors under {@code stateDictKey} (an ordered
 * dictionary of name to tensor, as the DFDC winner's checkpoints keep them under {@code
 * "state_dict"}), beside plain metadata values (numbers, strings, booleans, null, and lists and
 * maps of them). Tensors are stored contiguously, one storage each, aligned to 64 bytes. The file
 * is written to a temporary name and renamed, so a crash never leaves a half-written checkpoint.
 *
 * <p>Stateless and thread-safe.
 */
public final class TorchCheckpointWriter {
    private static final int ALIGNMENT = 64;

    private TorchCheckpointWriter() {}

    /**
     * Writes a checkpoint atomically.
     *
     * @param file the target; replaced if it exists
     * @param stateDictKey the key of the tensor dictionary, for example {@code state_dict}
     * @param stateDict the tensors (float32, float16, bfloat16, float64, int64, int32, uint8 or
     *     bool)
     * @param metadata plain values stored beside the tensors, in iteration order
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a metadata value is not a plain value or a key clashes
     */
    public static void write(
            Path file, String stateDictKey, StateDict stateDict, Map<String, ?> metadata)
            throws IOException {
        if (metadata.containsKey(stateDictKey)) {
            throw new IllegalArgumentException(
                    "metadata key '" + stateDictKey + "' clashes with the state dict");
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, archiveName(file), stateDictKey, stateDict, metadata);
            }
            try {
                Files.move(
                        tmp,
                        file,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String archiveName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static void write(
            OutputStream target,
            String archive,
            String stateDictKey,
            StateDict stateDict,
            Map<String, ?> metadata)
            throws IOException {
        CountingStream counting = new CountingStream(target);
        try (ZipOutputStream zip = new ZipOutputStream(counting)) {
            Pickler pickle = new Pickler();
            pickle.proto();
            pickle.emptyDict();
            pickle.mark();
            pickle.string(stateDictKey);
            pickle.global("collections", "OrderedDict");
            pickle.emptyTuple();
            pickle.reduce();
            pickle.mark();
            int storage = 0;
            for (String key : stateDict.keys()) {
                pickle.string(key);
                pickle.tensor(stateDict.get(key), Integer.toString(storage++));
            }
            pickle.setItems();
            for (Map.Entry<String, ?> e : metadata.entrySet()) {
                pickle.string(e.getKey());
                pickle.value(e.getValue());
            }
            pickle.setItems();
            pickle.stop();

            stored(zip, counting, archive + "/data.pkl", pickle.bytes());
            stored(
                    zip,
                    counting,
                    archive + "/byteorder",
                    "little".getBytes(StandardCharsets.US_ASCII));
            storage = 0;
            for (String key : stateDict.keys()) {
                stored(
                        zip,
                        counting,
                        archive + "/data/" + storage++,
                        contiguousBytes(stateDict.get(key)));
            }
            stored(zip, counting, archive + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] contiguousBytes(TensorData t) {
        ByteBuffer src = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        src.rewind();
        byte[] out = new byte[src.remaining()];
        src.get(out);
        return out;
    }

    /** Writes an uncompressed entry whose data starts at a multiple of 64 bytes. */
    private static void stored(
            ZipOutputStream zip, CountingStream counting, String name, byte[] data)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        int nameLength = name.getBytes(StandardCharsets.UTF_8).length;
        long headerEnd = counting.count + 30 + nameLength + 4;
        int pad = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        // An extra field of an unassigned header id whose payload is the padding.
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >> 8);
        entry.setExtra(extra);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** The pickle opcodes of protocol 2 a state dict needs. */
    private static final class Pickler {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto() {
            out.write(0x80);
            out.write(2);
        }

        void stop() {
            out.write('.');
        }

        void mark() {
            out.write('(');
        }

        void emptyDict() {
            out.write('}');
        }

        void emptyTuple() {
            out.write(')');
        }

        void tuple() {
            out.write('t');
        }

        void reduce() {
            out.write('R');
        }

        void setItems() {
            out.write('u');
        }

        void global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            int32(b.length);
            out.writeBytes(b);
        }

        void integer(long v) {
            if (v >= 0 && v < 256) {
                out.write('K');
                out.write((int) v);
            } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                out.write('J');
                int32((int) v);
            } else {
                out.write(0x8a);
                out.write(8);
                for (int i = 0; i < 8; i++) {
                    out.write((int) (v >>> (8 * i)));
                }
            }
        }

        void floating(double v) {
            out.write('G');
            long bits = Double.doubleToLongBits(v);
            for (int i = 7; i >= 0; i--) {
                out.write((int) (bits >>> (8 * i)));
            }
        }

        private void int32(int v) {
            out.write(v);
            out.write(v >>> 8);
            out.write(v >>> 16);
            out.write(v >>> 24);
        }

        void longTuple(long[] values) {
            mark();
            for (long v : values) {
                integer(v);
            }
            tuple();
        }

        void tensor(TensorData t, String storageKey) {
            long[] shape = t.shape();
            long[] stride = new long[shape.length];
            long s = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = s;
                s *= shape[i];
            }
            global("torch._utils", "_rebuild_tensor_v2");
            mark();
            mark();
            string("storage");
            global("torch", storageClass(t.dataType(), t.name()));
            string(storageKey);
            string("cpu");
            integer(t.numel());
            tuple();
            out.write('Q'); // BINPERSID
            integer(0);
            longTuple(shape);
            longTuple(stride);
            out.write(0x89); // NEWFALSE: requires_grad
            global("collections", "OrderedDict");
            emptyTuple();
            reduce();
            tuple();
            reduce();
        }

        void value(Object v) {
            if (v == null) {
                out.write('N');
            } else if (v instanceof Boolean b) {
                out.write(b ? 0x88 : 0x89);
            } else if (v instanceof Integer
                    || v instanceof Long
                    || v instanceof Short
                    || v instanceof Byte) {
                integer(((Number) v).longValue());
            } else if (v instanceof Number n) {
                floating(n.doubleValue());
            } else if (v instanceof CharSequence cs) {
                string(cs.toString());
            } else if (v instanceof List<?> list) {
                out.write(']');
                if (!list.isEmpty()) {
                    mark();
                    for (Object o : list) {
                        value(o);
                    }
                    out.write('e'); // APPENDS
                }
            } else if (v instanceof Map<?, ?> map) {
                emptyDict();
                if (!map.isEmpty()) {
                    mark();
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (!(e.getKey() instanceof String key)) {
                            throw new IllegalArgumentException(
                                    "metadata map keys must be strings, got " + e.getKey());
                        }
                        string(key);
                        value(e.getValue());
                    }
                    setItems();
                }
            } else {
                throw new IllegalArgumentException(
                        "metadata values must be numbers, strings, booleans, null, lists or maps; got "
                                + v.getClass().getName());
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private static String storageClass(DataType type, String name) {
            return switch (type) {
                case FLOAT32 -> "FloatStorage";
                case FLOAT16 -> "HalfStorage";
                case BFLOAT16 -> "BFloat16Storage";
                case FLOAT64 -> "DoubleStorage";
                case INT64 -> "LongStorage";
                case INT32 -> "IntStorage";
                case UINT8 -> "ByteStorage";
                case BOOLEAN -> "BoolStorage";
                default ->
                        throw new IllegalArgumentException(
                                name + ": cannot write tensors of type " + type);
            };
        }
    }
}
