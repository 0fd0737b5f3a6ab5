/** The dfd-train module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.train;
