/** The {@code dfd} command-line program. */
package dev.dfd.examples.cli;
