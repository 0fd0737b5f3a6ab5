package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Xception's separable convolution: a 3x3 depthwise conv {@code conv1} (padding 1) and a 1x1
 * pointwise conv {@code pointwise}, both without bias.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
final class SeparableConv extends AbstractBlock {
    private final int in;
    private final int out;
    final Conv2d conv1;
    final Conv2d pointwise;

    SeparableConv(int in, int out) {
        this.in = in;
        this.out = out;
        conv1 = addChildBlock("conv1", Network.conv(in, 3, 1, 1, in, false));
        pointwise = addChildBlock("pointwise", Network.conv(out, 1, 1, 0, 1, false));
    }

    /** The depthwise part alone; the caller owns the result. */
    NDArray depthwise(ParameterStore ps, NDArray x, boolean training) {
        return conv1.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray d = depthwise(ps, inputs.singletonOrThrow(), training);
        NDList result = pointwise.forward(ps, new NDList(d), training);
        d.close();
        return result;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, Network.nchw(in));
        pointwise.initialize(manager, dataType, Network.nchw(in));
    }
}
