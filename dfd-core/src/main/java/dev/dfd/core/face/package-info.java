/** Faces, boxes, landmarks, crop policies, and the detector and cropper interfaces. */
package dev.dfd.core.face;
