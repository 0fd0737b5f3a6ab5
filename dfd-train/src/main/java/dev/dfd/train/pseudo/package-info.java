/** Pseudo-fakes: training data made from real faces alone (self-blended images). */
package dev.dfd.train.pseudo;
