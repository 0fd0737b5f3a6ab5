package dev.dfd.train.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that decides how a run trains. The defaults are the 2020 reference pipeline's: SGD
 * with learning rate 0.001, momentum 0.8 and weight decay 1e-6, plain binary cross-entropy, 8 fakes
 * with their 8 originals per batch, validation every 1000 batches, early stopping after 10
 * validations without improvement, at most 10 epochs.
 *
 * @param arch the network name, for example {@code tf_efficientnet_b0}
 * @param inputSize crops are resized to this many pixels square before the network
 * @param pairsPerBatch fakes per batch; each comes with its original, so the batch is twice this
 * @param learningRate the base learning rate
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay
 * @param nesterov whether SGD uses Nesterov momentum
 * @param schedule {@code constant}, {@code step}, {@code cosine} or {@code poly}
 * @param warmupSteps linear warm-up steps before the schedule
 * @param labelSmoothing label smoothing of the loss
 * @param classBalanced whether the loss averages the two classes' means
 * @param validateEvery validate (and checkpoint) every this many batches
 * @param patience stop after this many validations without improvement
 * @param maxEpochs stop after this many passes over the training pairs
 * @param seed the seed of every random choice (data order, augmentation, dropout)
 * @param freezeEncoderSteps for this many first steps only the head ({@code fc.}) learns
 * @param pseudoFakeShare the share of DFDC pairs whose fake is replaced by a self-blended one
 * @param loaderThreads threads that load and augment batches ahead of the network
 */
public record TrainingConfig(
        String arch,
        int inputSize,
        int pairsPerBatch,
        double learningRate,
        double momentum,
        double weightDecay,
        boolean nesterov,
        String schedule,
        int warmupSteps,
        double labelSmoothing,
        boolean classBalanced,
        int validateEvery,
        int patience,
        int maxEpochs,
        long seed,
        int freezeEncoderSteps,
        double pseudoFakeShare,
        int loaderThreads) {

    /** Checks the arguments. */
    public TrainingConfig {
        if (inputSize < 8
                || pairsPerBatch < 1
                || validateEvery < 1
                || patience < 1
                || maxEpochs < 1) {
            throw new IllegalArgumentException(
                    "need inputSize >= 8 and positive batch, validation interval, patience and"
                            + " epochs");
        }
        if (!(pseudoFakeShare >= 0 && pseudoFakeShare <= 1) || loaderThreads < 1) {
            throw new IllegalArgumentException(
                    "pseudo-fake share must be in [0, 1] and loader threads >= 1");
        }
        if (!java.util.Set.of("constant", "step", "cosine", "poly").contains(schedule)) {
            throw new IllegalArgumentException(
                    "unknown schedule '" + schedule + "' (known: constant, step, cosine, poly)");
        }
    }

    /** The 2020 reference defaults for a network at an input size. */
    public static TrainingConfig reference2020(String arch, int inputSize) {
        return new TrainingConfig(
                arch,
                inputSize,
                8,
                0.001,
                0.8,
                1e-6,
                false,
                "constant",
                0,
                0,
                false,
                1000,
                10,
                10,
                0,
                0,
                0,
                2);
    }

    /**
     * The learning-rate schedule this configuration names.
     *
     * @param stepsPerEpoch training steps in one epoch, for schedules that span the run
     * @return the schedule
     * @throws IllegalArgumentException for an unknown schedule name
     */
    public dev.dfd.train.optim.LearningRateSchedule schedule(long stepsPerEpoch) {
        long total = Math.max(1, stepsPerEpoch * maxEpochs);
        dev.dfd.train.optim.LearningRateSchedule s =
                switch (schedule) {
                    case "constant" ->
                            dev.dfd.train.optim.LearningRateSchedule.constant(learningRate);
                    case "step" ->
                            dev.dfd.train.optim.LearningRateSchedule.step(
                                    learningRate, Math.max(1, stepsPerEpoch), 0.1);
                    case "cosine" ->
                            dev.dfd.train.optim.LearningRateSchedule.cosine(learningRate, 0, total);
                    case "poly" ->
                            dev.dfd.train.optim.LearningRateSchedule.polynomial(
                                    learningRate, total, 0.9);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown schedule '"
                                            + schedule
                                            + "' (known: constant, step, cosine, poly)");
                };
        return s.withWarmup(warmupSteps);
    }

    /** This configuration as plain values, stored with every checkpoint. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", arch);
        m.put("input_size", inputSize);
        m.put("pairs_per_batch", pairsPerBatch);
        m.put("lr", learningRate);
        m.put("momentum", momentum);
        m.put("weight_decay", weightDecay);
        m.put("nesterov", nesterov);
        m.put("schedule", schedule);
        m.put("warmup_steps", warmupSteps);
        m.put("label_smoothing", labelSmoothing);
        m.put("class_balanced", classBalanced);
        m.put("validate_every", validateEvery);
        m.put("patience", patience);
        m.put("max_epochs", maxEpochs);
        m.put("seed", seed);
        m.put("freeze_encoder_steps", freezeEncoderSteps);
        m.put("pseudo_fake_share", pseudoFakeShare);
        m.put("loader_threads", loaderThreads);
        return m;
    }
}
