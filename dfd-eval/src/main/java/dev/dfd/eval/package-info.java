/**
 * Metrics that score probabilities of fake against labels (1 = fake), as the DFDC challenge and
 * scikit-learn compute them: log loss, accuracy and the confusion matrix at a threshold, FAR, FRR,
 * NPV, precision, recall, F1, the ROC curve, AUC, average precision and the equal error rate; and
 * {@link dev.dfd.eval.EvaluationReport}, which gathers them for a JSON report and a text table.
 *
 * <p>Readers of submission and label files live in {@link dev.dfd.eval.io}, plots in {@link
 * dev.dfd.eval.plot}. Nothing here holds native memory.
 */
package dev.dfd.eval;
