package dev.dfd.core.nets;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Locale;

/**
 * Builds the classifier networks by timm name and prepares them for inference.
 *
 * <p>Stateless and thread-safe; the networks it returns hold no native memory until initialised.
 */
public final class Networks {
    /** Stochastic-depth rate the DFDC winner trained its encoders with. */
    public static final double DFDC_DROP_PATH_RATE = 0.2;

    private Networks() {}

    /**
     * The architecture names {@link #build} knows, as patterns.
     *
     * @return the names
     */
    public static List<String> knownArchitectures() {
        return List.of(
                "efficientnet_b0 .. efficientnet_b7",
                "tf_efficientnet_b0 .. tf_efficientnet_b7 (optionally _ns, _ap, _aa)",
                "legacy_xception (alias xception)");
    }

    /**
     * Builds a network by timm architecture name, uninitialised; stochastic depth is off except for
     * {@link Head#DFDC}, whose encoder uses the winner's rate {@value #DFDC_DROP_PATH_RATE} (both
     * matter only while training).
     *
     * @param arch for example {@code tf_efficientnet_b7_ns}, {@code efficientnet_b3} or {@code
     *     legacy_xception}; case-insensitive
     * @param head the head
     * @return the network
     * @throws IllegalArgumentException if the name is unknown
     */
    public static Network build(String arch, Head head) {
        return build(arch, head, head == Head.DFDC ? DFDC_DROP_PATH_RATE : 0.0);
    }

    /**
     * Builds a network by timm architecture name, uninitialised.
     *
     * @param arch for example {@code tf_efficientnet_b7_ns}, {@code efficientnet_b3} or {@code
     *     legacy_xception}; case-insensitive
     * @param head the head
     * @param dropPathRate EfficientNet's stochastic-depth rate at the last block, in [0, 1)
     *     (ignored by Xception, which has none)
     * @return the network
     * @throws IllegalArgumentException if the name is unknown or the rate is outside [0, 1)
     */
    public static Network build(String arch, Head head, double dropPathRate) {
        String name = arch.trim().toLowerCase(Locale.ROOT);
        Head inner = head == Head.DFDC ? Head.IMAGENET : head;
        Network net;
        if (name.equals("legacy_xception") || name.equals("xception")) {
            net = new Xception(inner);
        } else if (name.contains("efficientnet")) {
            net = new EfficientNet(EfficientNetConfig.of(name), inner, dropPathRate);
        } else {
            throw new IllegalArgumentException(
                    "unknown architecture '"
                            + arch
                            + "' (known: "
                            + String.join(", ", knownArchitectures())
                            + ")");
        }
        return head == Head.DFDC ? new DeepFakeClassifier(net, 0.0) : net;
    }

    /**
     * Creates the parameters of a network, initialised as timm does for training from scratch
     * (He-normal convolution kernels on the fan-out side, uniform linear weights, zero biases,
     * BatchNorm scale one and shift zero), owned by {@code manager}. To start from trained weights,
     * load them afterwards with {@link dev.dfd.core.checkpoint.StrictLoader}.
     *
     * @param network the network, not yet initialised
     * @param manager owns the parameters; its device is where the network runs
     */
    public static void initialize(Network network, NDManager manager) {
        network.setInitializer(new TimmInitializer(), Parameter.Type.WEIGHT);
        int size = network.defaultInputSize();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, 3, size, size));
    }

    /**
     * Folds every BatchNorm into the convolution before it, for inference: each pair then runs as
     * one convolution with bias. The folded weights are computed from the current parameters (load
     * the weights first) and owned by {@code owner}; training forward passes keep using the
     * separate, live parameters. Weights loaded later are not seen by the folded copy until this is
     * called again ({@link NetworkRunner#load} does); folding again replaces the old folded
     * weights. Not thread-safe.
     *
     * @param network an initialised network with its weights loaded
     * @param owner owns the folded weights; on the network's device
     * @throws IllegalArgumentException if the network is not initialised
     */
    public static void prepareForInference(Network network, NDManager owner) {
        if (!network.isInitialized()) {
            throw new IllegalArgumentException(network.arch() + ": initialise before folding");
        }
        for (ConvBn pair : network.convBnPairs()) {
            pair.fold(owner);
        }
    }

    /**
     * Undoes {@link #prepareForInference}: frees the folded weights. Not thread-safe.
     *
     * @param network the network
     */
    public static void unfold(Network network) {
        for (ConvBn pair : network.convBnPairs()) {
            pair.unfold();
        }
    }

    /**
     * Counts the trainable values of a network, as PyTorch's {@code sum(p.numel() for p in
     * model.parameters())}: BatchNorm running statistics are not counted.
     *
     * @param network an initialised network
     * @return the count
     */
    public static long parameterCount(Network network) {
        long n = 0;
        for (Parameter p : network.getParameters().values()) {
            if (p.getType() != Parameter.Type.RUNNING_MEAN
                    && p.getType() != Parameter.Type.RUNNING_VAR) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }
}
