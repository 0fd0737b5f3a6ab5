package dev.dfd.train.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code history.jsonl} of a run: one JSON object per validation, appended and flushed to disk
 * as it happens, so that a killed run keeps every validation it finished.
 *
 * <p>Not thread-safe: one trainer appends.
 */
public final class TrainingHistory {
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private final Path file;

    /**
     * Opens (or creates on first append) a history file.
     *
     * @param file the {@code history.jsonl} path
     */
    public TrainingHistory(Path file) {
        this.file = file;
    }

    /**
     * Appends one record and forces it to disk.
     *
     * @param record the validation
     * @throws IOException if the file cannot be written
     */
    public void append(ValidationRecord record) throws IOException {
        byte[] line = (toJson(record) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (var channel =
                java.nio.channels.FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            try (OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(line);
                out.flush();
                channel.force(false);
            }
        }
    }

    /**
     * Reads every complete record; a last line cut short by a crash is ignored.
     *
     * @return the records in order
     * @throws IOException if the file cannot be read or a complete line is malformed
     */
    public List<ValidationRecord> read() throws IOException {
        List<ValidationRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                out.add(fromJson(lines[i]));
            } catch (JsonParseException | IllegalStateException | NullPointerException e) {
                if (last) {
                    break;
                }
                throw new IOException(
                        file + ":" + (i + 1) + ": malformed record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * Keeps only the records up to a batch, for a run resumed from an earlier checkpoint than its
     * last validation.
     *
     * @param lastBatch the last batch to keep
     * @throws IOException if the file cannot be rewritten
     */
    public void truncateAfter(long lastBatch) throws IOException {
        List<ValidationRecord> keep = new ArrayList<>();
        for (ValidationRecord r : read()) {
            if (r.batch() <= lastBatch) {
                keep.add(r);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ValidationRecord r : keep) {
            sb.append(toJson(r)).append('\n');
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".history", ".part");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The JSON of a record, with snake_case keys ({@code batch}, {@code train_loss}, ...); a value
     * that is not finite (an AUC of one class) is written as {@code null}.
     */
    static String toJson(ValidationRecord r) {
        JsonObject o = new JsonObject();
        o.addProperty("batch", r.batch());
        o.addProperty("epoch", r.epoch());
        number(o, "lr", r.learningRate());
        number(o, "train_loss", r.trainLoss());
        number(o, "val_log_loss", r.valLogLoss());
        number(o, "val_log_loss_clip_0.1_0.9", r.valLogLossClip10());
        number(o, "val_log_loss_clip_0.15_0.85", r.valLogLossClip15());
        number(o, "val_accuracy", r.valAccuracy());
        number(o, "val_auc", r.valAuc());
        number(o, "seconds", r.seconds());
        return GSON.toJson(o);
    }

    private static void number(JsonObject o, String key, double value) {
        if (Double.isFinite(value)) {
            o.addProperty(key, value);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }

    private static ValidationRecord fromJson(String line) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        return new ValidationRecord(
                o.get("batch").getAsLong(),
                o.get("epoch").getAsInt(),
                number(o, "lr"),
                number(o, "train_loss"),
                number(o, "val_log_loss"),
                number(o, "val_log_loss_clip_0.1_0.9"),
                number(o, "val_log_loss_clip_0.15_0.85"),
                number(o, "val_accuracy"),
                number(o, "val_auc"),
                number(o, "seconds"));
    }

    private static double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
