package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.dfd.core.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loads hand-made state dicts into a small real DJL block (PyTorch engine). */
class StrictLoaderTest {
    private NDManager manager;

    /** conv1 (3 -> 4 channels, 3x3, with bias) then bn1, like a PyTorch module. */
    static final class ConvBn extends AbstractBlock {
        private final Block conv1;
        private final Block bn1;

        ConvBn() {
            conv1 =
                    addChildBlock(
                            "conv1",
                            Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build());
            bn1 = addChildBlock("bn1", BatchNorm.builder().build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return bn1.forward(store, conv1.forward(store, inputs, training), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return bn1.getOutputShapes(conv1.getOutputShapes(inputShapes));
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            conv1.initialize(manager, dataType, inputShapes);
            bn1.initialize(manager, dataType, conv1.getOutputShapes(inputShapes));
        }
    }

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private ConvBn initializedBlock() {
        ConvBn block = new ConvBn();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 8));
        return block;
    }

    private static Map<String, TensorData> matchingTensors() {
        Map<String, TensorData> m = new LinkedHashMap<>();
        m.put("conv1.weight", floats("conv1.weight", new long[] {4, 3, 3, 3}, 0.01f));
        m.put("conv1.bias", floats("conv1.bias", new long[] {4}, 0.5f));
        m.put("bn1.weight", floats("bn1.weight", new long[] {4}, 1.5f));
        m.put("bn1.bias", floats("bn1.bias", new long[] {4}, -0.25f));
        m.put("bn1.running_mean", floats("bn1.running_mean", new long[] {4}, 0.125f));
        m.put("bn1.running_var", floats("bn1.running_var", new long[] {4}, 2f));
        ByteBuffer count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000);
        m.put(
                "bn1.num_batches_tracked",
                new TensorData("bn1.num_batches_tracked", DataType.INT64, new long[0], count));
        return m;
    }

    /** A float32 tensor whose element i is {@code scale * (i + 1)}. */
    private static TensorData floats(String name, long[] shape, float scale) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(4 * i, scale * (i + 1));
        }
        return new TensorData(name, DataType.FLOAT32, shape, b);
    }

    private static Map<String, float[]> snapshot(Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        BlockParameters.named(block).forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void namesFollowPyTorchIncludingBatchNormStatistics() {
        assertThat(BlockParameters.named(new ConvBn()).keySet())
                .containsExactly(
                        "conv1.weight",
                        "conv1.bias",
                        "bn1.weight",
                        "bn1.bias",
                        "bn1.running_mean",
                        "bn1.running_var");
    }

    @Test
    void loadCopiesEveryTensorIntoTheInitializedParameters() throws CheckpointException {
        ConvBn block = initializedBlock();
        StateDict dict = StateDict.of(matchingTensors(), "test.pth");

        StrictLoader.load(block, dict);

        Map<String, Parameter> params = BlockParameters.named(block);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray array = e.getValue().getArray();
            assertThat(array.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(array.getDevice()).isEqualTo(manager.getDevice());
            assertThat(array.toFloatArray())
                    .as(e.getKey())
                    .containsExactly(dict.get(e.getKey()).toFloatArray());
        }
    }

    @Test
    void loadedBlockComputesConvolutionThenInferenceBatchNorm() throws CheckpointException {
        ConvBn block = initializedBlock();
        StrictLoader.load(block, StateDict.of(matchingTensors()));
        NDArray x = manager.ones(new Shape(1, 3, 3, 3));

        float[] y =
                block.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow()
                        .toFloatArray();

        // Channel c: conv = bias + sum of its 27 weights; then (conv - mean) / sqrt(var + eps)
        // * gamma + beta with the values of matchingTensors().
        assertThat(y).hasSize(4);
        for (int c = 0; c < 4; c++) {
            double conv = 0.5 * (c + 1);
            for (int i = 0; i < 27; i++) {
                conv += 0.01 * (c * 27 + i + 1);
            }
            double bn =
                    (conv - 0.125 * (c + 1)) / Math.sqrt(2.0 * (c + 1) + 1e-5) * 1.5 * (c + 1)
                            - 0.25 * (c + 1);
            assertThat((double) y[c]).as("channel " + c).isCloseTo(bn, within(1e-4 * Math.abs(bn)));
        }
    }

    /** Only PNet's first convolution, under its PyTorch name. */
    static final class PnetConv1 extends AbstractBlock {
        private final Block conv1;

        PnetConv1() {
            conv1 =
                    addChildBlock(
                            "conv1",
                            Conv2d.builder()
                                    .setKernelShape(new Shape(3, 3))
                                    .setFilters(10)
                                    .build());
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return conv1.forward(store, inputs, training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return conv1.getOutputShapes(inputShapes);
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            conv1.initialize(manager, dataType, inputShapes);
        }
    }

    @Test
    void realStridedMtcnnWeightsConvolveLikeTheRawStorage() throws Exception {
        Path file = SharedData.model("mtcnn/pnet.pt");
        StateDict conv1 = Checkpoints.read(file).withoutKeysMatching(k -> !k.startsWith("conv1."));
        PnetConv1 block = new PnetConv1();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 3, 3));
        float[] x = new float[27];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7 - 3) * 0.25f;
        }

        StrictLoader.load(block, conv1);
        float[] y =
                block.forward(
                                new ParameterStore(manager, false),
                                new NDList(manager.create(x, new Shape(1, 3, 3, 3))),
                                false)
                        .singletonOrThrow()
                        .toFloatArray();

        // Weights and biases straight from the file, at the offsets and strides that
        // reference/mtcnn/README.md documents: weight [10,3,3,3] stride [1,10,30,90] at 27418,
        // bias [10] at 27298.
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(y).hasSize(10);
        for (int o = 0; o < 10; o++) {
            double expected = raw.getFloat(27298 + 4 * o);
            for (int i = 0; i < 3; i++) {
                for (int kh = 0; kh < 3; kh++) {
                    for (int kw = 0; kw < 3; kw++) {
                        float w = raw.getFloat(27418 + 4 * (o + 10 * i + 30 * kh + 90 * kw));
                        expected += w * x[i * 9 + kh * 3 + kw];
                    }
                }
            }
            assertThat((double) y[o]).as("channel " + o).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void mismatchesAreAllReportedAndNothingIsLoaded() {
        ConvBn block = initializedBlock();
        Map<String, float[]> before = snapshot(block);
        Map<String, TensorData> tensors = matchingTensors();
        tensors.remove("conv1.bias");
        tensors.remove("bn1.running_var");
        tensors.put("fc.weight", floats("fc.weight", new long[] {1, 4}, 1f));
        tensors.put("conv1.weight", floats("conv1.weight", new long[] {4, 3, 5, 5}, 1f));
        tensors.put("bn1.weight", floats("bn1.weight", new long[] {5}, 1f));

        assertThatThrownBy(() -> StrictLoader.load(block, StateDict.of(tensors, "bad.pth")))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("bad.pth: ")
                .hasMessageContaining("2 missing key(s): conv1.bias, bn1.running_var")
                .hasMessageContaining("1 unexpected key(s): fc.weight")
                .hasMessageContaining("conv1.weight: checkpoint [4, 3, 5, 5] vs block [4, 3, 3, 3]")
                .hasMessageContaining("bn1.weight: checkpoint [5] vs block [4]");

        Map<String, float[]> after = snapshot(block);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((k, v) -> assertThat(after.get(k)).as(k).containsExactly(v));
    }

    @Test
    void integerTensorForAFloatParameterIsATypeMismatch() {
        ConvBn block = initializedBlock();
        Map<String, TensorData> tensors = matchingTensors();
        ByteBuffer longs = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        tensors.put("bn1.bias", new TensorData("bn1.bias", DataType.INT64, new long[] {4}, longs));

        assertThatThrownBy(() -> StrictLoader.load(block, StateDict.of(tensors)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("bn1.bias: checkpoint type int64");
    }

    @Test
    void float16TensorsAreWidenedToFloat32() throws CheckpointException {
        ConvBn block = initializedBlock();
        Map<String, TensorData> tensors = matchingTensors();
        ByteBuffer half = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        half.putShort(0, (short) 0x3c00).putShort(2, (short) 0xc000);
        half.putShort(4, (short) 0x3800).putShort(6, (short) 0x7bff);
        tensors.put("bn1.bias", new TensorData("bn1.bias", DataType.FLOAT16, new long[] {4}, half));

        StrictLoader.load(block, StateDict.of(tensors));

        assertThat(BlockParameters.named(block).get("bn1.bias").getArray().toFloatArray())
                .containsExactly(1f, -2f, 0.5f, 65504f);
    }

    @Test
    void uninitializedBlockIsMisuse() {
        assertThatThrownBy(() -> StrictLoader.load(new ConvBn(), StateDict.of(matchingTensors())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not initialized");
    }

    private static org.assertj.core.data.Offset<Double> within(double tolerance) {
        return org.assertj.core.data.Offset.offset(tolerance);
    }
}
