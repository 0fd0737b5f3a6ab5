/** The dfd-bench module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.bench;
