/**
 * PNG plots of an evaluation, drawn with Java2D so that they need no native library and no display:
 * the ROC curve, the confusion matrix and the score histograms of real and fake videos. {@link
 * dev.dfd.eval.plot.EvaluationPlots} writes all three into a folder.
 *
 * <p>Drawing needs fonts but no screen: run with {@code -Djava.awt.headless=true} on a server.
 */
package dev.dfd.eval.plot;
