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
 * MTCNN's refinement network (Zhang et al. 2016), layer for layer as facenet-pytorch's {@code
 * RNet}.
 *
 * <p>Input N×3×24×24 normalised RGB; output {@code (prob, reg)}: softmax N×2 (column 1 = face) and
 * box regression N×4. Parameters live in the manager the block is initialized with. Thread-safe for
 * inference.
 */
final class RNet extends CascadeNetwork {
    private final Block dense4;
    private final Block prelu4;
    private final Block probHead;
    private final Block regHead;

    RNet() {
        trunkConv("conv1", 28, 3);
        trunkPrelu("prelu1", 28);
        trunkMaxPool("pool1", 3, 2);
        trunkConv("conv2", 48, 3);
        trunkPrelu("prelu2", 48);
        trunkMaxPool("pool2", 3, 2);
        trunkConv("conv3", 64, 2);
        trunkPrelu("prelu3", 64);
        dense4 = addChildBlock("dense4", dense(128));
        prelu4 = addChildBlock("prelu4", new ChannelPrelu(128));
        probHead = addChildBlock("dense5_1", dense(2));
        regHead = addChildBlock("dense5_2", dense(4));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray features = flattenWhc(runTrunk(store, inputs.singletonOrThrow(), training));
        NDList hidden =
                prelu4.forward(
                        store, dense4.forward(store, new NDList(features), training), training);
        NDArray prob = probHead.forward(store, hidden, training).singletonOrThrow().softmax(1);
        NDArray reg = regHead.forward(store, hidden, training).singletonOrThrow();
        return new NDList(prob, reg);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape flat = flattenWhcShape(initializeTrunk(manager, dataType, inputs[0]));
        dense4.initialize(manager, dataType, flat);
        Shape hidden = dense4.getOutputShapes(new Shape[] {flat})[0];
        prelu4.initialize(manager, dataType, hidden);
        probHead.initialize(manager, dataType, hidden);
        regHead.initialize(manager, dataType, hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        long n = inputs[0].get(0);
        return new Shape[] {new Shape(n, 2), new Shape(n, 4)};
    }
}
