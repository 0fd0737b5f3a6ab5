/** Crop extraction: a dataset's videos turned into face crops once, before training. */
package dev.dfd.train.extract;
