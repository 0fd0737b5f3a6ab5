package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * One block of the legacy Xception (Chollet 2017, as in timm's {@code legacy_xception}): a sequence
 * {@code rep} of [ReLU, separable conv, BatchNorm] units, a 3x3 max pool of stride 2 when the block
 * strides, and a residual connection that is a strided 1x1 conv {@code skip} + {@code skipbn} when
 * the shape changes, the identity otherwise. The indices inside {@code rep} are those of timm's
 * {@code nn.Sequential}, where ReLUs and the pool take an index too.
 *
 * <p>Holds no native memory beyond its parameters; thread-safe for forward passes.
 */
final class XceptionBlock extends AbstractBlock implements Network.HasConvBn {
    private final int in;
    private final int out;
    private final int stride;
    private final Conv2d skip;
    private final BatchNorm skipBn;
    private final ConvBn skipPair;
    private final Rep rep;

    XceptionBlock(int in, int out, int reps, int stride, boolean startWithRelu, boolean growFirst) {
        this.in = in;
        this.out = out;
        this.stride = stride;
        if (out != in || stride != 1) {
            skip = addChildBlock("skip", Network.conv(out, 1, stride, 0, 1, false));
            skipBn = addChildBlock("skipbn", Network.batchNorm(Xception.BN_EPS));
            skipPair = new ConvBn(skip, skipBn, Xception.BN_EPS, false, 1, stride);
        } else {
            skip = null;
            skipBn = null;
            skipPair = null;
        }
        rep = addChildBlock("rep", new Rep(in, out, reps, stride, startWithRelu, growFirst));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = rep.forward(ps, new NDList(x), training).singletonOrThrow();
        if (skipPair != null) {
            NDArray s = skipPair.forward(ps, x, training);
            y.addi(s);
            s.close();
        } else {
            y.addi(x);
        }
        return new NDList(y);
    }

    @Override
    public List<ConvBn> ownConvBnPairs() {
        return skipPair == null ? List.of() : List.of(skipPair);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        if (stride == 1) {
            return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
        }
        return new Shape[] {
            new Shape(s.get(0), out, (s.get(2) - 1) / stride + 1, (s.get(3) - 1) / stride + 1)
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        if (skip != null) {
            skip.initialize(manager, dataType, Network.nchw(in));
            skipBn.initialize(manager, dataType, Network.nchw(out));
        }
        rep.initialize(manager, dataType, Network.nchw(in));
    }

    /** The {@code rep} sequence: the units, each optionally preceded by a ReLU, then the pool. */
    static final class Rep extends AbstractBlock implements Network.HasConvBn {
        private final List<Unit> units = new ArrayList<>();
        private final boolean pool;
        private final int stride;

        /** One unit: an optional ReLU, a separable conv and its BatchNorm. */
        private record Unit(
                boolean relu, SeparableConv conv, BatchNorm bn, ConvBn pair, int in, int out) {}

        Rep(int in, int out, int reps, int stride, boolean startWithRelu, boolean growFirst) {
            this.stride = stride;
            this.pool = stride != 1;
            int index = 0;
            for (int i = 0; i < reps; i++) {
                int inc;
                int outc;
                if (growFirst) {
                    inc = i == 0 ? in : out;
                    outc = out;
                } else {
                    inc = in;
                    outc = i < reps - 1 ? in : out;
                }
                boolean relu = i > 0 || startWithRelu;
                if (relu) {
                    index++;
                }
                SeparableConv conv =
                        addChildBlock(Integer.toString(index++), new SeparableConv(inc, outc));
                BatchNorm bn =
                        addChildBlock(
                                Integer.toString(index++), Network.batchNorm(Xception.BN_EPS));
                ConvBn pair = new ConvBn(conv.pointwise, bn, Xception.BN_EPS, false, 1, 1);
                units.add(new Unit(relu, conv, bn, pair, inc, outc));
            }
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            NDArray input = inputs.singletonOrThrow();
            NDArray x = input;
            for (Unit u : units) {
                if (u.relu()) {
                    NDArray r = Activation.relu(x);
                    if (x != input) {
                        x.close();
                    }
                    x = r;
                }
                NDArray d = u.conv().depthwise(ps, x, training);
                if (x != input) {
                    x.close();
                }
                x = u.pair().forward(ps, d, training);
                d.close();
            }
            if (pool) {
                NDArray p =
                        Pool.maxPool2d(
                                x,
                                new Shape(3, 3),
                                new Shape(stride, stride),
                                new Shape(1, 1),
                                false);
                x.close();
                x = p;
            }
            return new NDList(x);
        }

        @Override
        public List<ConvBn> ownConvBnPairs() {
            List<ConvBn> pairs = new ArrayList<>();
            for (Unit u : units) {
                pairs.add(u.pair());
            }
            return pairs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            long c = units.get(units.size() - 1).out();
            if (!pool) {
                return new Shape[] {new Shape(s.get(0), c, s.get(2), s.get(3))};
            }
            return new Shape[] {
                new Shape(s.get(0), c, (s.get(2) - 1) / stride + 1, (s.get(3) - 1) / stride + 1)
            };
        }

        @Override
        protected void initializeChildBlocks(
                NDManager manager, DataType dataType, Shape... inputShapes) {
            for (Unit u : units) {
                u.conv().initialize(manager, dataType, Network.nchw(u.in()));
                u.bn().initialize(manager, dataType, Network.nchw(u.out()));
            }
        }
    }
}
