/**
 * MTCNN face detection (Zhang et al. 2016) on DJL's PyTorch engine, a faithful port of
 * facenet-pytorch's detector: {@link dev.dfd.face.mtcnn.MtcnnDetector} with {@link
 * dev.dfd.face.mtcnn.MtcnnOptions} and {@link dev.dfd.face.mtcnn.FaceSelection}.
 */
package dev.dfd.face.mtcnn;
