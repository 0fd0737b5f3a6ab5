package dev.dfd.face.track;

import dev.dfd.core.face.Face;
import java.util.Objects;

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
