package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy Xception (Chollet 2017) with timm's {@code legacy_xception} parameter names (timm up
 * to 0.6 called it {@code xception}): entry convs {@code conv1} (3x3 stride 2, no padding) and
 * {@code conv2}, blocks {@code block1} to {@code block12}, separable convs {@code conv3} and {@code
 * conv4} with {@code bn3}/{@code bn4}, ReLU activations, BatchNorm epsilon 1e-5, average pooling
 * and the classifier {@code fc} (1000 outputs, always present, applied only with {@link
 * Head#IMAGENET}).
 *
 * <p>Native memory and threads: see {@link Network}.
 */
public final class Xception extends Network {
    /** PyTorch's default BatchNorm epsilon, which Xception uses. */
    static final float BN_EPS = 1e-5f;

    private static final int FEATURES = 2048;

    private final Head head;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;
    private final List<XceptionBlock> blocks = new ArrayList<>();
    private final SeparableConv conv3;
    private final BatchNorm bn3;
    private final SeparableConv conv4;
    private final BatchNorm bn4;
    private final Linear fc;
    private final List<ConvBn> pairs;

    /**
     * Builds the network (uninitialised).
     *
     * @param head {@link Head#IMAGENET} or {@link Head#NONE}
     * @throws IllegalArgumentException for {@link Head#DFDC} (use {@link DeepFakeClassifier})
     */
    public Xception(Head head) {
        if (head == Head.DFDC) {
            throw new IllegalArgumentException(
                    "Xception itself has no DFDC head; wrap it in a DeepFakeClassifier");
        }
        this.head = head;
        conv1 = addChildBlock("conv1", conv(32, 3, 2, 0, 1, false));
        bn1 = addChildBlock("bn1", batchNorm(BN_EPS));
        conv2 = addChildBlock("conv2", conv(64, 3, 1, 0, 1, false));
        bn2 = addChildBlock("bn2", batchNorm(BN_EPS));
        blocks.add(addChildBlock("block1", new XceptionBlock(64, 128, 2, 2, false, true)));
        blocks.add(addChildBlock("block2", new XceptionBlock(128, 256, 2, 2, true, true)));
        blocks.add(addChildBlock("block3", new XceptionBlock(256, 728, 2, 2, true, true)));
        for (int i = 4; i <= 11; i++) {
            blocks.add(addChildBlock("block" + i, new XceptionBlock(728, 728, 3, 1, true, true)));
        }
        blocks.add(addChildBlock("block12", new XceptionBlock(728, 1024, 2, 2, true, false)));
        conv3 = addChildBlock("conv3", new SeparableConv(1024, 1536));
        bn3 = addChildBlock("bn3", batchNorm(BN_EPS));
        conv4 = addChildBlock("conv4", new SeparableConv(1536, FEATURES));
        bn4 = addChildBlock("bn4", batchNorm(BN_EPS));
        fc = addChildBlock("fc", Linear.builder().setUnits(1000).build());
        pairs =
                List.of(
                        new ConvBn(conv1, bn1, BN_EPS, false, 3, 2),
                        new ConvBn(conv2, bn2, BN_EPS, false, 3, 1),
                        new ConvBn(conv3.pointwise, bn3, BN_EPS, false, 1, 1),
                        new ConvBn(conv4.pointwise, bn4, BN_EPS, false, 1, 1));
    }

    @Override
    public String arch() {
        return "legacy_xception";
    }

    @Override
    public Head head() {
        return head;
    }

    @Override
    public int numFeatures() {
        return FEATURES;
    }

    @Override
    public int defaultInputSize() {
        return 299;
    }

    @Override
    NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = relu(pairs.get(0).forward(ps, x, training));
        NDArray z = relu(pairs.get(1).forward(ps, y, training));
        y.close();
        for (Block block : blocks) {
            NDArray next = block.forward(ps, new NDList(z), training).singletonOrThrow();
            z.close();
            z = next;
        }
        NDArray d3 = conv3.depthwise(ps, z, training);
        z.close();
        NDArray c3 = relu(pairs.get(2).forward(ps, d3, training));
        d3.close();
        NDArray d4 = conv4.depthwise(ps, c3, training);
        c3.close();
        NDArray c4 = relu(pairs.get(3).forward(ps, d4, training));
        d4.close();
        return c4;
    }

    private static NDArray relu(NDArray x) {
        NDArray r = Activation.relu(x);
        x.close();
        return r;
    }

    @Override
    NDArray forwardHead(ParameterStore ps, NDArray pooled, boolean training) {
        if (head == Head.NONE) {
            return pooled;
        }
        NDArray logits = fc.forward(ps, new NDList(pooled), training).singletonOrThrow();
        pooled.close();
        return logits;
    }

    @Override
    List<ConvBn> convBnPairs() {
        List<ConvBn> all = new ArrayList<>(pairs);
        for (XceptionBlock block : blocks) {
            all.addAll(collectPairs(block));
        }
        return all;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        conv1.initialize(manager, dataType, nchw(3));
        bn1.initialize(manager, dataType, nchw(32));
        conv2.initialize(manager, dataType, nchw(32));
        bn2.initialize(manager, dataType, nchw(64));
        int[] ins = {64, 128, 256, 728, 728, 728, 728, 728, 728, 728, 728, 728};
        for (int i = 0; i < blocks.size(); i++) {
            blocks.get(i).initialize(manager, dataType, nchw(ins[i]));
        }
        conv3.initialize(manager, dataType, nchw(1024));
        bn3.initialize(manager, dataType, nchw(1536));
        conv4.initialize(manager, dataType, nchw(1536));
        bn4.initialize(manager, dataType, nchw(FEATURES));
        fc.initialize(manager, dataType, new Shape(1, FEATURES));
    }
}
