package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
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
        if (!training) {
            return new NDList(gateInference(ps, x, pooled));
        }
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

    /**
     * The inference path: both 1x1 convolutions on the pooled (N, C) vector as matrix products, the
     * same arithmetic without a convolution's per-call set-up, which PyTorch's CPU backend runs
     * through its slow reference kernel for a 1x1 image.
     *
     * @param ps the parameter store
     * @param x the block's input, left open
     * @param pooled (N, C), closed here
     * @return x times the gate
     */
    private NDArray gateInference(ParameterStore ps, NDArray x, NDArray pooled) {
        NDArray r;
        try (NDArray w = matrix(ps, convReduce, x)) {
            r = Linear.linear(pooled, w, bias(ps, convReduce, x)).singletonOrThrow();
        }
        pooled.close();
        r = Swish.applyAndClose(r, false);
        NDArray e;
        try (NDArray w = matrix(ps, convExpand, x)) {
            e = Linear.linear(r, w, bias(ps, convExpand, x)).singletonOrThrow();
        }
        r.close();
        NDArray gate = Activation.sigmoid(e);
        e.close();
        Shape shape = x.getShape();
        try (NDArray g = gate.reshape(shape.get(0), shape.get(1), 1, 1)) {
            gate.close();
            return x.mul(g);
        }
    }

    private static NDArray matrix(ParameterStore ps, Conv2d conv, NDArray like) {
        NDArray w = ps.getValue(conv.getParameters().get("weight"), like.getDevice(), false);
        return w.reshape(w.getShape().get(0), w.getShape().get(1));
    }

    private static NDArray bias(ParameterStore ps, Conv2d conv, NDArray like) {
        return ps.getValue(conv.getParameters().get("bias"), like.getDevice(), false);
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
