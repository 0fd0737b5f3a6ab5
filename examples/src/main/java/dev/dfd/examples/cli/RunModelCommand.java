package dev.dfd.examples.cli;

import ai.djl.Device;
import dev.dfd.core.checkpoint.CheckpointException;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.NetworkRunner;
import dev.dfd.core.nets.Npy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dfd run-model}: runs a classifier network with timm weights on a float32 {@code .npy}
 * tensor and writes its output as {@code .npy}, to compare the SDK with PyTorch.
 *
 * <p>One instance per run; not thread-safe. The network's native memory is freed before it returns.
 */
@Command(
        name = "run-model",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a network (EfficientNet B0-B7, Xception) with timm or DFDC weights on an"
                    + " N x 3 x H x W float32 .npy tensor (already normalised) and writes the"
                    + " output (N x outputs) as a float32 .npy file."
        })
public final class RunModelCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--arch",
            required = true,
            paramLabel = "NAME",
            description =
                    "timm architecture, e.g. tf_efficientnet_b7_ns, efficientnet_b0,"
                            + " legacy_xception.")
    String arch;

    @Option(
            names = "--weights",
            required = true,
            paramLabel = "FILE",
            description = "Checkpoint (.pth, .pt or .safetensors) matching the network exactly.")
    Path weights;

    @Option(
            names = "--head",
            defaultValue = "dfdc",
            paramLabel = "HEAD",
            description =
                    "dfdc (the DFDC winner's classifier, 1 logit), imagenet (1000 logits) or"
                            + " none (pooled features). Default: ${DEFAULT-VALUE}.")
    String head;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "X.npy",
            description = "Input tensor, float32 or float64, shape N x 3 x H x W.")
    Path input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "Y.npy",
            description = "Where to write the output (replaced atomically).")
    Path output;

    @Option(names = "--fold-bn", description = "Fold BatchNorm into the convolutions first.")
    boolean foldBn;

    @Option(
            names = "--batch-size",
            defaultValue = "8",
            paramLabel = "N",
            description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            paramLabel = "DEVICE",
            description = "DJL device name, e.g. cpu or gpu0. Default: ${DEFAULT-VALUE}.")
    String device;

    @Override
    public Integer call() throws IOException, CheckpointException {
        if (batchSize < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        Head h;
        try {
            h = Head.parse(head);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Npy.Tensor x = Npy.read(input);
        long[] shape = x.shape();
        if (shape.length != 4 || shape[1] != 3) {
            throw new IllegalArgumentException(
                    input
                            + ": expected a tensor of shape N x 3 x H x W, got "
                            + Arrays.toString(shape));
        }
        try (NetworkRunner runner =
                NetworkRunner.load(arch, h, weights, Device.fromName(device), foldBn)) {
            Npy.Tensor y = runner.run(x, batchSize);
            Npy.write(output, y);
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%s: wrote %s, shape %s%n",
                            runner.network().arch(),
                            output,
                            Arrays.toString(y.shape()));
        }
        return 0;
    }
}
