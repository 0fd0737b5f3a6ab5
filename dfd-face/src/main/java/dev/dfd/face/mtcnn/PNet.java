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
 * MTCNN's proposal network (Zhang et al. 2016), layer for layer as facenet-pytorch's {@code PNet}:
 * fully convolutional, any input of at least 12×12.
 *
 * <p>Input N×3×H×W normalised RGB; output {@code (prob, reg)}: the softmax over the two classes
 * N×2×h×w (channel 1 = face) and the box regression N×4×h×w, with {@code h = ceil((H - 4) / 2) -
 * 3}. Parameters live in the manager the block is initialized with. Thread-safe for inference.
 */
final class PNet extends CascadeNetwork {
    private final Block probHead;
    private final Block regHead;

    PNet() {
        trunkConv("conv1", 10, 3);
        trunkPrelu("prelu1", 10);
        trunkMaxPool("pool1", 2, 2);
        trunkConv("conv2", 16, 3);
        trunkPrelu("prelu2", 16);
        trunkConv("conv3", 32, 3);
        trunkPrelu("prelu3", 32);
        probHead = addChildBlock("conv4_1", conv(2, 1));
        regHead = addChildBlock("conv4_2", conv(4, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray features = runTrunk(store, inputs.singletonOrThrow(), training);
        NDList in = new NDList(features);
        NDArray prob = probHead.forward(store, in, training).singletonOrThrow().softmax(1);
        NDArray reg = regHead.forward(store, in, training).singletonOrThrow();
        return new NDList(prob, reg);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape features = initializeTrunk(manager, dataType, inputs[0]);
        probHead.initialize(manager, dataType, features);
        regHead.initialize(manager, dataType, features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape f = trunkOutputShape(inputs[0]);
        return new Shape[] {
            new Shape(f.get(0), 2, f.get(2), f.get(3)), new Shape(f.get(0), 4, f.get(2), f.get(3))
        };
    }
}
