package dev.dfd.face.mtcnn;

/**
 * A box moving through the cascade: corners, score, the latest regression, and (after O-Net) the
 * landmarks. All values are float32, as in facenet-pytorch, so that rounding matches.
 *
 * <p>Mutable; confined to the detect call that made it. Holds no native memory.
 */
final class Candidate {
    float x1;
    float y1;
    float x2;
    float y2;
    float score;
    float dx1;
    float dy1;
    float dx2;
    float dy2;

    /** Five x then five y, in pixels of the detection frame; null before O-Net. */
    float[] landmarks;

    Candidate(float x1, float y1, float x2, float y2, float score) {
        this.x1 = x1;
        this.y1 = y1;
        this.x2 = x2;
        this.y2 = y2;
        this.score = score;
    }

    void setRegression(float rx1, float ry1, float rx2, float ry2) {
        dx1 = rx1;
        dy1 = ry1;
        dx2 = rx2;
        dy2 = ry2;
    }

    /** Stage-1 regression: offsets scaled by {@code x2 - x1}, {@code y2 - y1} (no +1). */
    void applyProposalRegression() {
        float w = x2 - x1;
        float h = y2 - y1;
        float nx1 = x1 + dx1 * w;
        float ny1 = y1 + dy1 * h;
        float nx2 = x2 + dx2 * w;
        float ny2 = y2 + dy2 * h;
        x1 = nx1;
        y1 = ny1;
        x2 = nx2;
        y2 = ny2;
    }

    /**
     * facenet-pytorch's {@code bbreg}: offsets scaled by {@code x2 - x1 + 1}, {@code y2 - y1 + 1}.
     */
    void applyRefinementRegression() {
        float w = x2 - x1 + 1;
        float h = y2 - y1 + 1;
        float nx1 = x1 + dx1 * w;
        float ny1 = y1 + dy1 * h;
        float nx2 = x2 + dx2 * w;
        float ny2 = y2 + dy2 * h;
        x1 = nx1;
        y1 = ny1;
        x2 = nx2;
        y2 = ny2;
    }

    /** facenet-pytorch's {@code rerec}: squares the box about its centre, side = longer side. */
    void makeSquare() {
        float h = y2 - y1;
        float w = x2 - x1;
        float l = Math.max(w, h);
        x1 = x1 + w * 0.5f - l * 0.5f;
        y1 = y1 + h * 0.5f - l * 0.5f;
        x2 = x1 + l;
        y2 = y1 + l;
    }

    /**
     * Sets the landmarks from O-Net's ten outputs relative to this box: {@code x = (x2 - x1 + 1) *
     * out + x1 - 1}, likewise for y.
     */
    void setLandmarks(float[] out, int offset) {
        float w = x2 - x1 + 1;
        float h = y2 - y1 + 1;
        landmarks = new float[10];
        for (int k = 0; k < 5; k++) {
            landmarks[k] = w * out[offset + k] + x1 - 1;
            landmarks[5 + k] = h * out[offset + 5 + k] + y1 - 1;
        }
    }
}
