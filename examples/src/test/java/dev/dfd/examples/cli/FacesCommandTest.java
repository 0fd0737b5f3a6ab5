package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.dfd.core.face.Box;
import dev.dfd.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacesCommandTest {
    @TempDir Path tmp;

    /** facenet-pytorch's boxes for multiface.jpg, from reference/mtcnn/reference.json. */
    private static List<Box> referenceBoxes() throws Exception {
        JsonObject root =
                JsonParser.parseString(
                                Files.readString(SharedData.path("reference/mtcnn/reference.json")))
                        .getAsJsonObject();
        for (JsonElement e : root.getAsJsonArray("inputs")) {
            JsonObject in = e.getAsJsonObject();
            if (in.get("group").getAsString().equals("multiface")) {
                List<Box> boxes = new ArrayList<>();
                for (JsonElement f : in.getAsJsonArray("faces")) {
                    boxes.add(box(f.getAsJsonObject().getAsJsonArray("box")));
                }
                return boxes;
            }
        }
        throw new AssertionError("no multiface entry in reference.json");
    }

    private static Box box(JsonArray a) {
        return new Box(
                a.get(0).getAsDouble(),
                a.get(1).getAsDouble(),
                a.get(2).getAsDouble(),
                a.get(3).getAsDouble());
    }

    private static JsonArray readJson(Path file) throws Exception {
        return JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    }

    private static List<Box> boxes(JsonObject entry) {
        List<Box> out = new ArrayList<>();
        for (JsonElement f : entry.getAsJsonArray("faces")) {
            out.add(box(f.getAsJsonObject().getAsJsonArray("box")));
        }
        return out;
    }

    private static int[] pngSize(Path file) {
        try (Mat m = opencv_imgcodecs.imread(file.toString())) {
            return new int[] {m.cols(), m.rows()};
        }
    }

    @Test
    void haarOnAnImageWritesJsonCropsAndAnnotation() throws Exception {
        Path image = SharedData.path("media/multiface.jpg");
        Path json = tmp.resolve("out/faces.json");
        CliRun run =
                CliRun.of(
                        "faces",
                        image.toString(),
                        "--detector",
                        "haar",
                        "--json",
                        json.toString(),
                        "--crops",
                        tmp.resolve("crops").toString(),
                        "--annotate",
                        tmp.resolve("annotated").toString(),
                        "--size",
                        "224");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("multiface.jpg: ").contains("in 1 frame");

        JsonArray entries = readJson(json);
        assertThat(entries).hasSize(1);
        JsonObject entry = entries.get(0).getAsJsonObject();
        assertThat(entry.get("frame").isJsonNull()).isTrue();
        assertThat(entry.get("width").getAsInt()).isEqualTo(1200);
        assertThat(entry.get("height").getAsInt()).isEqualTo(630);
        List<Box> found = boxes(entry);
        for (Box ref : referenceBoxes()) {
            assertThat(found).anySatisfy(b -> assertThat(b.iou(ref)).isGreaterThanOrEqualTo(0.5));
        }
        JsonObject first = entry.getAsJsonArray("faces").get(0).getAsJsonObject();
        assertThat(first.getAsJsonArray("landmarks")).isEmpty();
        assertThat(first.get("score").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(Files.list(tmp.resolve("out")).toList()).containsExactly(json);

        List<Path> crops;
        try (Stream<Path> s = Files.list(tmp.resolve("crops"))) {
            crops = s.sorted().toList();
        }
        assertThat(crops).hasSize(found.size());
        assertThat(crops.get(0).getFileName().toString()).isEqualTo("multiface_face0.png");
        assertThat(pngSize(crops.get(0))).containsExactly(224, 224);
        assertThat(pngSize(tmp.resolve("annotated/multiface.png"))).containsExactly(1200, 630);
    }

    @Test
    void mtcnnBoxesMatchFacenetPytorchWithinTwoPixels() throws Exception {
        Path models = SharedData.path("models");
        Path image = SharedData.path("media/multiface.jpg");
        Path json = tmp.resolve("mtcnn.json");
        String before = System.setProperty("dfd.model.dir", models.toString());
        CliRun run;
        try {
            run = CliRun.of("faces", image.toString(), "--json", json.toString());
        } finally {
            restore("dfd.model.dir", before);
        }
        assertThat(run.status()).as(run.err()).isZero();
        JsonObject entry = readJson(json).get(0).getAsJsonObject();
        List<Box> found = boxes(entry);
        List<Box> expected = referenceBoxes();
        assertThat(found).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Box e = expected.get(i);
            Box a = found.get(i);
            assertThat(
                            Math.max(
                                    Math.max(Math.abs(a.x1() - e.x1()), Math.abs(a.y1() - e.y1())),
                                    Math.max(Math.abs(a.x2() - e.x2()), Math.abs(a.y2() - e.y2()))))
                    .as("face %d: %s vs %s", i, a, e)
                    .isLessThanOrEqualTo(2.0);
        }
        JsonArray landmarks =
                entry.getAsJsonArray("faces").get(0).getAsJsonObject().getAsJsonArray("landmarks");
        assertThat(landmarks).hasSize(5);
    }

    @Test
    void aVideoGivesOneEntryPerSampledFrame() throws Exception {
        Path video = SharedData.path("media/video.mp4");
        Path json = tmp.resolve("video.json");
        CliRun run =
                CliRun.of(
                        "faces",
                        video.toString(),
                        "--detector",
                        "haar",
                        "--frames",
                        "2",
                        "--json",
                        json.toString(),
                        "--annotate",
                        tmp.toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonArray entries = readJson(json);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).getAsJsonObject().get("frame").getAsInt()).isZero();
        assertThat(entries.get(1).getAsJsonObject().get("frame").getAsInt()).isEqualTo(52);
        assertThat(entries.get(0).getAsJsonObject().get("width").getAsInt()).isEqualTo(1920);
        assertThat(entries.get(0).getAsJsonObject().getAsJsonArray("faces")).isNotEmpty();
        assertThat(tmp.resolve("video_f000052.png")).exists();
    }

    @Test
    void missingMtcnnWeightsSuggestHaar() {
        String dir = System.setProperty("dfd.model.dir", tmp.resolve("none").toString());
        String cache = System.setProperty("dfd.cache.dir", tmp.resolve("cache").toString());
        CliRun run;
        try {
            run = CliRun.of("faces", SharedData.path("media/multiface.jpg").toString());
        } finally {
            restore("dfd.model.dir", dir);
            restore("dfd.cache.dir", cache);
        }
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err())
                .contains("mtcnn/pnet.pt")
                .contains("--detector haar")
                .contains("DFD_MODEL_DIR");
    }

    @Test
    void badInputIsAOneLineError() {
        CliRun run =
                CliRun.of("faces", tmp.resolve("nothing.mp4").toString(), "--detector", "haar");
        assertThat(run.status()).isNotZero();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("nothing.mp4").doesNotContain("\tat ");

        CliRun frames = CliRun.of("faces", "x.jpg", "--frames", "0");
        assertThat(frames.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(frames.err()).contains("--frames must be at least 1");
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
