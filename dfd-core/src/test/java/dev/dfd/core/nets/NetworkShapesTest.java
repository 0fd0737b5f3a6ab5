package dev.dfd.core.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import dev.dfd.core.checkpoint.BlockParameters;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkShapesTest {

    /** The state-dict keys and shapes timm lists for a model, without num_batches_tracked. */
    static List<String> referenceKeys(String model) throws IOException {
        Path file = SharedData.path("reference/efficientnet/keys/" + model + ".keys.txt");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split("\t");
            if (line.isBlank() || parts[0].endsWith("num_batches_tracked")) {
                continue;
            }
            out.add(parts[0] + " " + parts[1].replace(" ", ""));
        }
        return out;
    }

    static List<String> keysOf(Network net) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : BlockParameters.named(net).entrySet()) {
            out.add(
                    e.getKey()
                            + " "
                            + Arrays.toString(e.getValue().getArray().getShape().getShape())
                                    .replace(" ", ""));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "tf_efficientnet_b0, IMAGENET, tf_efficientnet_b0, 5288548",
        "efficientnet_b0, IMAGENET, efficientnet_b0, 5288548",
        "tf_efficientnet_b0_ns, DFDC, dfdc_b0, 5289829",
        "tf_efficientnet_b7, IMAGENET, tf_efficientnet_b7, 66347960",
        "efficientnet_b7, IMAGENET, tf_efficientnet_b7, 66347960",
        "tf_efficientnet_b7_ns, DFDC, dfdc_b7, 66350521",
        "legacy_xception, IMAGENET, legacy_xception, 22855952",
    })
    void keysAndShapesMatchTimm(String arch, Head head, String reference, long params)
            throws IOException {
        List<String> expected = referenceKeys(reference);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Network net = Networks.build(arch, head);
            Networks.initialize(net, manager);
            assertThat(keysOf(net)).containsExactlyElementsOf(expected);
            assertThat(Networks.parameterCount(net)).isEqualTo(params);
            long batchNorms = expected.stream().filter(k -> k.contains("running_mean")).count();
            assertThat(net.convBnPairs()).as("foldable pairs").hasSize((int) batchNorms);
        }
    }

    @ParameterizedTest
    @CsvSource({
        // timm's published parameter counts of B1..B6 (same for the tf_ variants)
        "efficientnet_b1, 7794184, 1280, 240",
        "tf_efficientnet_b2, 9109994, 1408, 260",
        "efficientnet_b3, 12233232, 1536, 300",
        "tf_efficientnet_b4_ns, 19341616, 1792, 380",
        "tf_efficientnet_b5, 30389784, 2048, 456",
        "efficientnet_b6, 43040704, 2304, 528",
    })
    void scaledVariantsHaveTimmsParameterCounts(
            String arch, long params, int features, int inputSize) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Network net = Networks.build(arch, Head.IMAGENET);
            Networks.initialize(net, manager);
            assertThat(Networks.parameterCount(net)).isEqualTo(params);
            assertThat(net.numFeatures()).isEqualTo(features);
            assertThat(net.defaultInputSize()).isEqualTo(inputSize);
        }
    }

    @Test
    void channelAndRepeatRoundingFollowTimm() {
        EfficientNetConfig b7 = EfficientNetConfig.of("tf_efficientnet_b7_ns");
        assertThat(b7.roundChannels(32)).isEqualTo(64);
        assertThat(b7.roundChannels(1280)).isEqualTo(2560);
        int[] repeats = {1, 2, 2, 3, 3, 4, 1};
        int[] scaled = new int[repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            scaled[i] = b7.roundRepeats(repeats[i]);
        }
        assertThat(scaled).containsExactly(4, 7, 7, 10, 10, 13, 4);
        assertThat(EfficientNetConfig.of("efficientnet_b4").roundChannels(32)).isEqualTo(48);
        assertThat(EfficientNetConfig.makeDivisible(44.8, 8)).isEqualTo(48);
        assertThat(b7.batchNormEps()).isEqualTo(1e-3f);
        assertThat(EfficientNetConfig.of("efficientnet_b7").batchNormEps()).isEqualTo(1e-5f);
    }

    @Test
    void tfSamePaddingPutsTheOddPixelAfter() {
        assertThat(ConvBn.samePadding(224, 3, 2)).containsExactly(0, 1);
        assertThat(ConvBn.samePadding(56, 5, 2)).containsExactly(1, 2);
        assertThat(ConvBn.samePadding(95, 5, 2)).containsExactly(2, 2);
        assertThat(ConvBn.samePadding(48, 3, 2)).containsExactly(0, 1);
        assertThat(ConvBn.samePadding(7, 3, 1)).containsExactly(1, 1);
    }

    @Test
    void headsDecideTheOutputWidth() {
        assertThat(Networks.build("legacy_xception", Head.NONE).numOutputs()).isEqualTo(2048);
        assertThat(Networks.build("tf_efficientnet_b7_ns", Head.NONE).numOutputs()).isEqualTo(2560);
        assertThat(Networks.build("efficientnet_b0", Head.IMAGENET).numOutputs()).isEqualTo(1000);
        Network dfdc = Networks.build("tf_efficientnet_b7_ns", Head.DFDC);
        assertThat(dfdc.numOutputs()).isEqualTo(1);
        assertThat(dfdc.defaultInputSize()).isEqualTo(600);
        assertThat(dfdc.arch()).isEqualTo("tf_efficientnet_b7_ns");
        assertThat(((DeepFakeClassifier) dfdc).encoder()).isInstanceOf(EfficientNet.class);
    }

    @Test
    void unknownArchitectureIsRejectedWithTheKnownNames() {
        assertThatThrownBy(() -> Networks.build("resnet50", Head.IMAGENET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resnet50")
                .hasMessageContaining("tf_efficientnet_b0");
        assertThatThrownBy(() -> Networks.build("efficientnet_b8", Head.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("efficientnet_b8");
        assertThatThrownBy(() -> Head.parse("softmax"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("imagenet");
    }
}
