package dev.dfd.train.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class BinaryCrossEntropyTest {
    private static double bce(double z, double y) {
        double p = 1 / (1 + Math.exp(-z));
        return -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
    }

    private static final float[] Z = {2.0f, -1.0f, 0.5f, -3.0f, 40.0f};
    private static final float[] Y = {1, 0, 0, 1, 1};

    private static double loss(BinaryCrossEntropy l) {
        try (NDManager m = NDManager.newBaseManager()) {
            return l.loss(m.create(Z), m.create(Y)).getFloat();
        }
    }

    @Test
    void plainMeanMatchesTheTextbookFormulaAndIsStableForLargeLogits() {
        double expected = 0;
        for (int i = 0; i < Z.length - 1; i++) {
            expected += bce(Z[i], Y[i]);
        }
        // z = 40, y = 1: the loss is log(1 + e^-40) ~ 4.2e-18, not NaN or inf
        expected = (expected + Math.log1p(Math.exp(-40))) / Z.length;
        assertThat(loss(BinaryCrossEntropy.PLAIN)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void labelSmoothingMovesTargetsTowardOneHalf() {
        double e = 0.1;
        double expected = 0;
        for (int i = 0; i < Z.length; i++) {
            double y = Y[i] * (1 - e) + e / 2;
            double z = Z[i];
            expected += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
        }
        assertThat(loss(new BinaryCrossEntropy(e, false)))
                .isCloseTo(expected / Z.length, within(1e-5));
    }

    @Test
    void classBalancingAveragesTheTwoClassMeans() {
        double fake = (bce(2.0, 1) + bce(-3.0, 1) + Math.log1p(Math.exp(-40))) / 3;
        double real = (bce(-1.0, 0) + bce(0.5, 0)) / 2;
        assertThat(loss(new BinaryCrossEntropy(0, true)))
                .isCloseTo((fake + real) / 2, within(1e-6));
    }
}
