package dev.dfd.core.face;

import dev.dfd.core.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds faces in images.
 *
 * <p>Implementations document whether they are thread-safe; those that hold native models are
 * {@link AutoCloseable} and must be closed.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Finds the faces in one image.
     *
     * @param image the image
     * @return the faces, possibly empty; the order is the implementation's documented order
     */
    List<Face> detect(RgbImage image);

    /**
     * Finds the faces in several images, with the same result as calling {@link #detect} on each.
     * Implementations may process images of one size together.
     *
     * @param images the images
     * @return one list of faces per image, in the same order
     */
    default List<List<Face>> detectAll(List<RgbImage> images) {
        List<List<Face>> out = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            out.add(detect(image));
        }
        return out;
    }

    /** Frees any native model. The default does nothing. */
    @Override
    default void close() {}
}
