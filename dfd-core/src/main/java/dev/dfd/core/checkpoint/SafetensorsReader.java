package dev.dfd.core.checkpoint;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the safetensors format: an 8-byte little-endian header length, a JSON header mapping each
 * name to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the
 * header), then the raw row-major little-endian data. Tensors are views of the given buffer, not
 * copies. Stateless and thread-safe.
 */
final class SafetensorsReader {
    private static final String METADATA_KEY = "__metadata__";

    private SafetensorsReader() {}

    /**
     * Whether the bytes look like a safetensors file: a plausible header length followed by
     * {@code '{'}.
     */
    static boolean looksLike(ByteBuffer file) {
        if (file.limit() < 10) {
            return false;
        }
        long headerLength = file.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return headerLength >= 2 && headerLength <= file.limit() - 8L && file.get(8) == '{';
    }

    static Checkpoint read(ByteBuffer file, String source) throws CheckpointException {
        ByteBuffer buf = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long size = buf.limit();
        if (size < 8) {
            throw new CheckpointException(
                    source + ": truncated safetensors file (" + size + " bytes)");
        }
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > size - 8) {
            throw new CheckpointException(
                    source
                            + ": safetensors header length "
                            + headerLength
                            + " does not fit in a file of "
                            + size
                            + " bytes (truncated or not safetensors)");
        }
        byte[] json = new byte[(int) headerLength];
        buf.get(8, json);
        JsonObject header;
        try {
            header =
                    JsonParser.parseString(new String(json, StandardCharsets.UTF_8))
                            .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new CheckpointException(
                    source + ": corrupt safetensors header: " + e.getMessage(), e);
        }

        int dataStart = (int) (8 + headerLength);
        long dataLength = size - dataStart;
        LinkedHashMap<String, TensorData> tensors = new LinkedHashMap<>();
        LinkedHashMap<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            try {
                if (name.equals(METADATA_KEY)) {
                    for (Map.Entry<String, JsonElement> m :
                            e.getValue().getAsJsonObject().entrySet()) {
                        metadata.put(m.getKey(), m.getValue().getAsString());
                    }
                    continue;
                }
                JsonObject info = e.getValue().getAsJsonObject();
                DataType type = dataType(info.get("dtype").getAsString(), source, name);
                JsonArray dims = info.getAsJsonArray("shape");
                long[] shape = new long[dims.size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                }
                JsonArray offsets = info.getAsJsonArray("data_offsets");
                long begin = offsets.get(0).getAsLong();
                long end = offsets.get(1).getAsLong();
                if (begin < 0 || end < begin || end > dataLength) {
                    throw new CheckpointException(
                            source
                                    + ": tensor '"
                                    + name
                                    + "' data_offsets ["
                                    + begin
                                    + ", "
                                    + end
                                    + "] outside the "
                                    + dataLength
                                    + " data bytes (truncated file?)");
                }
                ByteBuffer data = buf.slice(dataStart + (int) begin, (int) (end - begin));
                tensors.put(name, new TensorData(name, type, shape, data));
            } catch (IllegalArgumentException | IllegalStateException | NullPointerException ex) {
                throw new CheckpointException(
                        source + ": bad safetensors entry '" + name + "': " + ex.getMessage(), ex);
            } catch (IndexOutOfBoundsException | ArithmeticException ex) {
                throw new CheckpointException(
                        source + ": bad safetensors entry '" + name + "': " + ex, ex);
            }
        }
        return new Checkpoint(StateDict.of(tensors, source), metadata);
    }

    private static DataType dataType(String dtype, String source, String name)
            throws CheckpointException {
        return switch (dtype) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "BF16" -> DataType.BFLOAT16;
            case "F64" -> DataType.FLOAT64;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            case "I16" -> DataType.INT16;
            case "I8" -> DataType.INT8;
            case "U8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOLEAN;
            default ->
                    throw new CheckpointException(
                            source + ": tensor '" + name + "' has unsupported dtype " + dtype);
        };
    }
}
