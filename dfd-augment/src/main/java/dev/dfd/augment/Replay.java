package dev.dfd.augment;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one application of a transform did: whether it was applied, the parameters it sampled, and
 * for a composite the records of its children, so that the same augmentation can be replayed on
 * other inputs ({@link Transform#replay}), like Albumentations' {@code ReplayCompose}.
 *
 * <p>For a {@link Compose} the children are all its transforms in order (applied or not); for a
 * {@link OneOf} the chosen child only; for a {@link SomeOf} the chosen children in the order they
 * ran. Immutable and thread-safe.
 *
 * @param transform the transform's name, e.g. {@code ShiftScaleRotate}
 * @param index the position of the transform among its parent's children, -1 for a root
 * @param applied whether it changed the targets
 * @param params the sampled parameters, empty when not applied
 * @param children records of the children of a composite, empty for a plain transform
 */
public record Replay(
        String transform, int index, boolean applied, Params params, List<Replay> children) {
    private static final Gson GSON =
            new GsonBuilder()
                    .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                    .disableHtmlEscaping()
                    .create();
    private static final Type MAP_TYPE = new TypeToken<Map<String, Object>>() {}.getType();

    /** Checks the arguments and copies the list. */
    public Replay {
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(params, "params");
        children = List.copyOf(children);
    }

    /**
     * The record of a transform that did not apply.
     *
     * @param transform its name
     * @return the record
     */
    public static Replay notApplied(String transform) {
        return new Replay(transform, -1, false, Params.EMPTY, List.of());
    }

    /**
     * This record with another index.
     *
     * @param newIndex the position among the parent's children
     * @return the record
     */
    public Replay atIndex(int newIndex) {
        return new Replay(transform, newIndex, applied, params, children);
    }

    /**
     * The names of the plain transforms that were applied, depth first, e.g. {@code
     * [ShiftScaleRotate, HorizontalFlip, JpegCompression]}.
     *
     * @return the names
     */
    public List<String> appliedTransforms() {
        List<String> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Replay r, List<String> out) {
        if (!r.applied) {
            return;
        }
        if (r.children.isEmpty()) {
            out.add(r.transform);
        } else {
            for (Replay c : r.children) {
                collect(c, out);
            }
        }
    }

    /**
     * This record as JSON: {@code
     * {"transform":..,"index":..,"applied":..,"params":{..},"children":[..]}}.
     */
    public String toJson() {
        return GSON.toJson(toTree(this));
    }

    private static JsonObject toTree(Replay r) {
        JsonObject o = new JsonObject();
        o.addProperty("transform", r.transform);
        o.addProperty("index", r.index);
        o.addProperty("applied", r.applied);
        o.add("params", GSON.toJsonTree(r.params.asMap()));
        JsonArray kids = new JsonArray();
        for (Replay c : r.children) {
            kids.add(toTree(c));
        }
        o.add("children", kids);
        return o;
    }

    /**
     * Reads a record written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the record
     * @throws IllegalArgumentException if the text is not such a record
     */
    public static Replay fromJson(String json) {
        try {
            return fromTree(GSON.fromJson(json, JsonObject.class));
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IllegalArgumentException("not a replay record: " + e.getMessage(), e);
        }
    }

    private static Replay fromTree(JsonObject o) {
        Map<String, Object> params = GSON.fromJson(o.get("params"), MAP_TYPE);
        List<Replay> kids = new ArrayList<>();
        for (JsonElement c : o.getAsJsonArray("children")) {
            kids.add(fromTree(c.getAsJsonObject()));
        }
        return new Replay(
                o.get("transform").getAsString(),
                o.get("index").getAsInt(),
                o.get("applied").getAsBoolean(),
                Params.of(params),
                kids);
    }
}
