package dev.dfd.train.data;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dataset from disk in one of three layouts, detected from the path:
 *
 * <ul>
 *   <li>the DFDC layout: folders {@code dfdc_train_part_N/}, each with a {@code metadata.json}
 *       mapping file names to {@code {"label": "FAKE"|"REAL", "original": ...}};
 *   <li>a plain layout: folders {@code real/} and {@code fake/} of videos;
 *   <li>a CSV file of {@code path,label} rows (label REAL/FAKE or 0/1; relative paths are relative
 *       to the CSV's folder).
 * </ul>
 *
 * <p>Videos listed but missing on disk, and fakes whose original is not in their folder, are
 * skipped and reported (DFDC has such fakes). Stateless and thread-safe.
 */
public final class DatasetReader {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetReader.class);
    private static final Pattern PART = Pattern.compile("dfdc_train_part_(\\d+)");
    private static final Set<String> VIDEO_EXTENSIONS =
            Set.of("mp4", "avi", "mov", "mkv", "webm", "m4v", "mpg", "mpeg");

    private DatasetReader() {}

    /**
     * What was read, and what was skipped and why.
     *
     * @param dataset the usable videos
     * @param skipped one line per skipped entry, naming the file and the reason
     */
    public record Result(Dataset dataset, List<String> skipped) {
        /** Copies the list. */
        public Result {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * Reads a dataset, choosing the layout from the path.
     *
     * @param root a DFDC root (or a single {@code dfdc_train_part_N} folder), a folder with {@code
     *     real/} and {@code fake/}, or a CSV file
     * @return the dataset and what was skipped
     * @throws IOException if the path is none of these or a metadata file is malformed
     */
    public static Result read(Path root) throws IOException {
        if (Files.isRegularFile(root)) {
            return readCsv(root);
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": no such dataset folder or CSV file");
        }
        List<Path> parts = dfdcParts(root);
        if (!parts.isEmpty()) {
            return readDfdc(parts);
        }
        if (Files.isDirectory(root.resolve("real")) || Files.isDirectory(root.resolve("fake"))) {
            return readPlain(root);
        }
        throw new IOException(
                root
                        + ": not a dataset (expected dfdc_train_part_N/ folders with metadata.json,"
                        + " real/ and fake/ folders, or a CSV file)");
    }

    private static List<Path> dfdcParts(Path root) throws IOException {
        if (PART.matcher(root.getFileName() == null ? "" : root.getFileName().toString()).matches()
                && Files.isRegularFile(root.resolve("metadata.json"))) {
            return List.of(root);
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> PART.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("metadata.json")))
                    .sorted()
                    .toList();
        }
    }

    private static Result readDfdc(List<Path> parts) throws IOException {
        List<VideoEntry> videos = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Path folder : parts) {
            Matcher m = PART.matcher(folder.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalStateException("not a part folder: " + folder);
            }
            int part = Integer.parseInt(m.group(1));
            Path metadata = folder.resolve("metadata.json");
            JsonObject json;
            try (Reader r = Files.newBufferedReader(metadata, StandardCharsets.UTF_8)) {
                JsonElement e = JsonParser.parseReader(r);
                if (!e.isJsonObject()) {
                    throw new IOException(metadata + ": expected a JSON object of videos");
                }
                json = e.getAsJsonObject();
            } catch (JsonParseException e) {
                throw new IOException(metadata + ": malformed JSON: " + e.getMessage(), e);
            }
            List<VideoEntry> inFolder = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : json.entrySet()) {
                String name = e.getKey();
                if (!e.getValue().isJsonObject() || !e.getValue().getAsJsonObject().has("label")) {
                    throw new IOException(metadata + ": entry " + name + " has no label");
                }
                JsonObject v = e.getValue().getAsJsonObject();
                Label label;
                try {
                    label = Label.parse(v.get("label").getAsString());
                } catch (IllegalArgumentException ex) {
                    throw new IOException(metadata + ": " + name + ": " + ex.getMessage(), ex);
                }
                Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    skipped.add(file + ": listed in metadata.json but missing");
                    continue;
                }
                Optional<String> original =
                        label == Label.FAKE && v.has("original") && !v.get("original").isJsonNull()
                                ? Optional.of(v.get("original").getAsString())
                                : Optional.empty();
                inFolder.add(new VideoEntry(file, label, part, original));
            }
            Set<String> present =
                    inFolder.stream()
                            .filter(v -> v.label() == Label.REAL)
                            .map(VideoEntry::name)
                            .collect(java.util.stream.Collectors.toSet());
            for (VideoEntry v : inFolder) {
                if (v.label() == Label.FAKE
                        && (v.original().isEmpty() || !present.contains(v.original().get()))) {
                    skipped.add(
                            v.path()
                                    + ": fake whose original "
                                    + v.original().orElse("(none given)")
                                    + " is not in its folder");
                } else {
                    videos.add(v);
                }
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{} entries skipped; first: {}", skipped.size(), skipped.get(0));
        }
        return new Result(new Dataset(videos).sorted(), skipped);
    }

    private static Result readPlain(Path root) throws IOException {
        List<VideoEntry> videos = new ArrayList<>();
        for (Label label : Label.values()) {
            Path dir = root.resolve(label.name().toLowerCase(Locale.ROOT));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isRegularFile)
                        .filter(DatasetReader::isVideo)
                        .sorted()
                        .forEach(p -> videos.add(new VideoEntry(p, label, -1, Optional.empty())));
            }
        }
        return new Result(new Dataset(videos), List.of());
    }

    private static Result readCsv(Path csv) throws IOException {
        List<VideoEntry> videos = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Path base = csv.toAbsolutePath().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || (i == 0 && line.toLowerCase(Locale.ROOT).startsWith("path,"))) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            if (comma <= 0) {
                throw new IOException(
                        csv + ":" + (i + 1) + ": expected 'path,label', got '" + line + "'");
            }
            Label label;
            try {
                label = Label.parse(line.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                throw new IOException(csv + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
            Path file = base.resolve(line.substring(0, comma).strip());
            if (!Files.isRegularFile(file)) {
                skipped.add(file + ": listed in " + csv.getFileName() + " but missing");
                continue;
            }
            videos.add(new VideoEntry(file, label, -1, Optional.empty()));
        }
        return new Result(new Dataset(videos), skipped);
    }

    private static boolean isVideo(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0
                && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
