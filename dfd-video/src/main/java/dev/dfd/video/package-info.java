/** The dfd-video module; see ARCHITECTURE.md for what it holds. */
package dev.dfd.video;
