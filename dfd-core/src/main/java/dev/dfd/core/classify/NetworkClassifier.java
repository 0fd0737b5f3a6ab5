package dev.dfd.core.classify;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.nets.NetworkRunner;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A {@link Classifier} around a network whose output is one logit per image (the DFDC winner's
 * head): crops are normalised with a per-channel mean and standard deviation (ImageNet's by
 * default), laid out channels first, run through the network under inference mode, and the logit
 * turned into a probability with the sigmoid.
 *
 * <p>Owns the manager that holds the network's parameters and closes it in {@link #close()}. {@link
 * #predict} is thread-safe: each call works in its own sub-manager, and the network's parameters
 * are only read.
 */
public final class NetworkClassifier implements Classifier {
    /** ImageNet's channel means, RGB, for values in [0, 1]. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};

    /** ImageNet's channel standard deviations, RGB, for values in [0, 1]. */
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private final UnaryOperator<NDArray> forward;
    private final AutoCloseable owner;
    private final Device device;
    private final int inputSize;
    private final float[] scale = new float[3];
    private final float[] shift = new float[3];
    private final String name;

    /**
     * Wraps a network.
     *
     * @param name a name for messages, for example the checkpoint file
     * @param network an initialised network with weights loaded, mapping N×3×S×S to N×1 logits
     * @param manager the manager that owns the network's parameters; closed with this classifier
     * @param inputSize the crop size S in pixels
     * @param mean per-channel mean of values in [0, 1], RGB
     * @param std per-channel standard deviation of values in [0, 1], RGB, positive
     */
    public NetworkClassifier(
            String name,
            Block network,
            NDManager manager,
            int inputSize,
            float[] mean,
            float[] std) {
        this(
                name,
                x ->
                        network.forward(
                                        new ParameterStore(x.getManager(), false),
                                        new NDList(x),
                                        false)
                                .singletonOrThrow(),
                manager,
                manager.getDevice(),
                inputSize,
                mean,
                std);
        Objects.requireNonNull(network, "network");
    }

    private NetworkClassifier(
            String name,
            UnaryOperator<NDArray> forward,
            AutoCloseable owner,
            Device device,
            int inputSize,
            float[] mean,
            float[] std) {
        this.name = Objects.requireNonNull(name, "name");
        this.forward = forward;
        this.owner = Objects.requireNonNull(owner, "owner");
        this.device = Objects.requireNonNull(device, "device");
        if (inputSize < 1) {
            throw new IllegalArgumentException("input size must be >= 1, got " + inputSize);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 channels");
        }
        this.inputSize = inputSize;
        for (int c = 0; c < 3; c++) {
            if (!(std[c] > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + std[c]);
            }
            // (v / 255 - mean) / std = v * scale + shift
            scale[c] = 1f / (255f * std[c]);
            shift[c] = -mean[c] / std[c];
        }
    }

    /**
     * Wraps a loaded network runner, with ImageNet normalisation; closing the classifier closes the
     * runner.
     *
     * @param name a name for messages, for example the checkpoint file
     * @param runner a runner whose network has a one-logit head ({@link
     *     dev.dfd.core.nets.Head#DFDC})
     * @param inputSize the crop size in pixels
     * @return the classifier
     */
    public static NetworkClassifier of(String name, NetworkRunner runner, int inputSize) {
        return new NetworkClassifier(
                name,
                runner::forward,
                runner,
                runner.device(),
                inputSize,
                IMAGENET_MEAN,
                IMAGENET_STD);
    }

    /** The device the network runs on. */
    public Device device() {
        return device;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public double[] predict(List<RgbImage> crops) {
        if (crops.isEmpty()) {
            return new double[0];
        }
        int plane = inputSize * inputSize;
        float[] input = new float[crops.size() * 3 * plane];
        for (int n = 0; n < crops.size(); n++) {
            RgbImage crop = crops.get(n);
            if (crop.width() != inputSize || crop.height() != inputSize) {
                throw new IllegalArgumentException(
                        name
                                + ": crop "
                                + n
                                + " is "
                                + crop.width()
                                + "x"
                                + crop.height()
                                + ", the network takes "
                                + inputSize
                                + "x"
                                + inputSize);
            }
            byte[] px = crop.buffer();
            int base = n * 3 * plane;
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    input[base + c * plane + i] = (px[i * 3 + c] & 0xFF) * scale[c] + shift[c];
                }
            }
        }
        try (NDManager batch = NDManager.newBaseManager(device)) {
            NDArray x = batch.create(input, new Shape(crops.size(), 3, inputSize, inputSize));
            NDArray logits = forward.apply(x);
            if (logits.size() != crops.size()) {
                throw new IllegalStateException(
                        name
                                + ": the network gave "
                                + logits.getShape()
                                + " for "
                                + crops.size()
                                + " crops; a one-logit head is required (--head dfdc)");
            }
            float[] z = logits.toType(DataType.FLOAT32, false).toFloatArray();
            double[] p = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                p[i] = 1.0 / (1.0 + Math.exp(-z[i]));
            }
            return p;
        }
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException(name + ": closing the network failed", e);
        }
    }

    @Override
    public String toString() {
        return "NetworkClassifier[" + name + ", " + inputSize + "px]";
    }
}
