package dev.dfd.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks the update against PyTorch's SGD formula, computed by hand in doubles, on the loss {@code
 * sum(w^2) / 2} whose gradient is {@code w}.
 */
class SgdTest {
    private static double[] reference(
            double w0, int steps, double lr, double momentum, double wd, boolean nesterov) {
        double w = w0;
        double v = 0;
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) {
            double g = w + wd * w;
            v = t == 0 ? g : momentum * v + g;
            double d = nesterov ? g + momentum * v : v;
            w -= lr * d;
            out[t] = w;
        }
        return out;
    }

    private static double[] run(
            NDManager manager,
            double w0,
            int steps,
            double lr,
            double momentum,
            double wd,
            boolean nesterov) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(new float[] {(float) w0}));
        p.getArray().setRequiresGradient(true);
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("w", p);
        Sgd sgd = new Sgd(manager, momentum, wd, nesterov);
        double[] out = new double[steps];
        for (int t = 0; t < steps; t++) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray w = p.getArray();
                NDArray loss = w.mul(w).sum().div(2);
                gc.backward(loss);
            }
            sgd.step(params, lr);
            out[t] = p.getArray().getFloat(0);
        }
        return out;
    }

    @Test
    void matchesPyTorchSgdWithMomentumWeightDecayAndNesterov() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean nesterov : new boolean[] {false, true}) {
                double[] expected = reference(1.5, 6, 0.1, 0.8, 0.01, nesterov);
                double[] actual = run(manager, 1.5, 6, 0.1, 0.8, 0.01, nesterov);
                for (int t = 0; t < expected.length; t++) {
                    assertThat(actual[t])
                            .as("nesterov=%s step %d", nesterov, t)
                            .isCloseTo(expected[t], within(1e-5));
                }
            }
        }
    }

    @Test
    void gradientsDoNotAccumulateAcrossSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] plain = run(manager, 2.0, 3, 0.5, 0, 0, false);
            // Without momentum: w <- w - 0.5 w = w / 2 every step.
            assertThat(plain).containsExactly(new double[] {1.0, 0.5, 0.25}, within(1e-6));
        }
    }

    @Test
    void stepsOnAThreadOtherThanTheEngines() throws Exception {
        // PyTorch's grad mode is per thread and on by default; DJL turns it off only on the
        // thread that starts the engine. A data-loading or benchmark thread must still train.
        Engine.getInstance();
        double[][] out = new double[1][];
        Throwable[] failure = new Throwable[1];
        Thread t =
                new Thread(
                        () -> {
                            try (NDManager manager = NDManager.newBaseManager()) {
                                out[0] = run(manager, 2.0, 2, 0.5, 0.8, 0, false);
                            } catch (Throwable e) {
                                failure[0] = e;
                            }
                        });
        t.start();
        t.join();
        assertThat(failure[0]).isNull();
        // w1 = 2 - 0.5 * 2 = 1; v = 0.8 * 2 + 1 = 2.6; w2 = 1 - 0.5 * 2.6 = -0.3
        assertThat(out[0]).containsExactly(new double[] {1.0, -0.3}, within(1e-6));
    }

    @Test
    void schedules() {
        assertThat(LearningRateSchedule.step(0.1, 10, 0.5).at(25)).isCloseTo(0.025, within(1e-15));
        LearningRateSchedule cos = LearningRateSchedule.cosine(1, 0, 100);
        assertThat(cos.at(0)).isEqualTo(1.0);
        assertThat(cos.at(50)).isCloseTo(0.5, within(1e-12));
        assertThat(cos.at(100)).isCloseTo(0, within(1e-12));
        assertThat(cos.at(500)).isCloseTo(0, within(1e-12));
        assertThat(LearningRateSchedule.polynomial(0.01, 100, 0.9).at(50))
                .isCloseTo(0.01 * Math.pow(0.5, 0.9), within(1e-15));
        LearningRateSchedule warm = LearningRateSchedule.constant(0.2).withWarmup(3);
        assertThat(new double[] {warm.at(0), warm.at(1), warm.at(2), warm.at(3), warm.at(9)})
                .containsExactly(new double[] {0.05, 0.1, 0.15, 0.2, 0.2}, within(1e-12));
    }
}
