package dev.dfd.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.dfd.core.nets.Head;
import dev.dfd.core.nets.NetworkRunner;
import dev.dfd.core.nets.Networks;
import dev.dfd.core.system.NativeAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One inference forward pass of the classifier networks on the CPU, with and without BatchNorm
 * folded into the convolutions ({@code foldBn} false is the baseline).
 *
 * <p>{@code model} is {@code arch@size x batch}: EfficientNet-B0 at 224 (batch 1 and 8),
 * EfficientNet-B7 at 380 (batch 1 and 4, the DFDC setting), Xception at 299 (batch 1 and 8).
 * Weights are random (timing does not depend on them). Targets, from PyTorch 1.13 with 2 threads on
 * a 2-vCPU machine (ms per forward, median): B0 224x1 eager 38 / frozen TorchScript 20; B0 224x8
 * 228 / 151; B7 380x1 287 / 260; B7 380x4 2339 / 2278; Xception 299x1 145 / 101; Xception 299x8
 * 1280 / 621. The SDK should be at least as fast as eager and approach frozen.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ClassifierForwardBenchmark {

    /** Network, input size and batch, as {@code arch@size x batch}. */
    @Param({
        "tf_efficientnet_b0@224x1",
        "tf_efficientnet_b0@224x8",
        "tf_efficientnet_b7@380x1",
        "tf_efficientnet_b7@380x4",
        "legacy_xception@299x1",
        "legacy_xception@299x8"
    })
    public String model;

    /** Whether BatchNorm is folded into the convolutions. */
    @Param({"false", "true"})
    public boolean foldBn;

    /**
     * {@code retained}: the C allocator keeps freed memory ({@link
     * NativeAllocator#retainFreedMemory()}, as the {@code dfd} program runs); {@code
     * glibc-default}: the baseline, every large tensor mapped afresh. Each value runs in its own
     * fork, since the setting cannot be undone within a process.
     */
    @Param({"retained", "glibc-default"})
    public String allocator;

    private NetworkRunner runner;
    private NDManager manager;
    private NDArray input;

    /** Builds the network with random weights and a random normalised input batch. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] archAndShape = model.split("@");
        String[] sizeAndBatch = archAndShape[1].split("x");
        int size = Integer.parseInt(sizeAndBatch[0]);
        int batch = Integer.parseInt(sizeAndBatch[1]);
        if (allocator.equals("retained") && !NativeAllocator.retainFreedMemory()) {
            throw new IllegalStateException("this C library cannot be told to keep freed memory");
        }
        runner = NetworkRunner.create(Networks.build(archAndShape[0], Head.IMAGENET), Device.cpu());
        if (foldBn) {
            runner.foldBatchNorm();
        }
        manager = NDManager.newBaseManager(Device.cpu());
        input = manager.randomNormal(new Shape(batch, 3, size, size));
    }

    /**
     * One forward pass; the logits are copied to the heap so that the work cannot be skipped.
     *
     * @param bh sinks the logits
     */
    @Benchmark
    public void forward(Blackhole bh) {
        try (NDArray out = runner.forward(input)) {
            bh.consume(out.toFloatArray());
        }
    }

    /** Frees the network and the input. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        runner.close();
    }
}
