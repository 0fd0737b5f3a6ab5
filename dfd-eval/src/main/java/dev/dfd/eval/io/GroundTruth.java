package dev.dfd.eval.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the true labels of videos (1 = fake, 0 = real) from a DFDC {@code metadata.json} ({@code
 * {"x.mp4": {"label": "FAKE", ...}, ...}}) or from a CSV with the header {@code filename,label}
 * whose labels are 0/1 or REAL/FAKE in any case. Stateless and thread-safe.
 */
public final class GroundTruth {
    private GroundTruth() {}

    /**
     * Reads labels, choosing the format by content: a file whose first non-blank character is an
     * opening brace is read as DFDC metadata JSON, any other as CSV.
     *
     * @param file the metadata JSON or label CSV, UTF-8
     * @return labels by file name, in the order of the file; unmodifiable
     * @throws EvaluationInputException when the file is missing, empty or malformed, or a label is
     *     not one of the accepted values; the message names the file and the line or entry
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Integer> read(Path file) throws IOException {
        return looksLikeJson(file) ? readMetadataJson(file) : readCsv(file);
    }

    /**
     * Reads a DFDC {@code metadata.json}: an object whose keys are file names and whose values are
     * objects with a {@code label} of {@code FAKE} or {@code REAL} (any case); other fields are
     * ignored.
     *
     * @param file the JSON file, UTF-8
     * @return labels by file name, in the order of the file; unmodifiable
     * @throws EvaluationInputException when the file is missing, not JSON, not an object, has no
     *     entries, or an entry has no valid label; the message names the file and entry
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Integer> readMetadataJson(Path file) throws IOException {
        JsonElement root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(in);
        } catch (NoSuchFileException e) {
            throw new EvaluationInputException(file + ": no such file", e);
        } catch (JsonParseException e) {
            throw new EvaluationInputException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new EvaluationInputException(
                    file + ": expected a JSON object of file name to {\"label\": ...}");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : root.getAsJsonObject().entrySet()) {
            String name = entry.getKey();
            JsonElement value = entry.getValue();
            JsonElement label = value.isJsonObject() ? ((JsonObject) value).get("label") : null;
            if (label == null
                    || !label.isJsonPrimitive()
                    || !label.getAsJsonPrimitive().isString()) {
                throw new EvaluationInputException(
                        file + ": entry \"" + name + "\" has no \"label\" string");
            }
            Integer y = parseWord(label.getAsString());
            if (y == null) {
                throw new EvaluationInputException(
                        file
                                + ": entry \""
                                + name
                                + "\" has label \""
                                + label.getAsString()
                                + "\", expected FAKE or REAL");
            }
            out.put(name, y);
        }
        if (out.isEmpty()) {
            throw new EvaluationInputException(file + ": no entries");
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Reads a label CSV with the header {@code filename,label} and labels 0, 1, REAL or FAKE (any
     * case).
     *
     * @param file the CSV file, UTF-8
     * @return labels by file name, in the order of the file; unmodifiable
     * @throws EvaluationInputException when the file is missing or empty, the header is wrong, a
     *     line does not have two fields, a file name repeats, or a label is not accepted; the
     *     message names the file and line
     * @throws IOException when the file cannot be read
     */
    public static Map<String, Integer> readCsv(Path file) throws IOException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (FilenameCsv.Row row : FilenameCsv.read(file)) {
            Integer y =
                    switch (row.value()) {
                        case "0" -> 0;
                        case "1" -> 1;
                        default -> parseWord(row.value());
                    };
            if (y == null) {
                throw EvaluationInputException.atLine(
                        file,
                        row.line(),
                        "label '"
                                + row.value()
                                + "' of "
                                + row.filename()
                                + " is not 0, 1, REAL or FAKE");
            }
            out.put(row.filename(), y);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Integer parseWord(String word) {
        return switch (word.strip().toUpperCase(Locale.ROOT)) {
            case "FAKE" -> 1;
            case "REAL" -> 0;
            default -> null;
        };
    }

    private static boolean looksLikeJson(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\uFEFF' || Character.isWhitespace(c)) {
                    continue;
                }
                return c == '{';
            }
            return false;
        } catch (NoSuchFileException e) {
            throw new EvaluationInputException(file + ": no such file", e);
        }
    }
}
