package dev.dfd.core.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.NativeResource;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libtorch's own in-place SiLU ({@code at::silu_}), which DJL's PyTorch engine does not expose: one
 * pass over the array, where {@code x * sigmoid(x)} through DJL takes two and a temporary as large
 * as the array. SiLU follows every convolution of an EfficientNet: the single pass made
 * EfficientNet-B7 at 380 px 5-10% faster at batch 1 and 18% at batch 4 ({@code
 * docs/benchmarks.md}).
 *
 * <p>The operator is called through JNA on the {@code torch::Tensor} behind a DJL array's native
 * handle, with the C++ symbol of libtorch's dispatcher entry ({@code at::_ops::silu_::call}); the
 * dispatcher picks the kernel of the array's device, so a GPU array is computed on the GPU. It is
 * used only where it can be proven to work: the engine is PyTorch, the process maps a {@code
 * libtorch_cpu} library that exports the symbol (Linux), and a self-check on a few known values
 * passes once. Otherwise {@link #apply} returns {@code false} and the caller computes SiLU the DJL
 * way; which one is in use is logged at debug once.
 *
 * <p>Thread-safe. Holds no native memory of its own.
 */
final class InPlaceSilu {
    private static final Logger LOG = LoggerFactory.getLogger(InPlaceSilu.class);

    /**
     * {@code at::_ops::silu_::call(at::Tensor&)}, libtorch's dispatcher entry for SiLU in place.
     */
    private static final String SYMBOL = "_ZN2at4_ops5silu_4callERNS_6TensorE";

    private static final float[] CHECK_INPUT = {-20f, -2.5f, -1f, 0f, 0.5f, 3f, 30f};

    private static final Object LOCK = new Object();
    private static volatile boolean resolved;
    private static volatile Function silu;

    private InPlaceSilu() {}

    /**
     * Replaces every element of x by {@code x * sigmoid(x)}, in place, when libtorch's operator is
     * reachable.
     *
     * @param x an array no one else reads afterwards as it was (not a view of a shared array), with
     *     no gradient attached
     * @return whether x now holds SiLU of its former values; when {@code false}, x is unchanged
     */
    static boolean apply(NDArray x) {
        Function f = resolve(x.getManager());
        return f != null && invoke(f, x);
    }

    /** Calls the operator on the tensor behind x's native handle; false if x has no such handle. */
    private static boolean invoke(Function f, NDArray x) {
        if (!(x instanceof NativeResource<?> resource)
                || !(resource.getHandle() instanceof Long address)) {
            return false;
        }
        f.invokePointer(new Object[] {new Pointer(address)});
        return true;
    }

    /**
     * Whether the in-place operator is in use in this process, resolving it if needed.
     *
     * @param manager a manager of the engine to ask about
     * @return {@code true} when {@link #apply} computes SiLU in place
     */
    static boolean available(NDManager manager) {
        return resolve(manager) != null;
    }

    private static Function resolve(NDManager manager) {
        if (resolved) {
            return silu;
        }
        synchronized (LOCK) {
            if (!resolved) {
                silu = find(manager);
                resolved = true;
            }
            return silu;
        }
    }

    private static Function find(NDManager manager) {
        String engine = manager.getEngine().getEngineName();
        if (!"PyTorch".equals(engine)) {
            LOG.debug("SiLU through DJL's operators: the engine is {}, not PyTorch", engine);
            return null;
        }
        Optional<String> library = mappedLibTorch();
        if (library.isEmpty()) {
            LOG.debug("SiLU through DJL's operators: no libtorch_cpu mapped in this process");
            return null;
        }
        Function f;
        try {
            f = NativeLibrary.getInstance(library.get()).getFunction(SYMBOL);
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("SiLU through DJL's operators: {} ({})", library.get(), e.getMessage());
            return null;
        }
        if (!checks(f, manager)) {
            LOG.warn(
                    "libtorch's in-place SiLU in {} gave wrong values on a check; using DJL's"
                            + " operators instead",
                    library.get());
            return null;
        }
        LOG.debug("SiLU in place through libtorch's at::silu_ ({})", library.get());
        return f;
    }

    /** The path of the libtorch_cpu library this process has mapped, from /proc/self/maps. */
    private static Optional<String> mappedLibTorch() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(maps);
        } catch (IOException e) {
            return Optional.empty();
        }
        return lines.stream()
                .filter(l -> l.endsWith("/libtorch_cpu.so"))
                .map(l -> l.substring(l.indexOf('/')))
                .findFirst();
    }

    /** Runs the operator on a few values and compares them with SiLU computed in Java. */
    private static boolean checks(Function f, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(CHECK_INPUT);
            if (!invoke(f, x)) {
                return false;
            }
            float[] out = x.toFloatArray();
            for (int i = 0; i < CHECK_INPUT.length; i++) {
                double v = CHECK_INPUT[i];
                double expected = v / (1 + Math.exp(-v));
                if (!(Math.abs(out[i] - expected) <= 1e-5 * Math.max(1, Math.abs(expected)))) {
                    return false;
                }
            }
            return true;
        }
    }
}
