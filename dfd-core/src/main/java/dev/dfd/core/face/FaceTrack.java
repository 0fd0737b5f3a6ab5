package dev.dfd.core.face;

import java.util.List;

/**
 * One person's face followed across the sampled frames of a video.
 *
 * @param id the track's number within its video, from 0
 * @param faces the detections of this face, in frame order, at most one per frame
 */
public record FaceTrack(int id, List<TrackedFace> faces) {
    /** Copies the list. */
    public FaceTrack {
        faces = List.copyOf(faces);
    }

    /**
     * A detection that belongs to a track.
     *
     * @param frameIndex the index of the frame it was found in
     * @param face the detection
     */
    public record TrackedFace(int frameIndex, Face face) {}
}
