package dev.dfd.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * Binary cross-entropy on logits, computed in the numerically stable form {@code max(z, 0) - z y +
 * log(1 + exp(-|z|))}, with optional label smoothing and class balancing.
 *
 * <p>Label smoothing {@code e} moves targets to {@code y (1 - e) + e / 2}. Class balancing averages
 * the mean loss of the fakes and the mean loss of the reals, so that a batch that happens to hold
 * more of one class does not weigh it more (the DFDC winners balanced their losses this way); a
 * batch with one class only falls back to the plain mean.
 *
 * @param labelSmoothing {@code e}, in [0, 1)
 * @param classBalanced whether to average the two classes' mean losses
 */
public record BinaryCrossEntropy(double labelSmoothing, boolean classBalanced) {

    /** Plain binary cross-entropy, as the 2020 reference trained with. */
    public static final BinaryCrossEntropy PLAIN = new BinaryCrossEntropy(0, false);

    /** Checks the arguments. */
    public BinaryCrossEntropy {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException(
                    "label smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    /**
     * The loss of a batch, differentiable with respect to the logits.
     *
     * @param logits shape (N) or (N, 1), any float type
     * @param labels 0 (real) or 1 (fake), same number of elements
     * @return a scalar
     * @throws IllegalArgumentException if the sizes differ
     */
    public NDArray loss(NDArray logits, NDArray labels) {
        if (logits.size() != labels.size()) {
            throw new IllegalArgumentException(
                    "logits "
                            + logits.getShape()
                            + " and labels "
                            + labels.getShape()
                            + " differ in size");
        }
        NDArray z = logits.reshape(-1);
        NDArray y = labels.reshape(-1).toType(z.getDataType(), false);
        NDArray target =
                labelSmoothing == 0 ? y : y.mul(1 - labelSmoothing).add(labelSmoothing / 2);
        NDArray perSample = z.maximum(0).sub(z.mul(target)).add(z.abs().neg().exp().add(1).log());
        if (!classBalanced) {
            return perSample.mean();
        }
        float fakes = y.sum().getFloat();
        float reals = y.size() - fakes;
        if (fakes == 0 || reals == 0) {
            return perSample.mean();
        }
        NDArray fakeMean = perSample.mul(y).sum().div(fakes);
        NDArray realMean = perSample.mul(y.neg().add(1)).sum().div(reals);
        return fakeMean.add(realMean).div(2);
    }
}
