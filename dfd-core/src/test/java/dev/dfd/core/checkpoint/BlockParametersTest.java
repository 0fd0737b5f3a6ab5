package dev.dfd.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

class BlockParametersTest {
    /** A block that only holds children under given names. */
    static final class Holder extends AbstractBlock {
        Holder add(String name, Block child) {
            addChildBlock(name, child);
            return this;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void nestedChildNamesLoseDjlOrderingPrefix() {
        Block convDw = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).build();
        Holder block0 = new Holder().add("conv_dw", convDw);
        Holder blocks = new Holder().add("0", block0);
        Holder root =
                new Holder()
                        .add("blocks", blocks)
                        .add("classifier", Linear.builder().setUnits(2).build());

        assertThat(root.getChildren().keys()).containsExactly("01blocks", "02classifier");
        assertThat(BlockParameters.named(root).keySet())
                .containsExactly(
                        "blocks.0.conv_dw.weight",
                        "blocks.0.conv_dw.bias",
                        "classifier.weight",
                        "classifier.bias");
    }

    @Test
    void manyChildrenKeepTheirNamesPastTheHundredth() {
        Holder root = new Holder();
        for (int i = 0; i < 120; i++) {
            root.add(Integer.toString(i), Linear.builder().setUnits(1).build());
        }

        assertThat(BlockParameters.named(root).keySet())
                .contains("0.weight", "9.bias", "99.weight", "100.weight", "119.bias")
                .hasSize(240);
    }

    @Test
    void djlParameterNamesMapToPyTorch() {
        assertThat(BlockParameters.pytorchName("gamma")).isEqualTo("weight");
        assertThat(BlockParameters.pytorchName("beta")).isEqualTo("bias");
        assertThat(BlockParameters.pytorchName("runningMean")).isEqualTo("running_mean");
        assertThat(BlockParameters.pytorchName("runningVar")).isEqualTo("running_var");
        assertThat(BlockParameters.pytorchName("alpha")).isEqualTo("alpha");
        assertThat(BlockParameters.childName("07conv1", 6)).isEqualTo("conv1");
        assertThat(BlockParameters.childName("conv1", 6)).isEqualTo("conv1");
        assertThat(BlockParameters.childName("101x", 100)).isEqualTo("x");
    }
}
