/**
 * The transforms, each reproducing the Albumentations 1.3.1 transform of the same name on 8-bit RGB
 * images (formulas, rounding and sampling order as documented per class), plus the DFDC winner's
 * face-specific dropouts.
 */
package dev.dfd.augment.transforms;
