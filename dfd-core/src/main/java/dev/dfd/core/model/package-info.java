/** The model store: weight files resolved by name from a directory, the cache or a download. */
package dev.dfd.core.model;
