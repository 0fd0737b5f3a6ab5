package dev.dfd.video;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the RGB MD5 sums of {@code reference/mtcnn/reference.json} (Pillow and OpenCV pixels). */
final class Reference {
    private Reference() {}

    /** One reference input: its shared path, frame index (-1 for an image) and RGB MD5. */
    record Input(String source, int frameIndex, int width, int height, String rgbMd5) {}

    /** Every input of the given group ({@code image_original}, {@code multiface}, ...). */
    static Map<String, Input> inputs(String group) throws IOException {
        Path json = SharedData.path("reference/mtcnn/reference.json");
        JsonObject root;
        try (Reader r = Files.newBufferedReader(json)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        }
        Map<String, Input> out = new LinkedHashMap<>();
        for (JsonElement e : root.getAsJsonArray("inputs")) {
            JsonObject o = e.getAsJsonObject();
            if (!o.get("group").getAsString().equals(group)) {
                continue;
            }
            int frame = o.has("frame_index") ? o.get("frame_index").getAsInt() : -1;
            out.put(
                    o.get("name").getAsString(),
                    new Input(
                            o.get("source").getAsString(),
                            frame,
                            o.get("width").getAsInt(),
                            o.get("height").getAsInt(),
                            o.get("rgb_md5").getAsString()));
        }
        return out;
    }

    /** MD5 of the H*W*3 RGB bytes, lower-case hex. */
    static String md5(RgbImage image) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(image.buffer()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
