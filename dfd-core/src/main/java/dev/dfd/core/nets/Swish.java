package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The Swish (SiLU) activation {@code x * sigmoid(x)}, as EfficientNet uses it. Stateless. */
final class Swish {
    private Swish() {}

    /**
     * Applies SiLU and consumes the input, which the caller must own and not reuse.
     *
     * <p>At inference, on an array without gradient, x itself is overwritten with the result by
     * libtorch's in-place SiLU where {@link InPlaceSilu} can reach it, and returned. Otherwise, at
     * inference, the product is written into the sigmoid's buffer; while training it is not,
     * because autograd keeps the sigmoid's output for the backward pass and refuses an in-place
     * change of it.
     *
     * @param x an intermediate result
     * @param training whether a gradient will flow through this call
     * @return the result, in x's manager: x itself or a new array (x then closed)
     */
    static NDArray applyAndClose(NDArray x, boolean training) {
        if (!training && !x.hasGradient() && InPlaceSilu.apply(x)) {
            return x;
        }
        NDArray sigmoid = Activation.sigmoid(x);
        NDArray out;
        if (training) {
            out = x.mul(sigmoid);
            sigmoid.close();
        } else {
            out = sigmoid.muli(x);
        }
        x.close();
        return out;
    }
}
