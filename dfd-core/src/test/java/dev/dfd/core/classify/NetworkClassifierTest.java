package dev.dfd.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.dfd.core.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkClassifierTest {
    private static final int S = 2;

    /** A linear "network" over the 12 normalised inputs with weights w[i] = (i + 1) / 100. */
    private static NetworkClassifier linear() {
        NDManager manager = NDManager.newBaseManager();
        SequentialBlock net = new SequentialBlock();
        net.add(Blocks.batchFlattenBlock());
        net.add(Linear.builder().setUnits(1).build());
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, S, S));
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getKey().endsWith("weight")) {
                float[] w = new float[12];
                for (int i = 0; i < 12; i++) {
                    w[i] = (i + 1) / 100f;
                }
                p.getValue().getArray().set(w);
            } else {
                p.getValue().getArray().set(new float[] {0.25f});
            }
        }
        return new NetworkClassifier(
                "linear",
                net,
                manager,
                S,
                NetworkClassifier.IMAGENET_MEAN,
                NetworkClassifier.IMAGENET_STD);
    }

    private static double expected(RgbImage img) {
        double z = 0.25;
        float[] mean = NetworkClassifier.IMAGENET_MEAN;
        float[] std = NetworkClassifier.IMAGENET_STD;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    double v = (img.get(x, y, c) / 255.0 - mean[c]) / std[c];
                    z += v * ((c * S * S + y * S + x) + 1) / 100.0;
                }
            }
        }
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void normalisesChannelsFirstAndAppliesTheSigmoid() {
        RgbImage a =
                RgbImage.wrap(S, S, new byte[] {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110});
        RgbImage b = RgbImage.filled(S, S, 255, 128, 0);
        try (NetworkClassifier c = linear()) {
            double[] p = c.predict(List.of(a, b));
            assertThat(p[0]).isCloseTo(expected(a), within(1e-6));
            assertThat(p[1]).isCloseTo(expected(b), within(1e-6));
            assertThat(p[0]).isNotCloseTo(p[1], within(1e-3));
            assertThat(c.predict(List.of())).isEmpty();
        }
    }

    @Test
    void rejectsCropsOfTheWrongSize() {
        try (NetworkClassifier c = linear()) {
            assertThatThrownBy(() -> c.predict(List.of(RgbImage.filled(3, 3, 0, 0, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3x3")
                    .hasMessageContaining("2x2");
        }
    }
}
