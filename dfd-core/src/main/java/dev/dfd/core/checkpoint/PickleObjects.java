package dev.dfd.core.checkpoint;

import ai.djl.ndarray.types.DataType;
import java.util.Arrays;

/**
 * The few non-plain values the restricted unpickler produces. Plain pickle values become Java
 * values: {@code None} null, bool {@link Boolean}, int {@link Long} or {@link
 * java.math.BigInteger}, float {@link Double}, str {@link String}, bytes {@code byte[]}, tuple an
 * unmodifiable {@link java.util.List}, list an {@link java.util.ArrayList}, dict and OrderedDict a
 * {@link java.util.LinkedHashMap}.
 */
final class PickleObjects {
    private PickleObjects() {}

    /** A global the unpickler has allowed, such as {@code collections.OrderedDict}. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /**
     * A storage named by a persistent id: its key in the file, element type, element count and the
     * element offset of a legacy storage view into its root storage (0 otherwise).
     */
    record StorageRef(String key, DataType dataType, long numel, long viewOffset) {}

    /** A tensor rebuilt by {@code _rebuild_tensor_v2}: a strided view of a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
        @Override
        public boolean equals(Object o) {
            return o instanceof TensorRef t
                    && storage.equals(t.storage)
                    && offset == t.offset
                    && Arrays.equals(size, t.size)
                    && Arrays.equals(stride, t.stride);
        }

        @Override
        public int hashCode() {
            return 31 * storage.hashCode() + Arrays.hashCode(size);
        }

        @Override
        public String toString() {
            return "tensor(" + storage.key() + ", " + Arrays.toString(size) + ")";
        }
    }

    /** A numpy dtype such as {@code f8}, with its byte order. */
    static final class NumpyDtype {
        final String code;
        boolean bigEndian;

        NumpyDtype(String code) {
            this.code = code;
        }

        @Override
        public String toString() {
            return "dtype(" + code + ")";
        }
    }
}
