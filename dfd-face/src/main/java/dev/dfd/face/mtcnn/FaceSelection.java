package dev.dfd.face.mtcnn;

/**
 * Which of the faces MTCNN finds in a frame are returned.
 *
 * <p>Every mode starts from all faces, ordered by box area {@code (x2 - x1) * (y2 - y1)}, largest
 * first (facenet-pytorch's {@code detect} order).
 */
public enum FaceSelection {
    /** All faces, largest box first. */
    ALL,

    /** The face with the highest probability (the first of equals in area order). */
    HIGHEST_PROBABILITY,

    /** The face with the largest box area. */
    LARGEST,

    /**
     * The face that maximises {@code area - 2 * d²}, where {@code area} is the box area and {@code
     * d} the distance in pixels from the box centre to the frame centre; facenet-pytorch's {@code
     * center_weighted_size} rule with its default centre weight 2. A large face near the centre
     * wins over a slightly larger one at the edge.
     */
    LARGEST_NEAR_CENTER
}
