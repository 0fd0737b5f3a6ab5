package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Child blocks run one after the other, each registered under a given name (PyTorch's {@code
 * nn.Sequential} with indices {@code 0}, {@code 1}, ... as names), unlike DJL's {@code
 * SequentialBlock}, which names children after their class.
 *
 * <p>Intermediate results are closed as soon as the next child has consumed them; the input is left
 * open. Holds no native memory of its own; thread-safe for forward passes.
 */
final class BlockSequence extends AbstractBlock {

    /**
     * Adds a child under a name.
     *
     * @param name the PyTorch module name
     * @param block the child
     * @return this
     */
    BlockSequence add(String name, Block block) {
        addChildBlock(name, block);
        return this;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray current = input;
        for (Block child : children.values()) {
            NDArray next = child.forward(ps, new NDList(current), training).singletonOrThrow();
            if (current != input && next != current) {
                current.close();
            }
            current = next;
        }
        return new NDList(current);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            shapes = child.getOutputShapes(shapes);
        }
        return shapes;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block child : children.values()) {
            child.initialize(manager, dataType, shapes);
            shapes = child.getOutputShapes(shapes);
        }
    }
}
