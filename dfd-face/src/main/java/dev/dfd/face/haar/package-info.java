/**
 * A zero-download face detector on OpenCV's Haar cascades, {@link
 * dev.dfd.face.haar.HaarFaceDetector}.
 */
package dev.dfd.face.haar;
