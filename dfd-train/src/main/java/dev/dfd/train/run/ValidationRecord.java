package dev.dfd.train.run;

/**
 * One line of a run's {@code history.jsonl}: what a validation measured.
 *
 * @param batch the number of training batches done
 * @param epoch the epoch the validation happened in, from 0
 * @param learningRate the learning rate at that batch
 * @param trainLoss the mean training loss since the previous validation
 * @param valLogLoss the validation log loss, probabilities bounded to [1e-15, 1 - 1e-15]
 * @param valLogLossClip10 the validation log loss with probabilities clipped to [0.1, 0.9]
 * @param valLogLossClip15 the validation log loss with probabilities clipped to [0.15, 0.85]
 * @param valAccuracy the validation accuracy at threshold 0.5
 * @param valAuc the validation AUC, NaN when the validation set has one class only
 * @param seconds wall-clock seconds since the run started
 */
public record ValidationRecord(
        long batch,
        int epoch,
        double learningRate,
        double trainLoss,
        double valLogLoss,
        double valLogLossClip10,
        double valLogLossClip15,
        double valAccuracy,
        double valAuc,
        double seconds) {}
