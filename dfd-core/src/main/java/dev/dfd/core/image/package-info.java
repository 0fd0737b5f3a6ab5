/**
 * The image type that flows between pipeline steps, and adapters to OpenCV and DJL.
 *
 * <p>{@link dev.dfd.core.image.OpenCvImages} needs {@code org.bytedeco:opencv} on the class path;
 * dfd-core declares it optional so that users who never touch OpenCV do not carry it.
 */
package dev.dfd.core.image;
