package dev.dfd.face.crop;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.Point;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The facenet-pytorch MTCNN reference ({@code reference/mtcnn/reference.json}) as Java values.
 *
 * @param name e.g. {@code angelina_jolie} or {@code frame_050}
 * @param group {@code image_original}, {@code image_resize512}, {@code multiface} or {@code
 *     video_frame}
 * @param pixels the lossless file holding the exact detector input, relative to the shared folder:
 *     the media file for originals and multiface, the stored PNG for the others; null for video
 *     frames that are not stored
 * @param faces the reference detections, by box area descending
 */
public record MtcnnReference(String name, String group, String pixels, List<Face> faces) {

    /** Every input of the reference, in file order. */
    public static List<MtcnnReference> all() {
        Path json = SharedData.path("reference/mtcnn/reference.json");
        JsonObject root;
        try {
            root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<MtcnnReference> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("inputs")) {
            JsonObject in = e.getAsJsonObject();
            String group = in.get("group").getAsString();
            JsonElement png = in.get("frame_png");
            String pixels =
                    group.equals("video_frame")
                            ? (png == null || png.isJsonNull() ? null : png.getAsString())
                            : in.get("source").getAsString();
            List<Face> faces = new ArrayList<>();
            for (JsonElement f : in.getAsJsonArray("faces")) {
                JsonObject face = f.getAsJsonObject();
                JsonArray b = face.getAsJsonArray("box");
                List<Point> landmarks = new ArrayList<>();
                for (JsonElement p : face.getAsJsonArray("landmarks")) {
                    JsonArray xy = p.getAsJsonArray();
                    landmarks.add(new Point(xy.get(0).getAsDouble(), xy.get(1).getAsDouble()));
                }
                faces.add(
                        new Face(
                                new Box(
                                        b.get(0).getAsDouble(),
                                        b.get(1).getAsDouble(),
                                        b.get(2).getAsDouble(),
                                        b.get(3).getAsDouble()),
                                face.get("prob").getAsDouble(),
                                landmarks));
            }
            out.add(new MtcnnReference(in.get("name").getAsString(), group, pixels, faces));
        }
        return out;
    }

    /** The input of one group and name. */
    public static MtcnnReference find(String group, String name) {
        return all().stream()
                .filter(r -> r.group().equals(group) && r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(group + "/" + name));
    }
}
