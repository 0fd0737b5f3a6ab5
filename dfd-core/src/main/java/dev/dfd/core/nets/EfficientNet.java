package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * EfficientNet B0 to B7 (Tan and Le 2019) with timm's module tree and parameter names ({@code
 * conv_stem}, {@code bn1}, {@code blocks.S.B.*}, {@code conv_head}, {@code bn2}, {@code
 * classifier}), following timm's {@code _gen_efficientnet}: SiLU everywhere, squeeze-and-excite
 * reduced from each block's input channels by 4, channel and repeat scaling by the compound
 * coefficients, stochastic depth rising linearly over the blocks (training only).
 *
 * <p>timm's classifier ({@code classifier}, 1000 outputs) is always present so that every timm
 * checkpoint loads; it is applied only with {@link Head#IMAGENET}. {@link Head#DFDC} is built by
 * wrapping this network in a {@link DeepFakeClassifier}.
 *
 * <p>Native memory and threads: see {@link Network}.
 */
public final class EfficientNet extends Network {
    private final EfficientNetConfig config;
    private final Head head;
    private final int stemChannels;
    private final int features;
    private final int lastStageChannels;
    private final Conv2d convStem;
    private final BatchNorm bn1;
    private final BlockSequence blocks;
    private final Conv2d convHead;
    private final BatchNorm bn2;
    private final Linear classifier;
    private final ConvBn stem;
    private final ConvBn headConv;

    /**
     * Builds the network (uninitialised).
     *
     * @param config the variant
     * @param head {@link Head#IMAGENET} or {@link Head#NONE}
     * @param dropPathRate the stochastic-depth rate of the last block, in [0, 1); 0 disables it
     * @throws IllegalArgumentException for {@link Head#DFDC} (use {@link DeepFakeClassifier}) or a
     *     rate outside [0, 1)
     */
    public EfficientNet(EfficientNetConfig config, Head head, double dropPathRate) {
        if (head == Head.DFDC) {
            throw new IllegalArgumentException(
                    "EfficientNet itself has no DFDC head; wrap it in a DeepFakeClassifier");
        }
        if (!(dropPathRate >= 0 && dropPathRate < 1)) {
            throw new IllegalArgumentException("dropPathRate must be in [0, 1): " + dropPathRate);
        }
        this.config = config;
        this.head = head;
        Style style = new Style(config.tfSame(), config.batchNormEps());
        float eps = style.eps();
        stemChannels = config.roundChannels(32);
        features = config.roundChannels(1280);

        convStem = addChildBlock("conv_stem", conv(stemChannels, 3, 2, style.pad(3, 2), 1, false));
        bn1 = addChildBlock("bn1", batchNorm(eps));
        blocks = addChildBlock("blocks", new BlockSequence());

        int total = 0;
        for (EfficientNetConfig.Stage s : EfficientNetConfig.B0_STAGES) {
            total += config.roundRepeats(s.repeats());
        }
        int in = stemChannels;
        int index = 0;
        int stageIndex = 0;
        for (EfficientNetConfig.Stage s : EfficientNetConfig.B0_STAGES) {
            BlockSequence stage = new BlockSequence();
            int out = config.roundChannels(s.outChannels());
            int repeats = config.roundRepeats(s.repeats());
            for (int r = 0; r < repeats; r++) {
                int stride = r == 0 ? s.stride() : 1;
                float drop = (float) (dropPathRate * index / total);
                Block block;
                if (s.depthwiseSeparable()) {
                    int rd = (int) Math.rint(in * 0.25);
                    block = new DepthwiseSeparable(in, out, s.kernel(), stride, rd, style, drop);
                } else {
                    int mid = EfficientNetConfig.makeDivisible(in * (double) s.expansion(), 8);
                    int rd = (int) Math.rint(mid * (0.25 / s.expansion()));
                    block = new InvertedResidual(in, mid, out, s.kernel(), stride, rd, style, drop);
                }
                stage.add(Integer.toString(r), block);
                in = out;
                index++;
            }
            blocks.add(Integer.toString(stageIndex++), stage);
        }
        lastStageChannels = in;

        convHead = addChildBlock("conv_head", conv(features, 1, 1, 0, 1, false));
        bn2 = addChildBlock("bn2", batchNorm(eps));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(1000).build());
        stem = new ConvBn(convStem, bn1, eps, style.dynamicPad(3, 2), 3, 2);
        headConv = new ConvBn(convHead, bn2, eps, false, 1, 1);
    }

    /**
     * The variant this network was built from.
     *
     * @return the configuration
     */
    public EfficientNetConfig config() {
        return config;
    }

    @Override
    public String arch() {
        return config.arch();
    }

    @Override
    public Head head() {
        return head;
    }

    @Override
    public int numFeatures() {
        return features;
    }

    @Override
    public int defaultInputSize() {
        return config.inputSize();
    }

    @Override
    NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
        NDArray s = Swish.applyAndClose(stem.forward(ps, x, training), training);
        NDArray b = blocks.forward(ps, new NDList(s), training).singletonOrThrow();
        s.close();
        NDArray f = Swish.applyAndClose(headConv.forward(ps, b, training), training);
        b.close();
        return f;
    }

    /**
     * The outputs of the stem, of each of the 7 stages and of the head conv, in that order, as
     * timm's intermediates; for debugging against reference activations.
     *
     * @param ps the parameter store
     * @param x the input, left open
     * @return 9 new arrays the caller owns
     */
    List<NDArray> forwardStages(ParameterStore ps, NDArray x) {
        List<NDArray> out = new ArrayList<>();
        NDArray current = Swish.applyAndClose(stem.forward(ps, x, false), false);
        out.add(current);
        for (Block stage : blocks.getChildren().values()) {
            current = stage.forward(ps, new NDList(current), false).singletonOrThrow();
            out.add(current);
        }
        out.add(Swish.applyAndClose(headConv.forward(ps, current, false), false));
        return out;
    }

    @Override
    NDArray forwardHead(ParameterStore ps, NDArray pooled, boolean training) {
        if (head == Head.NONE) {
            return pooled;
        }
        NDArray dropped =
                Dropout.dropout(pooled, (float) config.dropRate(), training).singletonOrThrow();
        if (dropped != pooled) {
            pooled.close();
        }
        NDArray logits = classifier.forward(ps, new NDList(dropped), training).singletonOrThrow();
        dropped.close();
        return logits;
    }

    @Override
    List<ConvBn> convBnPairs() {
        List<ConvBn> pairs = new ArrayList<>(collectPairs(blocks));
        pairs.add(0, stem);
        pairs.add(headConv);
        return pairs;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        convStem.initialize(manager, dataType, nchw(3));
        bn1.initialize(manager, dataType, nchw(stemChannels));
        blocks.initialize(manager, dataType, nchw(stemChannels));
        convHead.initialize(manager, dataType, nchw(lastStageChannels));
        bn2.initialize(manager, dataType, nchw(features));
        classifier.initialize(manager, dataType, new Shape(1, features));
    }
}
