package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The Swish (SiLU) activation {@code x * sigmoid(x)}, as EfficientNet uses it. Stateless. */
final class Swish {
    private Swish() {}

    /**
     * Applies SiLU and closes the input, which the caller must own and not reuse.
     *
     * <p>At inference the product is written into the sigmoid's buffer; while training it is not,
     * because autograd keeps the sigmoid's output for the backward pass and refuses an in-place
     * change of it.
     *
     * @param x an intermediate result
     * @param training whether a gradient will flow through this call
     * @return a new array in x's manager
     */
    static NDArray applyAndClose(NDArray x, boolean training) {
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
