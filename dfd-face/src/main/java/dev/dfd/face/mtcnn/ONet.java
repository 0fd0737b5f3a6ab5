package dev.dfd.face.mtcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MTCNN's output network (Zhang et al. 2016), layer for layer as facenet-pytorch's {@code ONet}.
 *
 * <p>Input N×3×48×48 normalised RGB; output {@code (prob, reg, landmarks)}: softmax N×2 (column 1 =
 * face), box regression N×4, and landmarks N×10 (five x then five y, relative to the box).
 * Parameters live in the manager the block is initialized with. Thread-safe for inference.
 */
final class ONet extends CascadeNetwork {
    private final Block dense5;
    private final Block prelu5;
    private final Block probHead;
    private final Block regHead;
    private final Block landmarkHead;

    ONet() {
        trunkConv("conv1", 32, 3);
        trunkPrelu("prelu1", 32);
        trunkMaxPool("pool1", 3, 2);
        trunkConv("conv2", 64, 3);
        trunkPrelu("prelu2", 64);
        trunkMaxPool("pool2", 3, 2);
        trunkConv("conv3", 64, 3);
        trunkPrelu("prelu3", 64);
        trunkMaxPool("pool3", 2, 2);
        trunkConv("conv4", 128, 2);
        trunkPrelu("prelu4", 128);
        dense5 = addChildBlock("dense5", dense(256));
        prelu5 = addChildBlock("prelu5", new ChannelPrelu(256));
        probHead = addChildBlock("dense6_1", dense(2));
        regHead = addChildBlock("dense6_2", dense(4));
        landmarkHead = addChildBlock("dense6_3", dense(10));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray features = flattenWhc(runTrunk(store, inputs.singletonOrThrow(), training));
        NDList hidden =
                prelu5.forward(
                        store, dense5.forward(store, new NDList(features), training), training);
        NDArray prob = probHead.forward(store, hidden, training).singletonOrThrow().softmax(1);
        NDArray reg = regHead.forward(store, hidden, training).singletonOrThrow();
        NDArray landmarks = landmarkHead.forward(store, hidden, training).singletonOrThrow();
        return new NDList(prob, reg, landmarks);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape flat = flattenWhcShape(initializeTrunk(manager, dataType, inputs[0]));
        dense5.initialize(manager, dataType, flat);
        Shape hidden = dense5.getOutputShapes(new Shape[] {flat})[0];
        prelu5.initialize(manager, dataType, hidden);
        probHead.initialize(manager, dataType, hidden);
        regHead.initialize(manager, dataType, hidden);
        landmarkHead.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long n = inputs[0].get(0);
        return new Shape[] {new Shape(n, 2), new Shape(n, 4), new Shape(n, 10)};
    }
}
