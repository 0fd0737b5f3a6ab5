/** The dfd-augment module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.augment;
