package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The DFDC winner's {@code DeepFakeClassifier} (Seferbekov, DFDC 2020): the complete timm model as
 * {@code encoder} (its own classifier included, as in the published checkpoints, but never used),
 * its feature map average-pooled, dropout, and a linear layer {@code fc} to one logit; the
 * probability of "fake" is the sigmoid of that logit.
 *
 * <p>Native memory and threads: see {@link Network}.
 */
public final class DeepFakeClassifier extends Network {
    private final Network encoder;
    private final Linear fc;
    private final float dropoutRate;

    /**
     * Wraps an encoder.
     *
     * @param encoder the timm model, built with {@link Head#IMAGENET} so that its classifier
     *     parameters are present
     * @param dropoutRate dropout before {@code fc} while training, in [0, 1); the winner used 0
     * @throws IllegalArgumentException if the encoder's head is not {@link Head#IMAGENET} or the
     *     rate is outside [0, 1)
     */
    public DeepFakeClassifier(Network encoder, double dropoutRate) {
        if (encoder.head() != Head.IMAGENET) {
            throw new IllegalArgumentException(
                    "the DFDC encoder must carry timm's classifier (head IMAGENET), got "
                            + encoder.head());
        }
        if (!(dropoutRate >= 0 && dropoutRate < 1)) {
            throw new IllegalArgumentException("dropoutRate must be in [0, 1): " + dropoutRate);
        }
        this.encoder = addChildBlock("encoder", encoder);
        this.fc = addChildBlock("fc", Linear.builder().setUnits(1).build());
        this.dropoutRate = (float) dropoutRate;
    }

    /**
     * The wrapped timm model.
     *
     * @return the encoder
     */
    public Network encoder() {
        return encoder;
    }

    @Override
    public String arch() {
        return encoder.arch();
    }

    @Override
    public Head head() {
        return Head.DFDC;
    }

    @Override
    public int numFeatures() {
        return encoder.numFeatures();
    }

    @Override
    public int defaultInputSize() {
        return encoder.defaultInputSize();
    }

    @Override
    NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
        return encoder.forwardFeatures(ps, x, training);
    }

    @Override
    NDArray forwardHead(ParameterStore ps, NDArray pooled, boolean training) {
        NDArray dropped = Dropout.dropout(pooled, dropoutRate, training).singletonOrThrow();
        if (dropped != pooled) {
            pooled.close();
        }
        NDArray logit = fc.forward(ps, new NDList(dropped), training).singletonOrThrow();
        dropped.close();
        return logit;
    }

    @Override
    List<ConvBn> convBnPairs() {
        return encoder.convBnPairs();
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        fc.initialize(manager, dataType, new Shape(1, encoder.numFeatures()));
    }
}
