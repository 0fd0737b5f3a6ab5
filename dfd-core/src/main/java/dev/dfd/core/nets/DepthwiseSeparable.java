package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * timm's {@code DepthwiseSeparableConv} (EfficientNet stage 0): depthwise conv {@code conv_dw} +
 * {@code bn1} + SiLU, squeeze-and-excite {@code se}, pointwise conv {@code conv_pw} + {@code bn2}
 * without activation, then the residual connection when the shape allows it.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
final class DepthwiseSeparable extends MbBlock {
    private final Conv2d convDw;
    private final BatchNorm bn1;
    private final SqueezeExcite se;
    private final Conv2d convPw;
    private final BatchNorm bn2;
    private final ConvBn dw;
    private final ConvBn pw;

    DepthwiseSeparable(
            int in, int out, int kernel, int stride, int seReduced, Style style, float drop) {
        super(in, out, stride, drop);
        boolean dynamic = style.dynamicPad(kernel, stride);
        convDw =
                addChildBlock(
                        "conv_dw",
                        Network.conv(in, kernel, stride, style.pad(kernel, stride), in, false));
        bn1 = addChildBlock("bn1", Network.batchNorm(style.eps()));
        se = addChildBlock("se", new SqueezeExcite(in, seReduced));
        convPw = addChildBlock("conv_pw", Network.conv(out, 1, 1, 0, 1, false));
        bn2 = addChildBlock("bn2", Network.batchNorm(style.eps()));
        dw = new ConvBn(convDw, bn1, style.eps(), dynamic, kernel, stride);
        pw = new ConvBn(convPw, bn2, style.eps(), false, 1, 1);
    }

    @Override
    NDArray branch(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = Swish.applyAndClose(dw.forward(ps, x, training), training);
        NDArray s = se.forward(ps, new NDList(y), training).singletonOrThrow();
        y.close();
        NDArray out = pw.forward(ps, s, training);
        s.close();
        return out;
    }

    @Override
    public List<ConvBn> ownConvBnPairs() {
        return List.of(dw, pw);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        convDw.initialize(manager, dataType, Network.nchw(inChannels));
        bn1.initialize(manager, dataType, Network.nchw(inChannels));
        se.initialize(manager, dataType, Network.nchw(inChannels));
        convPw.initialize(manager, dataType, Network.nchw(inChannels));
        bn2.initialize(manager, dataType, Network.nchw(outChannels));
    }
}
