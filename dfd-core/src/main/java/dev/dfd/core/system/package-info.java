/**
 * Process-wide settings of the native libraries the SDK runs on, which only an application sets.
 */
package dev.dfd.core.system;
