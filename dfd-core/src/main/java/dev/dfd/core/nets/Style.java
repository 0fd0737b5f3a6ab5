package dev.dfd.core.nets;

/**
 * How an EfficientNet pads its convolutions and which BatchNorm epsilon it uses.
 *
 * @param tfSame TensorFlow "same" padding computed from the input size ({@code tf_} models) instead
 *     of PyTorch's fixed symmetric padding
 * @param eps the BatchNorm epsilon: 1e-3 for {@code tf_} models, 1e-5 otherwise
 */
record Style(boolean tfSame, float eps) {

    /** Whether a conv pads at run time: with "same" padding, any conv that is not stride 1. */
    boolean dynamicPad(int kernel, int stride) {
        return tfSame && !(stride == 1 && (kernel - 1) % 2 == 0);
    }

    /** The fixed symmetric padding of a conv, 0 when it pads at run time. */
    int pad(int kernel, int stride) {
        return dynamicPad(kernel, stride) ? 0 : ((stride - 1) + (kernel - 1)) / 2;
    }
}
