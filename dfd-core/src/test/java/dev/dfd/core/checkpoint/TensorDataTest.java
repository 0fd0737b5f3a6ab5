package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorDataTest {
    private static ByteBuffer shorts(int... bits) {
        ByteBuffer b = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < bits.length; i++) {
            b.putShort(2 * i, (short) bits[i]);
        }
        return b;
    }

    @Test
    void float16BitPatternsConvertExactly() {
        TensorData t =
                new TensorData(
                        "h",
                        DataType.FLOAT16,
                        new long[] {8},
                        shorts(0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000, 0x7c00, 0x3555, 0x0400));

        float[] f = t.toFloatArray();

        assertThat(f[0]).isEqualTo(1f);
        assertThat(f[1]).isEqualTo(-2f);
        assertThat(f[2]).isEqualTo(65504f);
        assertThat(f[3]).isEqualTo(0x1p-24f);
        assertThat(Float.floatToRawIntBits(f[4])).isEqualTo(0x80000000);
        assertThat(f[5]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(f[6]).isEqualTo(0.33325195f);
        assertThat(f[7]).isEqualTo(0x1p-14f);
        assertThat(Float16.toFloat((short) 0x7e00)).isNaN();
    }

    @Test
    void bfloat16AndFloat64Convert() {
        TensorData bf =
                new TensorData("b", DataType.BFLOAT16, new long[] {2}, shorts(0x3f80, 0xc040));
        ByteBuffer d =
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putDouble(0, 0.1)
                        .putDouble(8, -1e300);
        TensorData f64 = new TensorData("d", DataType.FLOAT64, new long[] {2}, d);

        assertThat(bf.toFloatArray()).containsExactly(1f, -3f);
        assertThat(f64.toFloatArray()).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void toNDArrayWidensFloatsAndKeepsInt64() {
        TensorData half =
                new TensorData("h", DataType.FLOAT16, new long[] {2, 1}, shorts(0x3c00, 0x3800));
        ByteBuffer l = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        TensorData count = new TensorData("n", DataType.INT64, new long[0], l);

        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = half.toNDArray(manager);
            NDArray n = count.toNDArray(manager);

            assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(a.getShape().getShape()).containsExactly(2, 1);
            assertThat(a.toFloatArray()).containsExactly(1f, 0.5f);
            assertThat(n.getDataType()).isEqualTo(DataType.INT64);
            assertThat(n.getShape().dimension()).isZero();
            assertThat(n.toLongArray()).containsExactly(1L << 40);
        }
    }

    @Test
    void valuesAreImmutableAndChecked() {
        long[] shape = {2};
        ByteBuffer data = ByteBuffer.allocate(8);
        TensorData t = new TensorData("w", DataType.FLOAT32, shape, data);
        shape[0] = 5;
        t.shape()[0] = 7;
        data.putFloat(0, 3f);

        assertThat(t.shape()).containsExactly(2);
        assertThat(t.data().isReadOnly()).isTrue();
        assertThat(t.numel()).isEqualTo(2);
        assertThatThrownBy(
                        () ->
                                new TensorData(
                                        "w",
                                        DataType.FLOAT32,
                                        new long[] {3},
                                        ByteBuffer.allocate(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w: 8 bytes");
    }

    @Test
    void stateDictKeepsOrderAndFiltersByPrefix() {
        Map<String, TensorData> m = new LinkedHashMap<>();
        for (String k :
                new String[] {"encoder.b", "encoder.a", "fc.weight", "encoder.classifier.bias"}) {
            m.put(k, new TensorData("x", DataType.FLOAT32, new long[] {1}, ByteBuffer.allocate(4)));
        }
        StateDict d = StateDict.of(m, "file.pth");

        StateDict encoder = d.stripPrefix("encoder.");
        StateDict kept = encoder.withoutKeysMatching(k -> k.startsWith("classifier."));

        assertThat(d.get("fc.weight").name()).isEqualTo("fc.weight");
        assertThat(encoder.keys()).containsExactly("b", "a", "classifier.bias");
        assertThat(encoder.get("b").name()).isEqualTo("b");
        assertThat(kept.keys()).containsExactly("b", "a");
        assertThat(kept.size()).isEqualTo(2);
        assertThat(kept.contains("classifier.bias")).isFalse();
        assertThatThrownBy(() -> d.get("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file.pth")
                .hasMessageContaining("nope");
    }
}
