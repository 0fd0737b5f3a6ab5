/** Training losses. */
package dev.dfd.train.loss;
