package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.DataType;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {
    @TempDir Path tmp;

    private static TensorData floats(String name, long[] shape, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        b.flip();
        return new TensorData(name, DataType.FLOAT32, shape, b);
    }

    private static TensorData longScalar(String name, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
        b.flip();
        return new TensorData(name, DataType.INT64, new long[0], b);
    }

    @Test
    void roundTripsTensorsAndMetadataThroughTheReader() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", floats("conv.weight", new long[] {2, 1, 1, 2}, 1, -2, 3.5f, 4));
        tensors.put("bn.num_batches_tracked", longScalar("bn.num_batches_tracked", 1000));
        tensors.put("fc.bias", floats("fc.bias", new long[] {1}, 0.25f));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("epoch", 3);
        meta.put("bce_best", 0.1875);
        meta.put("arch", "tf_efficientnet_b0");
        meta.put("config", Map.of("lr", 0.001, "nesterov", true));
        meta.put("parts", List.of(40, 41));
        Path file = tmp.resolve("best.pth");

        TorchCheckpointWriter.write(file, "state_dict", StateDict.of(tensors), meta);
        Checkpoint back = Checkpoints.readFull(file);

        StateDict sd = back.stateDict();
        assertThat(sd.keys()).containsExactly("conv.weight", "bn.num_batches_tracked", "fc.bias");
        assertThat(sd.get("conv.weight").shape()).containsExactly(2, 1, 1, 2);
        assertThat(sd.get("conv.weight").toFloatArray()).containsExactly(1, -2, 3.5f, 4);
        assertThat(sd.get("bn.num_batches_tracked").dataType()).isEqualTo(DataType.INT64);
        assertThat(sd.get("fc.bias").toFloatArray()).containsExactly(0.25f);
        assertThat(back.metadata()).containsEntry("arch", "tf_efficientnet_b0");
        assertThat(((Number) back.metadata().get("epoch")).intValue()).isEqualTo(3);
        assertThat(((Number) back.metadata().get("bce_best")).doubleValue()).isEqualTo(0.1875);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void storagesAreStoredUncompressedAndAligned() throws IOException {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("a", floats("a", new long[] {3}, 1, 2, 3));
        tensors.put("b", floats("b", new long[] {1}, 4));
        Path file = tmp.resolve("x.pth");
        TorchCheckpointWriter.write(file, "state_dict", StateDict.of(tensors), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName))
                    .containsExactly(
                            "x/data.pkl", "x/byteorder", "x/data/0", "x/data/1", "x/version");
            for (String name : List.of("x/data/0", "x/data/1")) {
                ZipEntry e = zip.getEntry(name);
                assertThat(e.getMethod()).isEqualTo(ZipEntry.STORED);
                byte[] data = zip.getInputStream(e).readAllBytes();
                int offset = indexOf(bytes, data);
                assertThat(offset % 64).as(name + " at " + offset).isZero();
            }
        }
    }

    @Test
    void rewritesARealCheckpointLosslessly() throws IOException {
        Path original = SharedData.path("reference/efficientnet/dfdc_b0.dfdc.pth");
        StateDict sd = Checkpoints.read(original);
        Path copy = tmp.resolve("copy.pth");
        TorchCheckpointWriter.write(copy, "state_dict", sd, Map.of("epoch", 1));
        StateDict back = Checkpoints.read(copy);
        assertThat(back.keys()).containsExactlyElementsOf(sd.keys());
        for (String k : sd.keys()) {
            assertThat(back.get(k).shape()).as(k).isEqualTo(sd.get(k).shape());
            assertThat(back.get(k).data()).as(k).isEqualTo(sd.get(k).data());
        }
    }

    @Test
    void rejectsMetadataThatIsNotPlainData() {
        Map<String, TensorData> tensors = Map.of("a", floats("a", new long[] {1}, 1));
        assertThatThrownBy(
                        () ->
                                TorchCheckpointWriter.write(
                                        tmp.resolve("y.pth"),
                                        "state_dict",
                                        StateDict.of(tensors),
                                        Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
        assertThat(tmp.resolve("y.pth")).doesNotExist();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
