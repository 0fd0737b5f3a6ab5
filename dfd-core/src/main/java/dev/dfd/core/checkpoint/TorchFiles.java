package dev.dfd.core.checkpoint;

import ai.djl.ndarray.types.DataType;
import dev.dfd.core.checkpoint.PickleObjects.Global;
import dev.dfd.core.checkpoint.PickleObjects.StorageRef;
import dev.dfd.core.checkpoint.PickleObjects.TensorRef;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the two {@code torch.save} formats into a {@link Checkpoint}.
 *
 * <ul>
 *   <li>Zip (PyTorch 1.6+): {@code <name>/data.pkl} is the pickled object, whose persistent ids
 *       {@code ('storage', StorageClass, key, location, numel)} name the raw storages {@code
 *       <name>/data/<key>}; {@code <name>/byteorder} says {@code little} or {@code big} (absent:
 *       little).
 *   <li>Legacy (before 1.6): pickles of the magic number, the protocol version (1001) and the
 *       system info, then the pickled object, whose persistent ids are {@code ('storage',
 *       StorageClass, root_key, location, root_numel, view)}, then a pickled list of storage keys,
 *       then for each key an int64 element count followed by the raw elements.
 * </ul>
 *
 * <p>Tensors are rebuilt from their storage with the size, stride and offset of {@code
 * _rebuild_tensor_v2} and returned as contiguous row-major little-endian data; storages shared
 * between tensors are fine. Stateless and thread-safe.
 */
