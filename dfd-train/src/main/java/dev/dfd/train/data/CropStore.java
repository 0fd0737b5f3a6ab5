package dev.dfd.train.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The folder {@code dfd extract} writes and {@code dfd train} reads: face crops as PNG files and
 * one JSON record per finished video.
 *
 * <pre>
 * CROPS/videos/&lt;key&gt;.json          one record per video, written last and atomically
 * CROPS/crops/&lt;key&gt;/&lt;frame&gt;_&lt;face&gt;.png  the crops of that video
 * </pre>
 *
 * <p>A video is done exactly when its record exists, so an interrupted extraction resumes by
 * skipping the videos that have one; every file is written under a temporary name and renamed. The
 * key is {@code <part>/<file stem>} for the DFDC layout and {@code <label>/<file stem>} otherwise.
 * Thread-safe for distinct keys.
 */
public final class CropStore {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final Path root;

    /**
     * Opens (without creating) a crop folder.
     *
     * @param root the folder
     */
    public CropStore(Path root) {
        this.root = root;
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /**
     * A face crop and the detection it was cut from.
     *
     * @param frame the frame index in the video
     * @param faceIndex the face's position among the frame's detections
     * @param face the detection in frame coordinates
     * @param crop the PNG, relative to the store's folder
     * @param faceInCrop the same detection in the crop's pixel coordinates (for pseudo-fakes)
     */
    public record CropRecord(int frame, int faceIndex, Face face, String crop, Face faceInCrop) {}

    /**
     * What extraction produced for one video.
     *
     * @param key the store key, see {@link CropStore}
     * @param video the video's path as given to the extraction
     * @param label real or fake
     * @param part the DFDC folder number, or -1
     * @param original for a fake, its original's file name
     * @param crops the crops, in frame order
     * @param error empty when the video was processed; otherwise why it failed (a record is still
     *     written, so the failure is not retried on every resume)
     */
    public record VideoCrops(
            String key,
            String video,
            Label label,
            int part,
            Optional<String> original,
            List<CropRecord> crops,
            Optional<String> error) {
        /** Copies the list. */
        public VideoCrops {
            crops = List.copyOf(crops);
        }
    }

    /**
     * The key of a dataset entry.
     *
     * @param v the video
     * @return {@code <part>/<stem>} or {@code <label>/<stem>}
     */
    public static String keyOf(VideoEntry v) {
        String name = v.name();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return (v.part() >= 0
                        ? "part" + v.part()
                        : v.label().name().toLowerCase(java.util.Locale.ROOT))
                + "/"
                + stem;
    }

    /** Whether a video's record exists. */
    public boolean isDone(String key) {
        return Files.isRegularFile(recordPath(key));
    }

    /**
     * The path a crop of a video is written to.
     *
     * @param key the video's key
     * @param frame the frame index
     * @param faceIndex the face's position in the frame
     * @return the absolute path
     */
    public Path cropPath(String key, int frame, int faceIndex) {
        return root.resolve(relativeCrop(key, frame, faceIndex));
    }

    /** The crop path relative to the store, as recorded. */
    public static String relativeCrop(String key, int frame, int faceIndex) {
        return String.format(java.util.Locale.ROOT, "crops/%s/%06d_%d.png", key, frame, faceIndex);
    }

    /**
     * Writes a video's record atomically; call it after all its crops are written.
     *
     * @param record the record
     * @throws IOException if it cannot be written
     */
    public void write(VideoCrops record) throws IOException {
        Path target = recordPath(record.key());
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".record", ".part");
        try {
            Files.writeString(tmp, GSON.toJson(toJson(record)), StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads every record, in key order.
     *
     * @return the records
     * @throws IOException if the folder has no records or one is malformed
     */
    public List<VideoCrops> readAll() throws IOException {
        Path dir = root.resolve("videos");
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    root + ": not a crop folder (no videos/ records); run dfd extract");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<VideoCrops> out = new ArrayList<>(files.size());
        for (Path f : files) {
            try {
                out.add(
                        fromJson(
                                JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8))
                                        .getAsJsonObject()));
            } catch (JsonParseException | IllegalStateException | NullPointerException e) {
                throw new IOException(f + ": malformed crop record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Reads one video's record.
     *
     * @param key the video's key
     * @return the record, or empty when the video has not been extracted
     * @throws IOException if the record is malformed
     */
    public Optional<VideoCrops> read(String key) throws IOException {
        Path f = recordPath(key);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    fromJson(
                            JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8))
                                    .getAsJsonObject()));
        } catch (JsonParseException | IllegalStateException | NullPointerException e) {
            throw new IOException(f + ": malformed crop record: " + e.getMessage(), e);
        }
    }

    private Path recordPath(String key) {
        return root.resolve("videos").resolve(key + ".json");
    }

    private static JsonObject toJson(VideoCrops r) {
        JsonObject o = new JsonObject();
        o.addProperty("key", r.key());
        o.addProperty("video", r.video());
        o.addProperty("label", r.label().name());
        o.addProperty("part", r.part());
        r.original().ifPresent(s -> o.addProperty("original", s));
        r.error().ifPresent(s -> o.addProperty("error", s));
        JsonArray crops = new JsonArray();
        for (CropRecord c : r.crops()) {
            JsonObject j = new JsonObject();
            j.addProperty("frame", c.frame());
            j.addProperty("face", c.faceIndex());
            j.add("detection", face(c.face()));
            j.addProperty("crop", c.crop());
            j.add("detection_in_crop", face(c.faceInCrop()));
            crops.add(j);
        }
        o.add("crops", crops);
        return o;
    }

    private static JsonObject face(Face f) {
        JsonObject o = new JsonObject();
        JsonArray box = new JsonArray();
        box.add(f.box().x1());
        box.add(f.box().y1());
        box.add(f.box().x2());
        box.add(f.box().y2());
        o.add("box", box);
        o.addProperty("score", f.score());
        JsonArray lm = new JsonArray();
        for (Point p : f.landmarks()) {
            JsonArray xy = new JsonArray();
            xy.add(p.x());
            xy.add(p.y());
            lm.add(xy);
        }
        o.add("landmarks", lm);
        return o;
    }

    private static Face face(JsonObject o) {
        JsonArray b = o.getAsJsonArray("box");
        List<Point> lm = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("landmarks")) {
            JsonArray xy = e.getAsJsonArray();
            lm.add(new Point(xy.get(0).getAsDouble(), xy.get(1).getAsDouble()));
        }
        return new Face(
                new Box(
                        b.get(0).getAsDouble(),
                        b.get(1).getAsDouble(),
                        b.get(2).getAsDouble(),
                        b.get(3).getAsDouble()),
                o.get("score").getAsDouble(),
                lm);
    }

    private static VideoCrops fromJson(JsonObject o) {
        List<CropRecord> crops = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("crops")) {
            JsonObject j = e.getAsJsonObject();
            crops.add(
                    new CropRecord(
                            j.get("frame").getAsInt(),
                            j.get("face").getAsInt(),
                            face(j.getAsJsonObject("detection")),
                            j.get("crop").getAsString(),
                            face(j.getAsJsonObject("detection_in_crop"))));
        }
        return new VideoCrops(
                o.get("key").getAsString(),
                o.get("video").getAsString(),
                Label.parse(o.get("label").getAsString()),
                o.get("part").getAsInt(),
                o.has("original") ? Optional.of(o.get("original").getAsString()) : Optional.empty(),
                crops,
                o.has("error") ? Optional.of(o.get("error").getAsString()) : Optional.empty());
    }
}
