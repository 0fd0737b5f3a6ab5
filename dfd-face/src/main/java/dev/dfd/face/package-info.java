/**
 * The dfd-face module: finding faces in frames and turning them into classifier inputs.
 *
 * <ul>
 *   <li>{@code dev.dfd.face.mtcnn}: the MTCNN detector, a port of facenet-pytorch's.
 *   <li>{@code dev.dfd.face.haar}: a Haar-cascade detector on the cascades bundled with OpenCV, for
 *       when the MTCNN weights are not at hand.
 *   <li>{@code dev.dfd.face.crop}: crops by a {@link dev.dfd.core.face.CropPolicy}, and
 *       facenet-pytorch's exact crop.
 *   <li>{@code dev.dfd.face.track}: faces linked across frames into one track per person.
 * </ul>
 */
package dev.dfd.face;
