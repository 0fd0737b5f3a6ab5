package dev.dfd.core.nets;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import dev.dfd.core.checkpoint.CheckpointException;
import dev.dfd.core.checkpoint.Checkpoints;
import dev.dfd.core.checkpoint.StrictLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A network with its parameters on one device, ready for batched inference.
 *
 * <p>Owns the native memory of the parameters and of the folded weights until {@link #close()};
 * each call's intermediates live in a sub-manager closed before the call returns. {@link #forward}
 * and {@link #run} may be called from several threads once the weights are loaded; loading and
 * folding may not run concurrently with anything else.
 */
public final class NetworkRunner implements AutoCloseable {
    private final Network network;
    private final NDManager manager;
    private final ParameterStore store;

    private NetworkRunner(Network network, NDManager manager) {
        this.network = network;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Initialises a network on a device with random weights, frozen (no gradients are recorded).
     *
     * @param network a network from {@link Networks#build}, not yet initialised
     * @param device where the network runs, for example {@code Device.cpu()}
     * @return the runner, which owns the network's parameters
     */
    public static NetworkRunner create(Network network, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Networks.initialize(network, manager);
            // Inference only: no autograd graph even if the calling thread has grad mode on.
            network.freezeParameters(true);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new NetworkRunner(network, manager);
    }

    /**
     * Builds a network, loads a checkpoint into it strictly and optionally folds its BatchNorms.
     *
     * @param arch the timm architecture name, see {@link Networks#build}
     * @param head the head
     * @param weights a {@code .pth}/{@code .pt} or {@code .safetensors} checkpoint whose keys match
     *     the network exactly (for {@link Head#DFDC}: the winner's layout)
     * @param device where the network runs
     * @param foldBatchNorm whether to fold BatchNorm into the convolutions
     * @return the runner
     * @throws CheckpointException if the file cannot be read or does not match the network
     * @throws IllegalArgumentException if the architecture is unknown
     */
    public static NetworkRunner load(
            String arch, Head head, Path weights, Device device, boolean foldBatchNorm)
            throws CheckpointException {
        Network network = Networks.build(arch, head);
        NetworkRunner runner = create(network, device);
        try {
            runner.load(weights);
            if (foldBatchNorm) {
                runner.foldBatchNorm();
            }
        } catch (CheckpointException | RuntimeException e) {
            runner.close();
            throw e;
        }
        return runner;
    }

    /**
     * Loads a checkpoint strictly (every key must match a parameter, with its shape); if the
     * BatchNorms were folded, they are folded again from the new weights.
     *
     * @param weights a {@code .pth}/{@code .pt} or {@code .safetensors} file
     * @throws CheckpointException if the file cannot be read or does not match the network
     */
    public void load(Path weights) throws CheckpointException {
        StrictLoader.load(network, Checkpoints.read(weights));
        if (network.convBnPairs().stream().anyMatch(ConvBn::isFolded)) {
            foldBatchNorm();
        }
    }

    /**
     * Folds every BatchNorm into its convolution for inference (see {@link
     * Networks#prepareForInference}).
     */
    public void foldBatchNorm() {
        Networks.prepareForInference(network, manager);
    }

    /**
     * The network.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * The device the network runs on.
     *
     * @return the device
     */
    public Device device() {
        return manager.getDevice();
    }

    /**
     * Runs the network in inference mode on one batch.
     *
     * @param input (N, 3, H, W) float32, on any device (copied to the network's if needed)
     * @return the output (N, {@link Network#numOutputs()}), owned by the input's manager
     * @throws IllegalArgumentException if the input is not (N, 3, H, W)
     */
    public NDArray forward(NDArray input) {
        network.checkInput(input.getShape());
        NDManager owner = input.getManager();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = input.getDevice().equals(device()) ? input : input.toDevice(device(), true);
            NDArray out;
            if (x == input) {
                scope.tempAttachAll(x);
                out = network.forward(store, new NDList(x), false).singletonOrThrow();
            } else {
                x.attach(scope);
                out = network.forward(store, new NDList(x), false).singletonOrThrow();
            }
            NDArray result = out.toDevice(input.getDevice(), false);
            result.attach(owner);
            return result;
        }
    }

    /**
     * Runs the network in inference mode on a heap tensor, in batches.
     *
     * @param input (N, 3, H, W) float32 values
     * @param batchSize images per forward pass, at least 1
     * @return the output (N, {@link Network#numOutputs()})
     * @throws IllegalArgumentException if the input is not (N, 3, H, W) or batchSize is below 1
     */
    public Npy.Tensor run(Npy.Tensor input, int batchSize) {
        long[] shape = input.shape();
        if (shape.length != 4 || shape[1] != 3) {
            throw new IllegalArgumentException(
                    network.arch()
                            + ": input must have shape (N, 3, H, W), got "
                            + Arrays.toString(shape));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        int n = (int) shape[0];
        int outputs = network.numOutputs();
        float[] result = new float[n * outputs];
        try (NDManager scope = manager.newSubManager()) {
            NDArray all = input.toNDArray(scope);
            for (int start = 0; start < n; start += batchSize) {
                int end = Math.min(n, start + batchSize);
                try (NDManager batchScope = scope.newSubManager()) {
                    NDArray batch = all.get(new NDIndex("{}:{}", start, end));
                    batch.attach(batchScope);
                    NDArray out =
                            network.forward(store, new NDList(batch), false).singletonOrThrow();
                    out.attach(batchScope);
                    float[] values = out.toFloatArray();
                    System.arraycopy(values, 0, result, start * outputs, values.length);
                }
            }
        }
        return new Npy.Tensor(new long[] {n, outputs}, result);
    }

    @Override
    public void close() {
        Networks.unfold(network);
        manager.close();
    }
}
