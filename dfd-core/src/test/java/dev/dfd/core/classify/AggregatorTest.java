package dev.dfd.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    private static double[] repeat(double value, int n) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void meanAndMax() {
        double[] s = {0.1, 0.4, 0.7};
        assertThat(Aggregator.mean().aggregate(s)).isCloseTo(0.4, within(1e-15));
        assertThat(Aggregator.max().aggregate(s)).isEqualTo(0.7);
    }

    @Test
    void confidentTakesTheConfidentFakesWhenThereAreMoreThanBothBounds() {
        // 32 crops: floor(32 / 2.5) = 12, so 13 confident fakes decide, 12 do not.
        double[] thirteen = concat(repeat(0.9, 13), repeat(0.5, 19));
        assertThat(Aggregator.confident().aggregate(thirteen)).isCloseTo(0.9, within(1e-12));

        double[] twelve = concat(repeat(0.9, 12), repeat(0.5, 20));
        double mean = (12 * 0.9 + 20 * 0.5) / 32;
        assertThat(Aggregator.confident().aggregate(twelve)).isCloseTo(mean, within(1e-12));
    }

    @Test
    void confidentNeedsMoreThanElevenFakesEvenInShortVideos() {
        // 20 crops: 20 / 2.5 = 8, but 11 is the floor: 11 fakes are not enough, 12 are.
        double[] eleven = concat(repeat(0.95, 11), repeat(0.3, 9));
        assertThat(Aggregator.confident().aggregate(eleven))
                .isCloseTo((11 * 0.95 + 9 * 0.3) / 20, within(1e-12));
        double[] twelve = concat(repeat(0.95, 12), repeat(0.3, 8));
        assertThat(Aggregator.confident().aggregate(twelve)).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void confidentTakesTheConfidentRealsWhenMoreThanNinetyPercent() {
        double[] reals = concat(repeat(0.1, 19), repeat(0.7, 1));
        assertThat(Aggregator.confident().aggregate(reals)).isCloseTo(0.1, within(1e-12));
        double[] notEnough = concat(repeat(0.1, 18), repeat(0.7, 2));
        assertThat(Aggregator.confident().aggregate(notEnough))
                .isCloseTo((18 * 0.1 + 2 * 0.7) / 20, within(1e-12));
    }

    @Test
    void clippingBoundsTheResult() {
        Aggregator a = Aggregator.mean().clipped(0.05, 0.95);
        assertThat(a.aggregate(new double[] {1.0, 1.0})).isEqualTo(0.95);
        assertThat(a.aggregate(new double[] {0.0})).isEqualTo(0.05);
        assertThat(a.aggregate(new double[] {0.3})).isEqualTo(0.3);
        assertThatThrownBy(() -> Aggregator.mean().clipped(0.9, 0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyInputIsAnError() {
        assertThatThrownBy(() -> Aggregator.confident().aggregate(new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scores");
    }

    @Test
    void ensembleAveragesWithNormalisedWeights() {
        Classifier a = fixed(224, 0.2);
        Classifier b = fixed(224, 0.8);
        double[] p =
                Ensemble.weighted(java.util.List.of(a, b), 1, 3)
                        .predict(
                                java.util.List.of(
                                        dev.dfd.core.image.RgbImage.filled(224, 224, 0, 0, 0)));
        assertThat(p[0]).isCloseTo(0.25 * 0.2 + 0.75 * 0.8, within(1e-15));
        assertThatThrownBy(() -> Ensemble.of(java.util.List.of(a, fixed(380, 0.5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("224")
                .hasMessageContaining("380");
    }

    private static Classifier fixed(int size, double p) {
        return new Classifier() {
            @Override
            public int inputSize() {
                return size;
            }

            @Override
            public double[] predict(java.util.List<dev.dfd.core.image.RgbImage> crops) {
                return repeat(p, crops.size());
            }
        };
    }
}
