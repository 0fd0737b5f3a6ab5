package dev.dfd.core.nets;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** Stochastic depth acts while training only. */
class DropPathTest {

    static float[] run(Network net, ParameterStore ps, NDArray x, boolean training) {
        try (NDArray out = net.forward(ps, new NDList(x), training).singletonOrThrow()) {
            return out.toFloatArray();
        }
    }

    @Test
    void dropPathIsRandomWhileTrainingAndOffInInference() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 3, 32, 32));

            Network dropping = Networks.build("efficientnet_b0", Head.IMAGENET, 0.5);
            Networks.initialize(dropping, manager);
            assertThat(run(dropping, ps, x, false)).containsExactly(run(dropping, ps, x, false));
            assertThat(run(dropping, ps, x, true)).isNotEqualTo(run(dropping, ps, x, true));

            Network plain = Networks.build("efficientnet_b0", Head.NONE, 0.0);
            Networks.initialize(plain, manager);
            assertThat(run(plain, ps, x, true)).containsExactly(run(plain, ps, x, true));
        }
    }
}
