package dev.dfd.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/** Helpers shared by the composite transforms. Stateless. */
final class Composites {
    private Composites() {}

    /** The child a record points to, checked. */
    static Transform child(List<Transform> transforms, Replay child, String parent) {
        int i = child.index();
        if (i < 0 || i >= transforms.size()) {
            throw new IllegalArgumentException(
                    parent + ": replay record points to child " + i + " of " + transforms.size());
        }
        return transforms.get(i);
    }

    /** Normalised weights from the children's probabilities. */
    static double[] weights(List<Transform> transforms, String parent) {
        double sum = 0;
        for (Transform t : transforms) {
            sum += t.probability();
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(
                    parent + ": the children's probabilities sum to " + sum + ", need > 0");
        }
        double[] w = new double[transforms.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = transforms.get(i).probability() / sum;
        }
        return w;
    }

    /** Picks an index with the given weights (which need not sum to 1; zero weights never win). */
    static int pick(double[] w, RandomGenerator random) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double u = random.nextDouble() * total;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                acc += w[i];
                last = i;
                if (u < acc) {
                    return i;
                }
            }
        }
        return last;
    }
}
