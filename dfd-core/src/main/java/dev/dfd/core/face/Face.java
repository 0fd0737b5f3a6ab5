package dev.dfd.core.face;

import java.util.List;
import java.util.Objects;

/**
 * A face found in a frame.
 *
 * @param box the face rectangle in pixels of the frame
 * @param score the detector's confidence in [0, 1]
 * @param landmarks five points in this order: left eye, right eye, nose, left mouth corner, right
 *     mouth corner (left and right as seen in the image); empty when the detector does not locate
 *     them (the Haar cascade)
 */
public record Face(Box box, double score, List<Point> landmarks) {
    /** Checks the arguments and copies the landmark list. */
    public Face {
        Objects.requireNonNull(box, "box");
        landmarks = List.copyOf(landmarks);
        if (!landmarks.isEmpty() && landmarks.size() != 5) {
            throw new IllegalArgumentException(
                    "a face has 0 or 5 landmarks, got " + landmarks.size());
        }
    }

    /** Whether the five landmarks are known. */
    public boolean hasLandmarks() {
        return !landmarks.isEmpty();
    }

    /**
     * This face with box and landmarks scaled about the origin, for mapping detections on a resized
     * frame back to the original.
     *
     * @param factor the scale, positive
     * @return the scaled face
     */
    public Face scale(double factor) {
        return new Face(
                box.scale(factor), score, landmarks.stream().map(p -> p.scale(factor)).toList());
    }
}
