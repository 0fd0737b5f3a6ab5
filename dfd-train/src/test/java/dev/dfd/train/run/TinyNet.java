package dev.dfd.train.run;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A two-layer network with PyTorch-style names ({@code conv.*}, {@code fc.*}) for trainer tests.
 */
final class TinyNet extends AbstractBlock {
    private final Conv2d conv;
    private final Linear fc;

    TinyNet() {
        conv =
                addChildBlock(
                        "conv",
                        Conv2d.builder()
                                .setKernelShape(new Shape(3, 3))
                                .optStride(new Shape(2, 2))
                                .setFilters(6)
                                .build());
        fc = addChildBlock("fc", Linear.builder().setUnits(1).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = conv.forward(ps, inputs, training).singletonOrThrow();
        x = Activation.relu(x).max(new int[] {3}).max(new int[] {2});
        return fc.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        Shape c = conv.getOutputShapes(inputShapes)[0];
        fc.initialize(manager, dataType, new Shape(c.get(0), c.get(1)));
    }
}
