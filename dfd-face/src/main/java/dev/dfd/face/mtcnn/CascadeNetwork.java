package dev.dfd.face.mtcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared plumbing of the three MTCNN networks: a trunk of layers run in order, then heads.
 *
 * <p>Child blocks are added under the facenet-pytorch layer names ({@code conv1}, {@code prelu1},
 * ...), so that the {@code .pt} state dicts load by name. Parameters live in the manager the block
 * is initialized with. Thread-safe for inference once initialized and loaded.
 */
abstract class CascadeNetwork extends AbstractBlock {
    private static final byte VERSION = 1;

    private final List<Block> trunk = new ArrayList<>();

    CascadeNetwork() {
        super(VERSION);
    }

    /** Adds a valid (unpadded) stride-1 convolution with bias to the trunk. */
    final void trunkConv(String name, int filters, int kernel) {
        trunk.add(addChildBlock(name, conv(filters, kernel)));
    }

    /** Adds a per-channel PReLU to the trunk. */
    final void trunkPrelu(String name, int channels) {
        trunk.add(addChildBlock(name, new ChannelPrelu(channels)));
    }

    /** Adds a max pooling with {@code ceil_mode=True} and no padding to the trunk. */
    final void trunkMaxPool(String name, int kernel, int stride) {
        trunk.add(
                addChildBlock(
                        name,
                        Pool.maxPool2dBlock(
                                new Shape(kernel, kernel),
                                new Shape(stride, stride),
                                new Shape(0, 0),
                                true)));
    }

    static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .setFilters(filters)
                .build();
    }

    static Linear dense(int units) {
        return Linear.builder().setUnits(units).build();
    }

    /** Runs the trunk on an N×C×H×W batch. */
    final NDArray runTrunk(ParameterStore store, NDArray input, boolean training) {
        NDList x = new NDList(input);
        for (Block layer : trunk) {
            x = layer.forward(store, x, training);
        }
        return x.singletonOrThrow();
    }

    /** Initializes the trunk and returns its output shape. */
    final Shape initializeTrunk(NDManager manager, DataType dataType, Shape input) {
        Shape[] shapes = {input};
        for (Block layer : trunk) {
            layer.initialize(manager, dataType, shapes);
            shapes = layer.getOutputShapes(shapes);
        }
        return shapes[0];
    }

    /** The trunk's output shape for an input shape. */
    final Shape trunkOutputShape(Shape input) {
        Shape[] shapes = {input};
        for (Block layer : trunk) {
            shapes = layer.getOutputShapes(shapes);
        }
        return shapes[0];
    }

    /**
     * Flattens N×C×H×W in the (W, H, C) order that facenet-pytorch's {@code permute(0, 3, 2, 1)}
     * gives before its dense layers.
     */
    static NDArray flattenWhc(NDArray x) {
        return x.transpose(0, 3, 2, 1).reshape(x.getShape().get(0), -1);
    }

    static Shape flattenWhcShape(Shape s) {
        return new Shape(s.get(0), s.get(1) * s.get(2) * s.get(3));
    }
}
