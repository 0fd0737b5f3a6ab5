/** Classifier networks, ensembles and the aggregation of frame scores into a video verdict. */
package dev.dfd.core.classify;
