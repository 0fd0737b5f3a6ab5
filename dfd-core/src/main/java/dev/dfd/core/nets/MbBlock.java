package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The shared part of EfficientNet's two block types: the residual connection, taken only when the
 * stride is 1 and the width does not change, with stochastic depth (drop-path, Huang et al. 2016)
 * applied to the residual branch while training.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
abstract class MbBlock extends AbstractBlock implements Network.HasConvBn {
    final int inChannels;
    final int outChannels;
    final int stride;
    final boolean hasSkip;
    final float dropPathRate;

    MbBlock(int inChannels, int outChannels, int stride, float dropPathRate) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.stride = stride;
        this.hasSkip = stride == 1 && inChannels == outChannels;
        this.dropPathRate = dropPathRate;
    }

    /**
     * Runs the block's branch without the residual connection.
     *
     * @return a new array the caller owns
     */
    abstract NDArray branch(ParameterStore ps, NDArray x, boolean training);

    @Override
    public abstract List<ConvBn> ownConvBnPairs();

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray out = branch(ps, x, training);
        if (hasSkip) {
            if (training && dropPathRate > 0) {
                out = dropPath(out);
            }
            out.addi(x);
        }
        return new NDList(out);
    }

    /** Zeroes whole samples with probability dropPathRate and rescales the rest; closes x. */
    private NDArray dropPath(NDArray x) {
        float keep = 1f - dropPathRate;
        Shape maskShape = new Shape(x.getShape().get(0), 1, 1, 1);
        NDArray mask;
        try (NDArray u =
                x.getManager().randomUniform(0f, 1f, maskShape, x.getDataType(), x.getDevice())) {
            NDArray shifted = u.add(keep);
            mask = shifted.floor();
            shifted.close();
        }
        mask.divi(keep);
        NDArray out = x.mul(mask);
        mask.close();
        x.close();
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {
            new Shape(
                    s.get(0),
                    outChannels,
                    (s.get(2) + stride - 1) / stride,
                    (s.get(3) + stride - 1) / stride)
        };
    }
}
