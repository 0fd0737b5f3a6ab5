package dev.dfd.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An ordered, immutable map from tensor name (a PyTorch state-dict key such as {@code
 * blocks.0.conv_dw.weight}) to {@link TensorData}, in the order of the file.
 *
 * <p>Every tensor's {@link TensorData#name()} equals its key. The dict remembers where it came from
 * ({@link #source()}) so that errors can name the file. Immutable and thread-safe; holds no native
 * memory.
 */
public final class StateDict {
    private static final String IN_MEMORY = "<in-memory state dict>";

    private final Map<String, TensorData> tensors;
    private final String source;

    private StateDict(Map<String, TensorData> tensors, String source) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.source = source;
    }

    /**
     * A state dict of the given tensors, in the map's iteration order.
     *
     * @param tensors name to tensor; a tensor whose {@code name()} differs from its key is renamed
     * @return the dict
     * @throws NullPointerException if the map, a key or a value is null
     */
    public static StateDict of(Map<String, TensorData> tensors) {
        return of(tensors, IN_MEMORY);
    }

    /**
     * A state dict of the given tensors that names {@code source} in error messages.
     *
     * @param tensors name to tensor; a tensor whose {@code name()} differs from its key is renamed
     * @param source the file (or other origin) to name in messages
     * @return the dict
     * @throws NullPointerException if an argument, a key or a value is null
     */
    public static StateDict of(Map<String, TensorData> tensors, String source) {
        Objects.requireNonNull(source, "source");
        LinkedHashMap<String, TensorData> copy = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "key"), renamed(e.getValue(), e.getKey()));
        }
        return new StateDict(copy, source);
    }

    /**
     * The keys.
     *
     * @return an unmodifiable set in file order
     */
    public Set<String> keys() {
        return tensors.keySet();
    }

    /**
     * The tensor under {@code key}.
     *
     * @param key the full key
     * @return the tensor
     * @throws IllegalArgumentException if there is no such key
     */
    public TensorData get(String key) {
        TensorData t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + key + "'");
        }
        return t;
    }

    /**
     * Whether there is a tensor under {@code key}.
     *
     * @param key the full key
     * @return true if present
     */
    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /**
     * The number of tensors.
     *
     * @return the count
     */
    public int size() {
        return tensors.size();
    }

    /**
     * The file or other origin named in error messages.
     *
     * @return for example the checkpoint's path
     */
    public String source() {
        return source;
    }

    /**
     * The tensors whose key starts with {@code prefix}, with the prefix removed; other keys are
     * dropped. For example {@code stripPrefix("encoder.")} turns {@code encoder.bn1.weight} into
     * {@code bn1.weight} and drops {@code fc.weight}.
     *
     * @param prefix the prefix, usually ending with a dot
     * @return a new dict in the same order
     */
    public StateDict stripPrefix(String prefix) {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String key = e.getKey().substring(prefix.length());
                out.put(key, renamed(e.getValue(), key));
            }
        }
        return new StateDict(out, source);
    }

    /**
     * The tensors whose key does not match {@code p}.
     *
     * @param p the keys to drop, for example {@code k -> k.startsWith("encoder.classifier.")}
     * @return a new dict in the same order
     */
    public StateDict withoutKeysMatching(Predicate<String> p) {
        LinkedHashMap<String, TensorData> out = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (!p.test(e.getKey())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return new StateDict(out, source);
    }

    /**
     * The source and the number of tensors.
     *
     * @return for example {@code StateDict[pnet.pt, 13 tensors]}
     */
    @Override
    public String toString() {
        return "StateDict[" + source + ", " + tensors.size() + " tensors]";
    }

    private static TensorData renamed(TensorData t, String key) {
        Objects.requireNonNull(t, "tensor");
        return t.name().equals(key) ? t : new TensorData(key, t.dataType(), t.shape(), t.data());
    }
}
