package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation as in timm's EfficientNet blocks (Hu et al. 2018): global average pool,
 * 1x1 convolution with bias to {@code reduced} channels ({@code conv_reduce}), SiLU, 1x1
 * convolution with bias back ({@code conv_expand}), sigmoid gate multiplied into the input.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
final class SqueezeExcite extends AbstractBlock {
    private final int channels;
    private final int reduced;
    private final Conv2d convReduce;
    private final Conv2d convExpand;

    SqueezeExcite(int channels, int reduced) {
        this.channels = channels;
        this.reduced = reduced;
        convReduce = addChildBlock("conv_reduce", Network.conv(reduced, 1, 1, 0, 1, true));
        convExpand = addChildBlock("conv_expand", Network.conv(channels, 1, 1, 0, 1, true));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray pooled = Pool.globalAvgPool2d(x);
        NDArray squeezed = pooled.reshape(shape.get(0), shape.get(1), 1, 1);
        pooled.close();
        NDArray r = convReduce.forward(ps, new NDList(squeezed), training).singletonOrThrow();
        squeezed.close();
        r = Swish.applyAndClose(r, training);
        NDArray e = convExpand.forward(ps, new NDList(r), training).singletonOrThrow();
        r.close();
        NDArray gate = Activation.sigmoid(e);
        e.close();
        NDArray out = x.mul(gate);
        gate.close();
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        convReduce.initialize(manager, dataType, new Shape(1, channels, 1, 1));
        convExpand.initialize(manager, dataType, new Shape(1, reduced, 1, 1));
    }
}
