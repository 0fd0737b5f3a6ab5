package dev.dfd.face.mtcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A parametric ReLU with one learned slope per channel, {@code y = x > 0 ? x : a[c] * x}, as
 * PyTorch's {@code nn.PReLU(num_parameters=C)}; the channel is axis 1 of the input.
 *
 * <p>Where every slope is at most 1 (checked once, on first use after loading) it computes {@code
 * max(x, a*x)}, which is bit-identical and saves a pass over the data; else {@code where(x > 0, x,
 * a*x)}. The slopes must therefore not change after the first forward pass. The slope parameter is
 * named {@code weight} and has shape [C], so that PyTorch state dicts load by name. Parameters live
 * in the manager the block is initialized with. Thread-safe for inference once initialized.
 */
final class ChannelPrelu extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final Parameter weight;

    /** Whether every slope is at most 1, decided once on first use; null before. */
    private volatile Boolean slopesAtMostOne;

    /**
     * Creates the block.
     *
     * @param channels the number of channels, positive
     */
    ChannelPrelu(int channels) {
        super(VERSION);
        this.channels = channels;
        this.weight =
                addParameter(
                        Parameter.builder()
                                .setName("weight")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(channels))
                                .optInitializer(Initializer.ONES)
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray slope = parameterStore.getValue(weight, x.getDevice(), training);
        long[] dims = new long[x.getShape().dimension()];
        java.util.Arrays.fill(dims, 1);
        dims[1] = channels;
        NDArray broadcastSlope = slope.reshape(new Shape(dims));
        NDArray scaled = x.mul(broadcastSlope);
        if (slopesAtMostOne(slope)) {
            // With a <= 1, max(x, a*x) is x for x > 0 and a*x otherwise: one pass fewer than where.
            return new NDList(scaled.maximum(x));
        }
        return new NDList(NDArrays.where(x.gt(0f), x, scaled));
    }

    private boolean slopesAtMostOne(NDArray slope) {
        Boolean known = slopesAtMostOne;
        if (known == null) {
            boolean all = true;
            for (float a : slope.toFloatArray()) {
                all &= a <= 1f;
            }
            known = all;
            slopesAtMostOne = known;
        }
        return known;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
