/**
 * Classifier networks as DJL blocks that load timm checkpoints by name: EfficientNet B0 to B7 in
 * both of timm's padding conventions, the legacy Xception, and the DFDC winner's classifier around
 * them; with a {@code .npy} reader and writer for tensors exchanged with Python.
 */
package dev.dfd.core.nets;
