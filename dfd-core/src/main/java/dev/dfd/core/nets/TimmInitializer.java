package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * timm's weight initialisation for EfficientNet and Xception trained from scratch: convolution
 * kernels from a normal distribution with standard deviation {@code sqrt(2 / fan_out)}, where
 * {@code fan_out = kh * kw * out_channels / groups} (He initialisation on the output side), and
 * linear weights uniform in {@code ±1 / sqrt(in_features)}, PyTorch's default for {@code
 * nn.Linear}, which the DFDC winner's one-output head was trained from (timm's own rule, {@code ±1
 * / sqrt(out_features)}, would give that head weights up to 1 and logits in the tens). Biases and
 * BatchNorm parameters keep their own defaults (zero, and one for the BatchNorm scale).
 *
 * <p>The group count is not part of a kernel's shape; a kernel with one input channel per group and
 * more than one output channel is taken as depthwise (groups = output channels), every other kernel
 * as ungrouped, which holds for every convolution of the networks here.
 */
final class TimmInitializer implements Initializer {
    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        if (shape.dimension() == 4) {
            long out = shape.get(0);
            long kernel = shape.get(2) * shape.get(3);
            boolean depthwise = shape.get(1) == 1 && out > 1;
            long fanOut = depthwise ? kernel : kernel * out;
            float std = (float) Math.sqrt(2.0 / fanOut);
            return manager.randomNormal(0f, std, shape, dataType);
        }
        if (shape.dimension() == 2) {
            float bound = (float) (1.0 / Math.sqrt(shape.get(1)));
            return manager.randomUniform(-bound, bound, shape, dataType);
        }
        throw new IllegalArgumentException("no timm initialisation for a weight of shape " + shape);
    }
}
