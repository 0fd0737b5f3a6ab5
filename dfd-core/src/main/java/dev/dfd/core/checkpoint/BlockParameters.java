package dev.dfd.core.checkpoint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * Names the parameters of a DJL block tree with PyTorch-style dotted paths, so that they can be
 * matched with the keys of a PyTorch state dict.
 *
 * <p>A path is the names under which the child blocks were added, from the root down, joined by
 * dots, then the parameter's name. DJL's {@code AbstractBlock.addChildBlock(name, block)} stores a
 * child as {@code "%02d" + name} with its 1-based position (so {@code "conv1"} added first is
 * stored as {@code "01conv1"}); that ordering prefix is removed. Parameter names are mapped to
 * PyTorch's: {@code weight} and {@code bias} stay, BatchNorm's {@code gamma} becomes {@code
 * weight}, {@code beta} becomes {@code bias}, {@code runningMean} becomes {@code running_mean} and
 * {@code runningVar} becomes {@code running_var}; any other name is kept unchanged (for example
 * DJL's {@code Prelu} calls its slope {@code alpha}, which PyTorch calls {@code weight}). A {@code
 * SequentialBlock} adds its children under their class names ({@code "Conv2d"}), not under
 * PyTorch's indices {@code "0"}, {@code "1"}: blocks meant to load PyTorch weights add their
 * children themselves under PyTorch's names. Stateless and thread-safe.
 */
public final class BlockParameters {
    private BlockParameters() {}

    /**
     * The parameters of {@code block} and its descendants under their PyTorch-style paths, in DJL's
     * order (a block's own parameters, then its children's, depth first), which for blocks built
     * like the PyTorch module is the state-dict order.
     *
     * <p>Example: a block whose child {@code "blocks"} has a child {@code "0"} with a child {@code
     * "conv_dw"} holding a {@code "weight"} gives {@code "blocks.0.conv_dw.weight"}.
     *
     * @param block the root block; it need not be initialized
     * @return path to parameter, in order
     * @throws IllegalArgumentException if two parameters map to the same path (for example a block
     *     with both a {@code gamma} and a {@code weight})
     */
    public static LinkedHashMap<String, Parameter> named(Block block) {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    /**
     * The PyTorch name of a DJL parameter name.
     *
     * @param djlName for example {@code gamma}
     * @return for example {@code weight}; unknown names unchanged
     */
    public static String pytorchName(String djlName) {
        return switch (djlName) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djlName;
        };
    }

    /**
     * The name under which a child was added, without DJL's ordering prefix.
     *
     * @param storedName the name as stored in the parent's child list, for example {@code 01conv1}
     * @param index the child's 0-based position in that list
     * @return for example {@code conv1}; the stored name if it does not start with the prefix
     */
    public static String childName(String storedName, int index) {
        String prefix = String.format(Locale.ROOT, "%02d", index + 1);
        if (storedName.startsWith(prefix) && storedName.length() > prefix.length()) {
            return storedName.substring(prefix.length());
        }
        return storedName;
    }

    private static void collect(Block block, String path, LinkedHashMap<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            String key = path + pytorchName(p.getKey());
            Parameter previous = out.putIfAbsent(key, p.getValue());
            if (previous != null) {
                throw new IllegalArgumentException(
                        "two parameters map to the PyTorch name '"
                                + key
                                + "': "
                                + previous.getName()
                                + " and "
                                + p.getValue().getName());
            }
        }
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), path + childName(child.getKey(), index) + ".", out);
            index++;
        }
    }
}
