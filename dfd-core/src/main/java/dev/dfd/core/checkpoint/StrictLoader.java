package dev.dfd.core.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.Buffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a {@link StateDict} into a DJL block by name, strictly, like PyTorch's {@code
 * load_state_dict(strict=True)}.
 *
 * <p>Every parameter of the block gets the tensor whose key equals its dotted path ({@link
 * BlockParameters#named}); the values are copied into the parameter's existing array, so they stay
 * on the block's device, in its type. Keys ending in {@code num_batches_tracked} (BatchNorm's step
 * counter, unused at inference) are ignored. All checks run before anything is written, so a
 * mismatching dict leaves the block untouched. An error of the engine while copying (for example
 * running out of memory) can still leave some parameters written. Stateless and thread-safe, but
 * the block must not be used by another thread while it is being loaded.
 */
public final class StrictLoader {
    private static final String IGNORED_SUFFIX = "num_batches_tracked";

    private StrictLoader() {}

    /**
     * Copies every tensor of {@code dict} into the parameter of {@code block} with the same path.
     *
     * <p>Floating tensors (float32, float16, bfloat16, float64) go into FLOAT32 parameters, integer
     * tensors into INT64 parameters.
     *
     * @param block an initialized block ({@code block.initialize(...)} has run, so every parameter
     *     has its array and shape)
     * @param dict the tensors, keyed by PyTorch-style paths
     * @throws CheckpointException if any parameter has no tensor (missing key), any tensor has no
     *     parameter (unexpected key), any shape differs, or a type cannot be converted; the message
     *     lists all of them at once, as {@code key: checkpoint [a, b] vs block [c, d]} for shapes,
     *     and names the dict's source; the block is then unchanged
     * @throws IllegalArgumentException if the block is not initialized
     */
    public static void load(Block block, StateDict dict) throws CheckpointException {
        LinkedHashMap<String, Parameter> params = BlockParameters.named(block);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            if (!e.getValue().isInitialized()) {
                throw new IllegalArgumentException(
                        "block is not initialized: parameter '"
                                + e.getKey()
                                + "' has no array; call block.initialize(...) first");
            }
        }

        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (String key : params.keySet()) {
            if (!dict.contains(key)) {
                missing.add(key);
            }
        }
        for (String key : dict.keys()) {
            if (key.endsWith(IGNORED_SUFFIX)) {
                continue;
            }
            Parameter p = params.get(key);
            if (p == null) {
                unexpected.add(key);
                continue;
            }
            TensorData t = dict.get(key);
            NDArray array = p.getArray();
            long[] blockShape = array.getShape().getShape();
            if (!Arrays.equals(t.shape(), blockShape)) {
                mismatched.add(
                        key
                                + ": checkpoint "
                                + Arrays.toString(t.shape())
                                + " vs block "
                                + Arrays.toString(blockShape));
            } else if (!convertible(t.dataType(), array.getDataType())) {
                mismatched.add(
                        key
                                + ": checkpoint type "
                                + t.dataType()
                                + " vs block type "
                                + array.getDataType());
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            throw new CheckpointException(message(dict, block, missing, unexpected, mismatched));
        }

        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            TensorData t = dict.get(e.getKey());
            NDArray array = e.getValue().getArray();
            array.set(values(t, array.getDataType()));
        }
    }

    private static boolean convertible(DataType from, DataType to) {
        if (to == DataType.FLOAT32) {
            return from.isFloating();
        }
        if (to == DataType.INT64) {
            return from.isInteger() || from == DataType.BOOLEAN;
        }
        return false;
    }

    private static Buffer values(TensorData t, DataType to) {
        return to == DataType.FLOAT32
                ? FloatBuffer.wrap(t.toFloatArray())
                : LongBuffer.wrap(t.toLongArray());
    }

    private static String message(
            StateDict dict,
            Block block,
            List<String> missing,
            List<String> unexpected,
            List<String> mismatched) {
        StringBuilder s =
                new StringBuilder(dict.source())
                        .append(": state dict does not match ")
                        .append(block.getClass().getSimpleName())
                        .append(" (strict load, nothing loaded)");
        if (!missing.isEmpty()) {
            s.append("; ")
                    .append(missing.size())
                    .append(" missing key(s): ")
                    .append(String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            s.append("; ")
                    .append(unexpected.size())
                    .append(" unexpected key(s): ")
                    .append(String.join(", ", unexpected));
        }
        if (!mismatched.isEmpty()) {
            s.append("; ")
                    .append(mismatched.size())
                    .append(" mismatch(es): ")
                    .append(String.join(", ", mismatched));
        }
        return s.toString();
    }
}
