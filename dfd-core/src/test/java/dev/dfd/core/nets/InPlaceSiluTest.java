package dev.dfd.core.nets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Locale;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** libtorch's in-place SiLU against {@code x * sigmoid(x)} computed with DJL's operators. */
class InPlaceSiluTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static boolean linux() {
        return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux");
    }

    /** Values from -40 to 40, with exact zeros and both signs of large magnitude. */
    private NDArray values(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 17 == 0 ? 0f : (float) (random.nextDouble(-1, 1) * (i % 3 == 0 ? 40 : 4));
        }
        return manager.create(v, shape);
    }

    private static void assertSilu(NDArray actual, NDArray input) {
        float[] a = actual.toFloatArray();
        float[] x = input.toFloatArray();
        assertThat(a).hasSameSizeAs(x);
        for (int i = 0; i < x.length; i++) {
            double expected = x[i] / (1 + Math.exp(-x[i]));
            assertThat((double) a[i])
                    .as("element %d, x = %s", i, x[i])
                    .isCloseTo(expected, Offset.offset(2e-6 + 1e-6 * Math.abs(expected)));
        }
    }

    @Test
    void isInUseWithThePyTorchEngineOnLinux() {
        assumeTrue(linux(), "the operator is looked up in /proc/self/maps");
        assertThat(InPlaceSilu.available(manager)).isTrue();
    }

    @Test
    void overwritesTheArrayWithSiluOfItsValues() {
        assumeTrue(linux(), "the operator is looked up in /proc/self/maps");
        NDArray x = values(new Shape(2, 16, 5, 7), 7);
        NDArray before = x.duplicate();

        assertThat(InPlaceSilu.apply(x)).isTrue();

        assertSilu(x, before);
        NDArray viaDjl = before.mul(Activation.sigmoid(before));
        assertThat(x.sub(viaDjl).abs().max().getFloat()).isLessThan(1e-5f);
    }

    @Test
    void keepsTheMemoryLayoutOfAChannelsLastArray() {
        assumeTrue(linux(), "the operator is looked up in /proc/self/maps");
        NDArray nchw = values(new Shape(1, 24, 6, 9), 11);
        NDArray packed = Network.channelsLast(nchw);

        assertThat(InPlaceSilu.apply(packed)).isTrue();

        assertThat(packed.getShape()).isEqualTo(new Shape(1, 24, 6, 9));
        assertSilu(packed, nchw);
    }

    @Test
    void swishAtInferenceReturnsTheSameArrayAndWhileTrainingANewOne() {
        assumeTrue(linux(), "the operator is looked up in /proc/self/maps");
        NDArray x = values(new Shape(3, 40), 3);
        NDArray input = x.duplicate();
        NDArray out = Swish.applyAndClose(x, false);
        assertThat(out).isSameAs(x);
        assertSilu(out, input);

        NDArray y = input.duplicate();
        NDArray trained = Swish.applyAndClose(y, true);
        assertThat(trained).isNotSameAs(y);
        assertSilu(trained, input);
    }

    @Test
    void anArrayWithAGradientIsNotChangedInPlace() {
        NDArray x = values(new Shape(4, 10), 5);
        NDArray input = x.duplicate();
        x.setRequiresGradient(true);

        NDArray out = Swish.applyAndClose(x, false);

        assertThat(out).isNotSameAs(x);
        assertSilu(out, input);
    }
}
