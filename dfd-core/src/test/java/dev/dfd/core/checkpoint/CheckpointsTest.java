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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads the real fixtures in ../shared and compares them with their documented references. */
class CheckpointsTest {
    private static final String EFFNET = "reference/efficientnet/";

    /** One row of the tensor tables in reference/mtcnn/README.md. */
    private record MtcnnRow(String name, long[] shape, long[] stride, int dataOffset) {}

    @ParameterizedTest
    @ValueSource(strings = {"pnet", "rnet", "onet"})
    void legacyMtcnnTensorsEqualTheRawStoragesReadWithTheDocumentedStrides(String net)
            throws IOException {
        Path file = SharedData.model("mtcnn/" + net + ".pt");
        List<MtcnnRow> rows = mtcnnTable(net);
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);

        StateDict dict = Checkpoints.read(file);

        assertThat(dict.keys())
                .containsExactlyElementsOf(rows.stream().map(MtcnnRow::name).toList());
        int checked = 0;
        for (MtcnnRow row : rows) {
            TensorData t = dict.get(row.name());
            assertThat(t.dataType()).isEqualTo(DataType.FLOAT32);
            assertThat(t.shape()).as(row.name()).containsExactly(row.shape());
            float[] values = t.toFloatArray();
            long[] index = new long[row.shape().length];
            for (int i = 0; i < values.length; i++) {
                long element = 0;
                long rest = i;
                for (int d = index.length - 1; d >= 0; d--) {
                    index[d] = rest % row.shape()[d];
                    rest /= row.shape()[d];
                    element += index[d] * row.stride()[d];
                }
                float expected = raw.getFloat(row.dataOffset() + (int) element * 4);
                if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(expected)) {
                    throw new AssertionError(
                            row.name()
                                    + " element "
                                    + Arrays.toString(index)
                                    + ": "
                                    + values[i]
                                    + " vs raw "
                                    + expected);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(6000);
    }

    @Test
    void mtcnnConvWeightIsTransposedToRowMajor() throws IOException {
        StateDict dict = Checkpoints.read(SharedData.model("mtcnn/pnet.pt"));
        TensorData w = dict.get("conv1.weight");
        ByteBuffer raw =
                ByteBuffer.wrap(Files.readAllBytes(SharedData.model("mtcnn/pnet.pt")))
                        .order(ByteOrder.LITTLE_ENDIAN);
        // Raw element [o=1, i=0, kh=0, kw=0] is the second float of the storage (stride 1 on out).
        assertThat(w.toFloatArray()[27]).isEqualTo(raw.getFloat(27418 + 4));
        assertThat(w.shape()).containsExactly(10, 3, 3, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dfdc_b0.dfdc.pth", "dfdc_b0.dfdc_legacy.pth"})
    void dfdcCheckpointIsUnwrappedAndStrippedOfModulePrefix(String name) throws IOException {
        Checkpoint c = Checkpoints.readFull(SharedData.path(EFFNET + name));
        List<ReferenceKeys> expected =
                ReferenceKeys.read(SharedData.path(EFFNET + "keys/dfdc_b0.keys.txt"));

        assertKeys(c.stateDict(), expected, false);
        assertThat(c.metadata()).containsEntry("bce_best", 0.1234).containsKey("epoch");
        assertThat(c.metadata().get("epoch")).isInstanceOf(Long.class);
        assertThat(c.stateDict().get("encoder.bn1.num_batches_tracked").toLongArray())
                .containsExactly(1000L);
    }

    @Test
    void zipAndLegacyDfdcFilesHoldEqualTensors() throws IOException {
        StateDict zip = Checkpoints.read(SharedData.path(EFFNET + "dfdc_b0.dfdc.pth"));
        StateDict legacy = Checkpoints.read(SharedData.path(EFFNET + "dfdc_b0.dfdc_legacy.pth"));

        assertThat(legacy.keys()).containsExactlyElementsOf(zip.keys());
        for (String key : zip.keys()) {
            assertThat(legacy.get(key)).as(key).isEqualTo(zip.get(key));
        }
    }

    @Test
    void dfdcEncoderSharesItsNonStatisticWeightsWithTheTfEfficientNetSafetensors()
            throws IOException {
        StateDict pth =
                Checkpoints.read(SharedData.path(EFFNET + "dfdc_b0.dfdc.pth"))
                        .stripPrefix("encoder.");
        StateDict st = Checkpoints.read(SharedData.path(EFFNET + "tf_efficientnet_b0.safetensors"));

        int compared = 0;
        for (String key : st.keys()) {
            if (key.endsWith("running_mean") || key.endsWith("running_var")) {
                continue;
            }
            assertThat(Arrays.equals(pth.get(key).toFloatArray(), st.get(key).toFloatArray()))
                    .as(key)
                    .isTrue();
            compared++;
        }
        assertThat(compared).isEqualTo(360 - 98);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tf_efficientnet_b0", "efficientnet_b0"})
    void safetensorsKeysShapesAndTypesMatchTheReference(String model) throws IOException {
        Checkpoint c = Checkpoints.readFull(SharedData.path(EFFNET + model + ".safetensors"));

        assertKeys(
                c.stateDict(),
                ReferenceKeys.read(SharedData.path(EFFNET + "keys/" + model + ".keys.txt")),
                false);
        assertThat(c.metadata()).isNotEmpty();
    }

    @Test
    void efficientNetVariantsShareEverythingButRunningStatistics() throws IOException {
        StateDict tf = Checkpoints.read(SharedData.path(EFFNET + "tf_efficientnet_b0.safetensors"));
        StateDict pt = Checkpoints.read(SharedData.path(EFFNET + "efficientnet_b0.safetensors"));

        List<String> differing = new ArrayList<>();
        for (String key : tf.keys()) {
            if (!tf.get(key).equals(pt.get(key))) {
                differing.add(key);
            }
        }
        assertThat(differing)
                .hasSize(98)
                .allMatch(k -> k.endsWith("running_mean") || k.endsWith("running_var"));
    }

    @Test
    void float16XceptionIsReadAsFloat16AndConverts() throws IOException {
        StateDict dict = Checkpoints.read(SharedData.path(EFFNET + "legacy_xception.fp16.pth"));
        List<ReferenceKeys> expected =
                ReferenceKeys.read(SharedData.path(EFFNET + "keys/legacy_xception.keys.txt"));

        assertKeys(dict, expected, true);
        TensorData w = dict.get("conv1.weight");
        ByteBuffer half = w.data();
        float[] f = w.toFloatArray();
        assertThat(f).hasSize(32 * 3 * 3 * 3);
        for (int i = 0; i < f.length; i++) {
            assertThat(f[i]).isEqualTo(Float16.toFloat(half.getShort(2 * i)));
        }
        float[] var = dict.get("bn1.running_var").toFloatArray();
        for (float v : var) {
            assertThat(v).isPositive().isFinite();
        }
    }

    @Test
    void unknownContentIsRejectedNamingTheFile() throws IOException {
        Path file = Files.createTempFile("not-a-checkpoint", ".pth");
        try {
            Files.writeString(file, "hello, world");
            assertThatThrownBy(() -> Checkpoints.read(file))
                    .isInstanceOf(CheckpointException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not a PyTorch");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void missingFileIsACheckpointException() {
        Path file = Path.of("/nonexistent/dir/model.pth");
        assertThatThrownBy(() -> Checkpoints.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("model.pth");
    }

    private static void assertKeys(StateDict dict, List<ReferenceKeys> expected, boolean fp16) {
        assertThat(dict.keys())
                .containsExactlyElementsOf(expected.stream().map(ReferenceKeys::key).toList());
        for (ReferenceKeys k : expected) {
            TensorData t = dict.get(k.key());
            assertThat(t.shape()).as(k.key()).containsExactly(k.shape());
            DataType type =
                    switch (k.dtype()) {
                        case "float32" -> fp16 ? DataType.FLOAT16 : DataType.FLOAT32;
                        case "int64" -> DataType.INT64;
                        default -> throw new AssertionError(k.dtype());
                    };
            assertThat(t.dataType()).as(k.key()).isEqualTo(type);
        }
    }

    private static List<MtcnnRow> mtcnnTable(String net) throws IOException {
        String readme = Files.readString(SharedData.path("reference/mtcnn/README.md"));
        int start = readme.indexOf("### " + net + " (");
        int end = readme.indexOf("Total parameters", start);
        Pattern row =
                Pattern.compile(
                        "\\| \\d+ \\| `([^`]+)` \\| \\[([^]]*)] \\| float32 \\| \\d+ \\| \\[([^]]*)] \\|"
                                + " \\d+ \\| (\\d+) \\|");
        List<MtcnnRow> rows = new ArrayList<>();
        Matcher m = row.matcher(readme.substring(start, end));
        while (m.find()) {
            rows.add(
                    new MtcnnRow(
                            m.group(1),
                            longs(m.group(2)),
                            longs(m.group(3)),
                            Integer.parseInt(m.group(4))));
        }
        assertThat(rows).as("tensor table of " + net).isNotEmpty();
        return rows;
    }

    private static long[] longs(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }
}
