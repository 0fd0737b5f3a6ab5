package dev.dfd.core.face;

import java.util.List;

/** Links the faces found in consecutive sampled frames into {@link FaceTrack}s. */
@FunctionalInterface
public interface FaceTracker {
    /**
     * Links detections into tracks.
     *
     * @param frameIndices the index of each sampled frame, ascending
     * @param faces the faces found in each sampled frame, same length as {@code frameIndices}
     * @return the tracks; every detection belongs to exactly one track
     */
    List<FaceTrack> link(int[] frameIndices, List<List<Face>> faces);
}
