/** The dfd-face module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.face;
