package dev.dfd.train.data;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * A train/validation split by DFDC folder number, so that the same actors stay on one side (the
 * 2020 reference trained on parts 0-39 and validated on 40-49).
 *
 * @param validationParts the folder numbers that form the validation set
 */
public record Splits(BitSet validationParts) {
    /** Copies the set. */
    public Splits {
        validationParts = (BitSet) validationParts.clone();
    }

    /** The 2020 reference split: parts 40 to 49 validate, the rest train. */
    public static Splits reference2020() {
        return parse("40-49");
    }

    /**
     * Parses a list of folder numbers and ranges, such as {@code 40-49} or {@code 0,5,10-12}.
     *
     * @param list the list
     * @return the split
     * @throws IllegalArgumentException if the list is malformed
     */
    public static Splits parse(String list) {
        BitSet set = new BitSet();
        for (String item : list.split(",")) {
            String t = item.strip();
            try {
                int dash = t.indexOf('-');
                if (dash > 0) {
                    int from = Integer.parseInt(t.substring(0, dash).strip());
                    int to = Integer.parseInt(t.substring(dash + 1).strip());
                    if (from < 0 || to < from) {
                        throw new IllegalArgumentException("bad range '" + t + "'");
                    }
                    set.set(from, to + 1);
                } else {
                    int p = Integer.parseInt(t);
                    if (p < 0) {
                        throw new IllegalArgumentException("negative part " + p);
                    }
                    set.set(p);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "validation parts must be numbers or ranges like 40-49, got '" + list + "'",
                        e);
            }
        }
        return new Splits(set);
    }

    /** The test for validation folders. */
    public IntPredicate isValidation() {
        BitSet copy = (BitSet) validationParts.clone();
        return p -> p >= 0 && copy.get(p);
    }

    /** The test for training folders. */
    public IntPredicate isTraining() {
        return isValidation().negate();
    }
}
