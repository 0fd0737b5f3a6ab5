package dev.dfd.core.face;

import java.util.List;
import java.util.Objects;

/**
 * One person's face followed across the sampled frames of a video, in frame order; frames in which
 * the face was missed have no entry.
 *
 * @param id the track's number within its video, from 0, in order of the tracks' first frames
 * @param faces the observations, at least one, strictly increasing in frame index
 */
public record FaceTrack(int id, List<TrackedFace> faces) {
    /** Checks the arguments and copies the list. */
    public FaceTrack {
        faces = List.copyOf(faces);
        if (faces.isEmpty()) {
            throw new IllegalArgumentException("track " + id + " has no faces");
        }
        for (int i = 1; i < faces.size(); i++) {
            if (faces.get(i).frameIndex() <= faces.get(i - 1).frameIndex()) {
                throw new IllegalArgumentException(
                        "track "
                                + id
                                + ": frame indices must increase, got "
                                + faces.get(i - 1).frameIndex()
                                + " then "
                                + faces.get(i).frameIndex());
            }
        }
    }

    /** Number of observations. */
    public int size() {
        return faces.size();
    }

    /** The first observation. */
    public TrackedFace first() {
        return faces.get(0);
    }

    /** The last observation. */
    public TrackedFace last() {
        return faces.get(faces.size() - 1);
    }

    /** Mean detector score over the observations, in [0, 1]. */
    public double meanScore() {
        return faces.stream().mapToDouble(f -> f.face().score()).average().orElse(0);
    }

    /**
     * One observation of a tracked face.
     *
     * @param frameIndex index of the frame the face was detected in
     * @param face the detection
     */
    public record TrackedFace(int frameIndex, Face face) {
        /** Checks the arguments. */
        public TrackedFace {
            Objects.requireNonNull(face, "face");
        }
    }
}
