package dev.dfd.core.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.dfd.core.checkpoint.CheckpointException;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outputs of the networks against timm's, on timm's own weights and inputs. */
class ParityTest {
    static final double TOLERANCE = 1e-4;

    static Path ref(String name) {
        return SharedData.path("reference/efficientnet/" + name);
    }

    static Npy.Tensor npy(String name) throws IOException {
        return Npy.read(ref(name));
    }

    /** timm's tf_efficientnet_b0 with its ImageNet weights, BatchNorm not folded. */
    static NetworkRunner timmB0() throws IOException, CheckpointException {
        return NetworkRunner.load(
                "tf_efficientnet_b0",
                Head.IMAGENET,
                ref("tf_efficientnet_b0.safetensors"),
                Device.cpu(),
                false);
    }

    static double maxAbsDiff(Npy.Tensor actual, Npy.Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double max = 0;
        for (int i = 0; i < actual.data().length; i++) {
            max = Math.max(max, Math.abs(actual.data()[i] - expected.data()[i]));
        }
        return max;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "tf_efficientnet_b0, IMAGENET, tf_efficientnet_b0.safetensors, tf_efficientnet_b0",
        "efficientnet_b0, IMAGENET, efficientnet_b0.safetensors, efficientnet_b0",
        "tf_efficientnet_b0_ns, DFDC, dfdc_b0.dfdc.pth, dfdc_b0",
        "tf_efficientnet_b0_ns, DFDC, dfdc_b0.dfdc_legacy.pth, dfdc_b0",
    })
    void efficientNetMatchesTimmUnfoldedAndFolded(
            String arch, Head head, String weights, String reference)
            throws IOException, CheckpointException {
        Npy.Tensor input = npy("io/input_224.npy");
        Npy.Tensor expected = npy("io/" + reference + ".output.npy");
        try (NetworkRunner runner =
                NetworkRunner.load(arch, head, ref(weights), Device.cpu(), false)) {
            Npy.Tensor plain = runner.run(input, 2);
            assertThat(maxAbsDiff(plain, expected)).isLessThan(TOLERANCE);

            runner.foldBatchNorm();
            Npy.Tensor folded = runner.run(input, 1);
            assertThat(maxAbsDiff(folded, expected)).isLessThan(TOLERANCE);
            assertThat(maxAbsDiff(folded, plain)).isLessThan(TOLERANCE);

            if (head == Head.DFDC) {
                Npy.Tensor prob = npy("io/" + reference + ".prob.npy");
                float[] p = new float[folded.data().length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) (1 / (1 + Math.exp(-folded.data()[i])));
                }
                assertThat(maxAbsDiff(new Npy.Tensor(folded.shape(), p), prob))
                        .isLessThan(TOLERANCE);
            }
        }
    }

    /**
     * Where TensorFlow's "same" padding is even on both axes (odd input sizes), the folded
     * inference path lets the convolution pad instead of copying a padded input; the outputs must
     * equal those of the padded copy, which {@link #efficientNetMatchesTimmUnfoldedAndFolded}
     * checks against timm. 225x224 pads one axis evenly and the other not.
     */
    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"225, 225", "225, 224", "381, 381"})
    void foldedEvenSamePaddingEqualsThePaddedCopy(int height, int width)
            throws IOException, CheckpointException {
        java.util.Random random = new java.util.Random(height * 1000L + width);
        float[] values = new float[2 * 3 * height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Npy.Tensor input = new Npy.Tensor(new long[] {2, 3, height, width}, values);
        try (NetworkRunner runner = timmB0()) {
            Npy.Tensor plain = runner.run(input, 2);
            runner.foldBatchNorm();
            Npy.Tensor folded = runner.run(input, 2);
            assertThat(maxAbsDiff(folded, plain)).isLessThan(TOLERANCE);
            assertThat(
                            maxAbsDiff(
                                    folded,
                                    new Npy.Tensor(plain.shape(), new float[plain.data().length])))
                    .as("logits are not all zero")
                    .isGreaterThan(0.1);
        }
    }

    @Test
    void xceptionMatchesTimmOnFloat16Weights() throws IOException, CheckpointException {
        Npy.Tensor input = npy("legacy_xception.input.npy");
        Npy.Tensor expected = npy("legacy_xception.output.npy");
        try (NetworkRunner runner =
                NetworkRunner.load(
                        "legacy_xception",
                        Head.IMAGENET,
                        ref("legacy_xception.fp16.pth"),
                        Device.cpu(),
                        false)) {
            Npy.Tensor out = runner.run(input, 2);
            assertThat(maxAbsDiff(out, expected)).isLessThan(TOLERANCE);
            runner.foldBatchNorm();
            Npy.Tensor folded = runner.run(input, 1);
            assertThat(maxAbsDiff(folded, expected)).isLessThan(TOLERANCE);
            assertThat(maxAbsDiff(folded, out)).isLessThan(TOLERANCE);
        }
    }

    @Test
    void tfEfficientNetB0StagesMatchTimmIntermediates() throws IOException, CheckpointException {
        String[] names = {
            "00_stem",
            "01_stage0",
            "02_stage1",
            "03_stage2",
            "04_stage3",
            "05_stage4",
            "06_stage5",
            "07_stage6",
            "08_features"
        };
        Npy.Tensor input = npy("io/input_224.npy");
        try (NetworkRunner runner = timmB0();
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            EfficientNet net = (EfficientNet) runner.network();
            List<NDArray> stages =
                    net.forwardStages(new ParameterStore(manager, false), input.toNDArray(manager));
            for (int i = 0; i < names.length; i++) {
                Npy.Tensor expected = npy("io/tf_efficientnet_b0.inter." + names[i] + ".npy");
                double scale = 0;
                for (float v : expected.data()) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertThat(maxAbsDiff(Npy.Tensor.of(stages.get(i)), expected))
                        .as(names[i])
                        .isLessThan(TOLERANCE * Math.max(1, scale));
                stages.get(i).close();
            }

            NDArray logits = runner.forward(input.toNDArray(manager));
            assertThat(logits.getManager()).isSameAs(manager);
            assertThat(
                            maxAbsDiff(
                                    Npy.Tensor.of(logits),
                                    npy("io/tf_efficientnet_b0.inter.10_logits.npy")))
                    .isLessThan(TOLERANCE);
        }
    }
}
