/** The dfd-eval module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.eval;
