/** A training run: early stopping, validation history, checkpoints and resumption. */
package dev.dfd.train.run;
