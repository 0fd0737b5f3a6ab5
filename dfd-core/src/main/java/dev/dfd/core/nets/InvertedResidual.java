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
 * timm's {@code InvertedResidual} (MBConv, Sandler et al. 2018): expansion conv {@code conv_pw} +
 * {@code bn1} + SiLU, depthwise conv {@code conv_dw} + {@code bn2} + SiLU, squeeze-and-excite
 * {@code se}, projection conv {@code conv_pwl} + {@code bn3} without activation, then the residual
 * connection when the shape allows it.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
final class InvertedResidual extends MbBlock {
    private final int midChannels;
    private final Conv2d convPw;
    private final BatchNorm bn1;
    private final Conv2d convDw;
    private final BatchNorm bn2;
    private final SqueezeExcite se;
    private final Conv2d convPwl;
    private final BatchNorm bn3;
    private final ConvBn expand;
    private final ConvBn dw;
    private final ConvBn project;

    InvertedResidual(
            int in,
            int mid,
            int out,
            int kernel,
            int stride,
            int seReduced,
            Style style,
            float drop) {
        super(in, out, stride, drop);
        this.midChannels = mid;
        float eps = style.eps();
        convPw = addChildBlock("conv_pw", Network.conv(mid, 1, 1, 0, 1, false));
        bn1 = addChildBlock("bn1", Network.batchNorm(eps));
        convDw =
                addChildBlock(
                        "conv_dw",
                        Network.conv(mid, kernel, stride, style.pad(kernel, stride), mid, false));
        bn2 = addChildBlock("bn2", Network.batchNorm(eps));
        se = addChildBlock("se", new SqueezeExcite(mid, seReduced));
        convPwl = addChildBlock("conv_pwl", Network.conv(out, 1, 1, 0, 1, false));
        bn3 = addChildBlock("bn3", Network.batchNorm(eps));
        expand = new ConvBn(convPw, bn1, eps, false, 1, 1);
        dw = new ConvBn(convDw, bn2, eps, style.dynamicPad(kernel, stride), kernel, stride);
        project = new ConvBn(convPwl, bn3, eps, false, 1, 1);
    }

    @Override
    NDArray branch(ParameterStore ps, NDArray x, boolean training) {
        NDArray a = Swish.applyAndClose(expand.forward(ps, x, training), training);
        NDArray b = Swish.applyAndClose(dw.forward(ps, a, training), training);
        a.close();
        NDArray s = se.forward(ps, new NDList(b), training).singletonOrThrow();
        b.close();
        NDArray out = project.forward(ps, s, training);
        s.close();
        return out;
    }

    @Override
    public List<ConvBn> ownConvBnPairs() {
        return List.of(expand, dw, project);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        convPw.initialize(manager, dataType, Network.nchw(inChannels));
        bn1.initialize(manager, dataType, Network.nchw(midChannels));
        convDw.initialize(manager, dataType, Network.nchw(midChannels));
        bn2.initialize(manager, dataType, Network.nchw(midChannels));
        se.initialize(manager, dataType, Network.nchw(midChannels));
        convPwl.initialize(manager, dataType, Network.nchw(midChannels));
        bn3.initialize(manager, dataType, Network.nchw(outChannels));
    }
}
