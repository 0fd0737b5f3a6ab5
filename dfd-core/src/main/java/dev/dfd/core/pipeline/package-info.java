/** The composed pipeline, {@code DeepfakeDetector}, and its result, {@code VideoVerdict}. */
package dev.dfd.core.pipeline;
