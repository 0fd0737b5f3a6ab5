package dev.dfd.core.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A checkpoint file's tensors and its plain non-tensor top-level entries.
 *
 * <p>{@code metadata} holds values such as {@code "epoch" -> 12L} or {@code "bce_best" -> 0.21}:
 * Python ints become {@link Long} (or {@link java.math.BigInteger} when they do not fit), floats
 * {@link Double}, strings {@link String}, booleans {@link Boolean}, {@code None} is left out,
 * tuples and lists become unmodifiable {@link java.util.List}s and dicts unmodifiable {@link Map}s
 * with string keys. For safetensors files it holds the {@code __metadata__} strings. Entries that
 * are neither (for example an optimizer state full of tensors) are not included. Immutable and
 * thread-safe; holds no native memory.
 *
 * @param stateDict the tensors
 * @param metadata the plain non-tensor entries, in file order
 */
public record Checkpoint(StateDict stateDict, Map<String, Object> metadata) {
    /**
     * Creates the record, copying {@code metadata}.
     *
     * @throws NullPointerException if an argument is null
     */
    public Checkpoint {
        Objects.requireNonNull(stateDict, "stateDict");
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
