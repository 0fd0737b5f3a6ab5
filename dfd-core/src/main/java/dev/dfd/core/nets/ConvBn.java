package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/**
 * A convolution followed by a BatchNorm, both registered as child blocks of some owner under timm's
 * names, evaluated together so that the BatchNorm can be folded into the convolution for inference.
 *
 * <p>With TensorFlow "same" padding ({@code dynamicSame}) the input is zero-padded at run time from
 * its actual size, with any odd extra pixel at the bottom/right, as timm's {@code Conv2dSame} does;
 * the convolution itself then has no padding.
 *
 * <p>The folded weight and bias, once computed by {@link #fold}, are owned by the manager passed
 * there and used only for inference; training always runs the convolution and the BatchNorm
 * separately on the live parameters. Folding is not thread-safe; forward passes are.
 */
final class ConvBn {
    private final Conv2d conv;
    private final BatchNorm bn;
    private final float eps;
    private final boolean dynamicSame;
    private final int kernel;
    private final int stride;
    private volatile NDArray foldedWeight;
    private volatile NDArray foldedBias;

    ConvBn(Conv2d conv, BatchNorm bn, float eps, boolean dynamicSame, int kernel, int stride) {
        this.conv = conv;
        this.bn = bn;
        this.eps = eps;
        this.dynamicSame = dynamicSame;
        this.kernel = kernel;
        this.stride = stride;
    }

    /**
     * Padding that TensorFlow's "SAME" rule adds along one axis: {before, after}.
     *
     * @param size input size along the axis
     * @param kernel kernel size
     * @param stride stride
     * @return the padding before and after, the odd pixel going after
     */
    static long[] samePadding(long size, int kernel, int stride) {
        long out = (size + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + kernel - size, 0);
        long before = total / 2;
        return new long[] {before, total - before};
    }

    /**
     * Runs convolution and BatchNorm (no activation).
     *
     * @param ps the parameter store
     * @param x the input, left open
     * @param training whether in training mode
     * @return a new array the caller owns
     */
    NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray fw = foldedWeight;
        NDArray fb = foldedBias;
        boolean folded = !training && fw != null;
        NDArray in = x;
        Shape convPadding = conv.getPadding();
        if (dynamicSame) {
            long[] h = samePadding(x.getShape().get(2), kernel, stride);
            long[] w = samePadding(x.getShape().get(3), kernel, stride);
            if (folded && h[0] == h[1] && w[0] == w[1]) {
                // Even padding needs no padded copy of the input: the convolution pads itself.
                convPadding = new Shape(h[0], w[0]);
            } else if (h[0] + h[1] + w[0] + w[1] > 0) {
                in = x.pad(new Shape(w[0], w[1], h[0], h[1]), 0);
            }
        }
        try {
            if (folded) {
                return Conv2d.conv2d(
                                in,
                                fw,
                                fb,
                                conv.getStride(),
                                convPadding,
                                conv.getDilation(),
                                conv.getGroups())
                        .singletonOrThrow();
            }
            NDArray y = conv.forward(ps, new NDList(in), training).singletonOrThrow();
            NDArray z = bn.forward(ps, new NDList(y), training).singletonOrThrow();
            y.close();
            return z;
        } finally {
            if (in != x) {
                in.close();
            }
        }
    }

    /**
     * Computes the folded weight and bias from the current parameter values, in double precision.
     *
     * @param owner owns the folded arrays; must be on the parameters' device
     */
    void fold(NDManager owner) {
        float[] w = array(conv, "weight").toFloatArray();
        Parameter convBias = conv.getParameters().get("bias");
        float[] cb = convBias == null ? null : convBias.getArray().toFloatArray();
        float[] gamma = array(bn, "gamma").toFloatArray();
        float[] beta = array(bn, "beta").toFloatArray();
        float[] mean = array(bn, "runningMean").toFloatArray();
        float[] var = array(bn, "runningVar").toFloatArray();
        int channels = gamma.length;
        int perChannel = w.length / channels;
        float[] fw = new float[w.length];
        float[] fb = new float[channels];
        for (int c = 0; c < channels; c++) {
            double scale = gamma[c] / Math.sqrt((double) var[c] + eps);
            double shift = cb == null ? 0 : cb[c];
            fb[c] = (float) (beta[c] + (shift - mean[c]) * scale);
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                fw[i] = (float) (w[i] * scale);
            }
        }
        Shape wShape = array(conv, "weight").getShape();
        unfold();
        foldedWeight = owner.create(fw, wShape);
        foldedBias = owner.create(fb, new Shape(channels));
    }

    /** Drops the folded arrays, so that inference uses the live parameters again. */
    void unfold() {
        NDArray w = foldedWeight;
        NDArray b = foldedBias;
        foldedWeight = null;
        foldedBias = null;
        if (w != null) {
            w.close();
        }
        if (b != null) {
            b.close();
        }
    }

    boolean isFolded() {
        return foldedWeight != null;
    }

    private static NDArray array(ai.djl.nn.Block block, String name) {
        return block.getParameters().get(name).getArray();
    }
}
