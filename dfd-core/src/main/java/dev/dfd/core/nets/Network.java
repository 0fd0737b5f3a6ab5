package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A classifier network whose parameter names are those of a timm (PyTorch) state dict, so that timm
 * checkpoints load into it by name; built by {@link Networks#build}.
 *
 * <p>Input: a float32 batch (N, 3, H, W), normalised as the network was trained, ideally {@link
 * #defaultInputSize()} pixels square (other sizes run, the pooling adapts). Output: (N, {@link
 * #numOutputs()}) logits, or the pooled features for {@link Head#NONE}.
 *
 * <p>The parameters are owned by the manager the block was initialised with; every intermediate of
 * a forward pass is closed as soon as it has been used, and the output belongs to the input's
 * manager. Forward passes may run concurrently; initialising, loading and {@link
 * Networks#prepareForInference folding} may not.
 */
public abstract class Network extends AbstractBlock {

    /** Creates a network block; the networks of this package are the only subclasses. */
    Network() {}

    /**
     * The architecture name this network was built from, for example {@code tf_efficientnet_b7}.
     *
     * @return the name
     */
    public abstract String arch();

    /**
     * The head on top of the pooled features.
     *
     * @return the head
     */
    public abstract Head head();

    /**
     * The number of channels of the last feature map (and of the pooled features).
     *
     * @return the feature count, for example 1280 for B0
     */
    public abstract int numFeatures();

    /**
     * The input width and height the architecture was designed for, in pixels.
     *
     * @return the size, for example 224 for B0 or 299 for Xception
     */
    public abstract int defaultInputSize();

    /**
     * The number of values per image this network outputs.
     *
     * @return 1000 for {@link Head#IMAGENET}, 1 for {@link Head#DFDC}, {@link #numFeatures()} for
     *     {@link Head#NONE}
     */
    public int numOutputs() {
        switch (head()) {
            case IMAGENET:
                return 1000;
            case DFDC:
                return 1;
            default:
                return numFeatures();
        }
    }

    /**
     * Runs the network up to its last feature map, before pooling.
     *
     * @param ps the parameter store
     * @param x the input (N, 3, H, W), left open
     * @param training whether in training mode (drop-path and batch statistics)
     * @return the feature map (N, {@link #numFeatures()}, h, w), owned by the caller
     */
    abstract NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training);

    /**
     * Every convolution + BatchNorm pair of this network, for folding.
     *
     * @return the pairs
     */
    abstract List<ConvBn> convBnPairs();

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        checkInput(x.getShape());
        NDArray features;
        if (training) {
            features = forwardFeatures(ps, x, true);
        } else {
            try (NDArray packed = channelsLast(x)) {
                features = forwardFeatures(ps, packed, false);
            }
        }
        NDArray pooled = Pool.globalAvgPool2d(features);
        features.close();
        return new NDList(forwardHead(ps, pooled, training));
    }

    /**
     * The same values with the channels of each pixel next to each other in memory (PyTorch's
     * channels-last format), still indexed (N, C, H, W). Inference runs channels-last, which is
     * what oneDNN's convolution kernels compute in: with the default (N, C, H, W) order every
     * convolution reorders its input into a blocked layout and its output back, about 30% of the
     * convolution time of EfficientNet-B7 ({@code docs/benchmarks.md}).
     *
     * @param x (N, C, H, W), left open
     * @return a new array the caller owns
     */
    static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        try (NDArray pixels = x.transpose(0, 2, 3, 1);
                NDArray flat = pixels.reshape(-1);
                NDArray packed = flat.reshape(s.get(0), s.get(2), s.get(3), s.get(1))) {
            return packed.transpose(0, 3, 1, 2);
        }
    }

    /**
     * Applies the head to pooled features and closes them.
     *
     * @param ps the parameter store
     * @param pooled (N, features), closed by this method unless returned
     * @param training whether in training mode
     * @return the output
     */
    abstract NDArray forwardHead(ParameterStore ps, NDArray pooled, boolean training);

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numOutputs())};
    }

    /**
     * Checks that an input is a batch of 3-channel images.
     *
     * @param shape the input shape
     * @throws IllegalArgumentException if it is not (N, 3, H, W)
     */
    void checkInput(Shape shape) {
        if (shape.dimension() != 4 || shape.get(1) != 3) {
            throw new IllegalArgumentException(
                    arch() + ": input must have shape (N, 3, H, W), got " + shape);
        }
    }

    static Conv2d conv(int out, int kernel, int stride, int padding, int groups, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(out)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optGroups(groups)
                .optBias(bias)
                .build();
    }

    static BatchNorm batchNorm(float eps) {
        // DJL's momentum is the weight of the running value: PyTorch's momentum 0.1 is DJL's 0.9.
        return BatchNorm.builder().optEpsilon(eps).optMomentum(0.9f).build();
    }

    static Shape nchw(long channels) {
        return new Shape(1, channels, 8, 8);
    }

    static List<ConvBn> collectPairs(Block block) {
        List<ConvBn> pairs = new ArrayList<>();
        collectPairs(block, pairs);
        return pairs;
    }

    private static void collectPairs(Block block, List<ConvBn> out) {
        if (block instanceof HasConvBn) {
            out.addAll(((HasConvBn) block).ownConvBnPairs());
        }
        for (Block child : block.getChildren().values()) {
            collectPairs(child, out);
        }
    }

    /** A block that evaluates some of its children as convolution + BatchNorm pairs. */
    interface HasConvBn {
        /**
         * The pairs this block itself evaluates (not those of its children).
         *
         * @return the pairs
         */
        List<ConvBn> ownConvBnPairs();
    }
}