final class TorchFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TorchFiles.class);
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;
    private static final String MODULE_PREFIX = "module.";
    private static final int MAX_METADATA_DEPTH = 32;

    private TorchFiles() {}

    /**
     * The element type of a {@code torch.<name>} storage class.
     *
     * @param name for example {@code FloatStorage}
     * @return the type, or null if {@code name} is not a storage class
     */
    static DataType storageType(String name) {
        return switch (name) {
            case "FloatStorage" -> DataType.FLOAT32;
            case "HalfStorage" -> DataType.FLOAT16;
            case "BFloat16Storage" -> DataType.BFLOAT16;
            case "DoubleStorage" -> DataType.FLOAT64;
            case "LongStorage" -> DataType.INT64;
            case "IntStorage" -> DataType.INT32;
            case "ShortStorage" -> DataType.INT16;
            case "CharStorage" -> DataType.INT8;
            case "ByteStorage", "UntypedStorage" -> DataType.UINT8;
            case "BoolStorage" -> DataType.BOOLEAN;
            default -> null;
        };
    }

    static Checkpoint readZip(ByteBuffer bytes, String source) throws CheckpointException {
        StoredZip zip = StoredZip.open(bytes, source);
        String prefix = archivePrefix(zip, source);
        ByteOrder order = byteOrder(zip, prefix, source);
        Map<String, StorageRef> refs = new HashMap<>();
        ByteBuffer pickle = zip.read(prefix + "data.pkl");
        Object root = Unpickler.load(pickle, source, pid -> storageRef(pid, refs, source));
        return assemble(
                root,
                ref -> {
                    String name = prefix + "data/" + ref.key();
                    ByteBuffer b = zip.read(name);
                    long expected = ref.numel() * ref.dataType().getNumOfBytes();
                    if (b.limit() < expected) {
                        throw new CheckpointException(
                                source
                                        + ": zip entry "
                                        + name
                                        + " has "
                                        + b.limit()
                                        + " bytes, expected "
                                        + expected
                                        + " (truncated?)");
                    }
                    return b;
                },
                order,
                source);
    }

    static Checkpoint readLegacy(ByteBuffer bytes, String source) throws CheckpointException {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Unpickler.PersistentLoader none =
                pid -> {
                    throw new CheckpointException(
                            source + ": unexpected persistent id in the legacy header");
                };
        Object magic = Unpickler.load(in, source, none);
        if (!LEGACY_MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new CheckpointException(
                    source
                            + ": not a torch.save file (legacy magic number expected, found "
                            + magic
                            + ")");
        }
        Object protocol = Unpickler.load(in, source, none);
        if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
            throw new CheckpointException(
                    source + ": unsupported legacy torch.save protocol version " + protocol);
        }
        Object sysInfo = Unpickler.load(in, source, none);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (sysInfo instanceof Map<?, ?> info && Boolean.FALSE.equals(info.get("little_endian"))) {
            order = ByteOrder.BIG_ENDIAN;
        }

        Map<String, StorageRef> refs = new HashMap<>();
        Object root = Unpickler.load(in, source, pid -> storageRef(pid, refs, source));
        Object keyList = Unpickler.load(in, source, none);
        if (!(keyList instanceof List<?> keys)) {
            throw new CheckpointException(
                    source + ": corrupt legacy checkpoint: storage key list expected after data");
        }

        Map<String, ByteBuffer> storages = new HashMap<>();
        for (Object k : keys) {
            String key = String.valueOf(k);
            StorageRef ref = refs.get(key);
            if (ref == null) {
                throw new CheckpointException(
                        source + ": corrupt legacy checkpoint: storage " + key + " is not used");
            }
            if (in.remaining() < 8) {
                throw truncated(source, key, in.position());
            }
            long numel = in.getLong();
            int elementSize = ref.dataType().getNumOfBytes();
            if (numel < 0 || numel > in.remaining() / elementSize) {
                throw truncated(source, key, in.position());
            }
            long length = numel * elementSize;
            storages.put(key, in.slice(in.position(), (int) length));
            in.position(in.position() + (int) length);
        }
        return assemble(
                root,
                ref -> {
                    ByteBuffer b = storages.get(ref.key());
                    if (b == null) {
                        throw new CheckpointException(
                                source + ": storage " + ref.key() + " missing from the data");
                    }
                    return b;
                },
                order,
                source);
    }

    /** Finds a storage's raw bytes. */
    private interface StorageLookup {
        ByteBuffer bytes(StorageRef ref) throws CheckpointException;
    }

    private static StorageRef storageRef(Object pid, Map<String, StorageRef> refs, String source)
            throws CheckpointException {
        if (!(pid instanceof List<?> t)
                || t.size() < 5
                || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof Global type)
                || storageType(type.name()) == null
                || !(t.get(4) instanceof Long numel)) {
            throw new CheckpointException(source + ": unsupported persistent id " + pid);
        }
        String key = String.valueOf(t.get(2));
        long viewOffset = 0;
        if (t.size() > 5 && t.get(5) instanceof List<?> view && view.size() >= 2) {
            viewOffset = (Long) view.get(1);
        }
        StorageRef root = new StorageRef(key, storageType(type.name()), numel, 0);
        StorageRef previous = refs.putIfAbsent(key, root);
        if (previous != null && !previous.equals(root)) {
            throw new CheckpointException(
                    source + ": storage " + key + " declared twice with different types or sizes");
        }
        return viewOffset == 0 ? root : new StorageRef(key, root.dataType(), numel, viewOffset);
    }

    private static Checkpoint assemble(
            Object root, StorageLookup lookup, ByteOrder order, String source)
            throws CheckpointException {
        if (!(root instanceof Map<?, ?> top)) {
            throw new CheckpointException(
                    source
                            + ": the file holds "
                            + (root == null ? "None" : root.getClass().getSimpleName())
                            + ", not a dict of tensors");
        }
        Map<?, ?> dict = top;
        Object wrapperKey = null;
        for (String k : List.of("state_dict", "model")) {
            if (top.get(k) instanceof Map<?, ?> inner) {
                dict = inner;
                wrapperKey = k;
                break;
            }
        }

        LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (e.getValue() instanceof TensorRef t) {
                String name = String.valueOf(e.getKey());
                tensors.put(name, tensor(name, t, lookup.bytes(t.storage()), order, source));
            } else if (dict != top) {
                LOG.debug("{}: skipping non-tensor entry {} of the state dict", source, e.getKey());
            }
        }
        if (!tensors.isEmpty()
                && tensors.keySet().stream().allMatch(k -> k.startsWith(MODULE_PREFIX))) {
            LinkedHashMap<String, TensorData> stripped = new LinkedHashMap<>();
            tensors.forEach((k, v) -> stripped.put(k.substring(MODULE_PREFIX.length()), v));
            tensors = stripped;
        }

        LinkedHashMap<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            if (Objects.equals(e.getKey(), wrapperKey) || e.getValue() instanceof TensorRef) {
                continue;
            }
            Object plain = plain(e.getValue(), 0);
            if (plain != null) {
                metadata.put(String.valueOf(e.getKey()), plain);
            }
        }
        return new Checkpoint(StateDict.of(tensors, source), metadata);
    }

    /** The value as plain Java data, or null if it is None or holds something else. */
    private static Object plain(Object v, int depth) {
        if (depth > MAX_METADATA_DEPTH) {
            return null;
        }
        if (v instanceof Boolean
                || v instanceof Long
                || v instanceof BigInteger
                || v instanceof Double
                || v instanceof String) {
            return v;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                Object p = plain(o, depth + 1);
                if (p == null) {
                    return null;
                }
                out.add(p);
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object p = plain(e.getValue(), depth + 1);
                if (p == null || !(e.getKey() instanceof String)) {
                    return null;
                }
                out.put((String) e.getKey(), p);
            }
            return Collections.unmodifiableMap(out);
        }
        return null;
    }

    /** Gathers a strided view of a storage into contiguous row-major little-endian bytes. */
    static TensorData tensor(
            String name, TensorRef t, ByteBuffer storage, ByteOrder order, String source)
            throws CheckpointException {
        DataType type = t.storage().dataType();
        int elementSize = type.getNumOfBytes();
        long storageNumel = storage.limit() / elementSize;
        long[] size = t.size();
        long[] stride = t.stride();
        if (size.length != stride.length) {
            throw corrupt(source, name, "size " + Arrays.toString(size) + " vs stride", stride);
        }
        long numel = 1;
        long last = t.offset();
        try {
            for (int d = 0; d < size.length; d++) {
                if (size[d] < 0 || stride[d] < 0) {
                    throw corrupt(source, name, "negative size or stride", stride);
                }
                numel = Math.multiplyExact(numel, size[d]);
                if (size[d] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(size[d] - 1, stride[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw corrupt(
                    source, name, "size " + Arrays.toString(size) + " overflows; stride", stride);
        }
        if (numel > 0 && (t.offset() < 0 || last >= storageNumel)) {
            throw corrupt(
                    source,
                    name,
                    "view (offset "
                            + t.offset()
                            + ", size "
                            + Arrays.toString(size)
                            + ") exceeds storage "
                            + t.storage().key()
                            + " of "
                            + storageNumel
                            + " elements; stride",
                    stride);
        }
        if (numel > (Integer.MAX_VALUE - 8) / elementSize) {
            throw new CheckpointException(
                    source + ": tensor '" + name + "' is too large (" + numel + " elements)");
        }

        ByteBuffer data;
        if (numel == 0) {
            data = ByteBuffer.allocate(0);
        } else if (isRowMajor(size, stride)) {
            data = storage.slice((int) (t.offset() * elementSize), (int) numel * elementSize);
        } else {
            data = gather(storage, elementSize, t.offset(), size, stride, (int) numel);
        }
        if (order == ByteOrder.BIG_ENDIAN && elementSize > 1) {
            data = swapBytes(data, elementSize);
        }
        return new TensorData(name, type, size, data);
    }

    private static boolean isRowMajor(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private static ByteBuffer gather(
            ByteBuffer storage,
            int elementSize,
            long offset,
            long[] size,
            long[] stride,
            int numel) {
        byte[] in = new byte[storage.limit()];
        storage.get(0, in);
        byte[] out = new byte[numel * elementSize];
        int dims = size.length;
        long[] index = new long[dims];
        long source = offset;
        for (int i = 0; i < numel; i++) {
            int from = (int) (source * elementSize);
            int to = i * elementSize;
            for (int b = 0; b < elementSize; b++) {
                out[to + b] = in[from + b];
            }
            for (int d = dims - 1; d >= 0; d--) {
                index[d]++;
                source += stride[d];
                if (index[d] < size[d]) {
                    break;
                }
                source -= index[d] * stride[d];
                index[d] = 0;
            }
        }
        return ByteBuffer.wrap(out);
    }

    private static ByteBuffer swapBytes(ByteBuffer data, int elementSize) {
        byte[] out = new byte[data.remaining()];
        for (int i = 0; i < out.length; i += elementSize) {
            for (int j = 0; j < elementSize; j++) {
                out[i + j] = data.get(data.position() + i + elementSize - 1 - j);
            }
        }
        return ByteBuffer.wrap(out);
    }

    private static String archivePrefix(StoredZip zip, String source) throws CheckpointException {
        List<String> candidates = new ArrayList<>();
        for (String n : zip.names()) {
            if (n.endsWith("data.pkl")
                    && (n.equals("data.pkl") || n.indexOf('/') == n.length() - 9)) {
                candidates.add(n);
            }
        }
        if (candidates.size() != 1) {
            throw new CheckpointException(
                    source
                            + ": zip file is not a torch.save checkpoint (expected one"
                            + " <name>/data.pkl, found "
                            + candidates
                            + ")");
        }
        String pkl = candidates.get(0);
        return pkl.substring(0, pkl.length() - "data.pkl".length());
    }

    private static ByteOrder byteOrder(StoredZip zip, String prefix, String source)
            throws CheckpointException {
        if (!zip.contains(prefix + "byteorder")) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        ByteBuffer b = zip.read(prefix + "byteorder");
        byte[] text = new byte[b.remaining()];
        b.get(text);
        String order = new String(text, StandardCharsets.US_ASCII).trim();
        return switch (order) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default ->
                    throw new CheckpointException(source + ": unknown byteorder '" + order + "'");
        };
    }

    private static CheckpointException truncated(String source, String key, int position) {
        return new CheckpointException(
                source
                        + ": truncated legacy checkpoint: storage "
                        + key
                        + " is cut off at byte "
                        + position);
    }

    private static CheckpointException corrupt(
            String source, String name, String what, long[] stride) {
        return new CheckpointException(
                source
                        + ": corrupt tensor '"
                        + name
                        + "': "
                        + what
                        + " "
                        + Arrays.toString(stride));
    }
}
