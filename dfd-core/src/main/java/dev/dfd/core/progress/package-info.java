/** Progress reporting for long work, without printing. */
package dev.dfd.core.progress;
