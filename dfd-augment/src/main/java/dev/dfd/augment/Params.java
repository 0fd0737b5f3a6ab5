package dev.dfd.augment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters one transform sampled for one call, by name: numbers, strings and lists of
 * numbers, so that they serialise to JSON as they are (see {@link Replay#toJson()}).
 *
 * <p>Numbers read back from JSON may come as {@code Long} or {@code Double}; the typed getters
 * accept either. Immutable and thread-safe.
 */
public final class Params {
    /** No parameters. */
    public static final Params EMPTY = new Params(Map.of());

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Parameters from a map of names to numbers, strings, booleans or lists of those.
     *
     * @param values the values; copied
     * @return the parameters
     */
    public static Params of(Map<String, ?> values) {
        return new Params(new LinkedHashMap<>(values));
    }

    /**
     * Parameters from alternating names and values.
     *
     * @param namesAndValues {@code name1, value1, name2, value2, ...}
     * @return the parameters
     * @throws IllegalArgumentException if the count is odd or a name is not a string
     */
    public static Params of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "expected name/value pairs, got " + namesAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException(
                        "parameter name at " + i + " is not a string: " + namesAndValues[i]);
            }
            m.put(name, Objects.requireNonNull(namesAndValues[i + 1], name));
        }
        return new Params(m);
    }

    /** The values by name, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** Whether no parameters are recorded. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' is missing; recorded: " + values.keySet());
        }
        return v;
    }

    /**
     * A number as a double.
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a number
     */
    public double getDouble(String name) {
        if (require(name) instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(
                "parameter '" + name + "' is not a number: " + values.get(name));
    }

    /**
     * A number as an int.
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a number
     */
    public int getInt(String name) {
        return (int) getLong(name);
    }

    /**
     * A number as a long (exact for integers up to 2^63 when read back from JSON).
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a number
     */
    public long getLong(String name) {
        if (require(name) instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(
                "parameter '" + name + "' is not a number: " + values.get(name));
    }

    /**
     * A string.
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it is missing
     */
    public String getString(String name) {
        return String.valueOf(require(name));
    }

    /**
     * A boolean.
     *
     * @param name the parameter
     * @return its value
     * @throws IllegalArgumentException if it is missing or not a boolean
     */
    public boolean getBoolean(String name) {
        if (require(name) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(
                "parameter '" + name + "' is not a boolean: " + values.get(name));
    }

    /**
     * A list of integer lists, such as dropout holes.
     *
     * @param name the parameter
     * @return the rows
     * @throws IllegalArgumentException if it is missing or not a list of number lists
     */
    public int[][] getIntRows(String name) {
        if (!(require(name) instanceof List<?> rows)) {
            throw new IllegalArgumentException(
                    "parameter '" + name + "' is not a list: " + values.get(name));
        }
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            if (!(rows.get(i) instanceof List<?> row)) {
                throw new IllegalArgumentException(
                        "parameter '" + name + "' row " + i + " is not a list: " + rows.get(i));
            }
            out[i] = new int[row.size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = ((Number) row.get(j)).intValue();
            }
        }
        return out;
    }

    /**
     * Rows of integers as an immutable list of lists, the form {@link #getIntRows} reads.
     *
     * @param rows the rows
     * @return the list
     */
    public static List<List<Integer>> rows(int[][] rows) {
        List<List<Integer>> out = new ArrayList<>(rows.length);
        for (int[] row : rows) {
            List<Integer> r = new ArrayList<>(row.length);
            for (int v : row) {
                r.add(v);
            }
            out.add(List.copyOf(r));
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params other && normalised(values).equals(normalised(other.values));
    }

    @Override
    public int hashCode() {
        return normalised(values).hashCode();
    }

    /** Numbers compared by value whether they are Integer, Long or Double. */
    private static Object normalised(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normalised(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Params::normalised).toList();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) n.longValue() : d;
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
