/**
 * Face crops: {@link dev.dfd.face.crop.PolicyCropper} applies a {@link
 * dev.dfd.core.face.CropPolicy} with OpenCV; {@link dev.dfd.face.crop.FacenetCropper} reproduces
 * facenet-pytorch's {@code extract_face} exactly.
 */
package dev.dfd.face.crop;
