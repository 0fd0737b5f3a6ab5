package dev.dfd.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training batches of {@code k} pairs (a fake and its own original: {@code 2k} samples), shuffled
 * afresh each epoch. Every batch is a pure function of the seed, the epoch and the batch's
 * position, so a resumed run picks up exactly where it stopped.
 *
 * <p>Immutable and thread-safe.
 */
public final class PairBatches<T> {
    private final List<T> pairs;
    private final int pairsPerBatch;
    private final long seed;

    /**
     * Creates the batches.
     *
     * @param pairs the pairs (of any representation), at least {@code pairsPerBatch}
     * @param pairsPerBatch fakes per batch ({@code k}; the 2020 reference used 8 + 8 = 16)
     * @param seed the seed of the shuffles
     * @throws IllegalArgumentException if there are fewer pairs than one batch needs
     */
    public PairBatches(List<T> pairs, int pairsPerBatch, long seed) {
        if (pairsPerBatch < 1) {
            throw new IllegalArgumentException(
                    "pairs per batch must be >= 1, got " + pairsPerBatch);
        }
        if (pairs.size() < pairsPerBatch) {
            throw new IllegalArgumentException(
                    "need at least "
                            + pairsPerBatch
                            + " fake/real pairs for one batch, got "
                            + pairs.size());
        }
        this.pairs = List.copyOf(pairs);
        this.pairsPerBatch = pairsPerBatch;
        this.seed = seed;
    }

    /** Full batches in one epoch; the remainder of a shuffle is dropped. */
    public int batchesPerEpoch() {
        return pairs.size() / pairsPerBatch;
    }

    /**
     * The pairs of one batch.
     *
     * @param epoch the epoch, from 0
     * @param index the batch within the epoch, {@code 0 <= index < batchesPerEpoch()}
     * @return {@code pairsPerBatch} pairs
     */
    public List<T> batch(int epoch, int index) {
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new IndexOutOfBoundsException(
                    "batch " + index + " of an epoch of " + batchesPerEpoch());
        }
        int[] order = permutation(epoch);
        List<T> out = new ArrayList<>(pairsPerBatch);
        for (int i = 0; i < pairsPerBatch; i++) {
            out.add(pairs.get(order[index * pairsPerBatch + i]));
        }
        return out;
    }

    private int[] permutation(int epoch) {
        int n = pairs.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
