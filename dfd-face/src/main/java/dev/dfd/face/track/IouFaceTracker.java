package dev.dfd.face.track;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceTrack;
import dev.dfd.core.face.FaceTrack.TrackedFace;
import dev.dfd.core.face.FaceTracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Links the faces detected in successive sampled frames into {@link FaceTrack}s, one per person, so
 * that each person's crops can be scored together.
 *
 * <p>For every frame, each open track predicts where its face is now: its last box, moved by the
 * velocity of the box centre between its last two observations (per frame index); the size is not
 * extrapolated. Tracks and detections are then matched greedily: the pair with the highest
 * intersection over union between prediction and detection first, as long as the IoU is at least
 * {@link Builder#iouThreshold}. Left-over tracks and detections are matched in a second greedy pass
 * by the distance between centres, measured in units of the square root of the predicted box's
 * area, when it is at most {@link Builder#maxCentreShift} and the two areas differ by at most a
 * factor of two: this links a face that moved further than its own width between two sparse
 * samples. Unmatched detections open new tracks; a track that has gone unmatched in more than
 * {@link Builder#maxMissedFrames} successive calls of {@link #add} is closed and never matched
 * again.
 *
 * <p>Greedy matching without appearance features can swap two faces of similar size that cross
 * while moving in a way the constant-velocity prediction does not foresee.
 *
 * <p>Not thread-safe: one thread feeds a tracker, in frame order. Holds no native memory.
 */
public final class IouFaceTracker implements FaceTracker {
    private final double iouThreshold;
    private final int maxMissedFrames;
    private final double maxCentreShift;

    private final List<Open> open = new ArrayList<>();
    private final List<Open> all = new ArrayList<>();
    private int lastFrameIndex = -1;

    /** A track being built. */
    private static final class Open {
        final int id;
        final List<TrackedFace> faces = new ArrayList<>();
        int missed;

        Open(int id) {
            this.id = id;
        }

        Box predict(int frameIndex) {
            TrackedFace last = faces.get(faces.size() - 1);
            if (faces.size() < 2) {
                return last.face().box();
            }
            TrackedFace prev = faces.get(faces.size() - 2);
            double t =
                    (double) (frameIndex - last.frameIndex())
                            / (last.frameIndex() - prev.frameIndex());
            Box a = prev.face().box();
            Box b = last.face().box();
            double dx = (b.centerX() - a.centerX()) * t;
            double dy = (b.centerY() - a.centerY()) * t;
            double x1 = b.x1() + dx;
            double y1 = b.y1() + dy;
            double x2 = b.x2() + dx;
            double y2 = b.y2() + dy;
            return new Box(x1, y1, x2, y2);
        }
    }

    private IouFaceTracker(Builder builder) {
        this.iouThreshold = builder.iouThreshold;
        this.maxMissedFrames = builder.maxMissedFrames;
        this.maxCentreShift = builder.maxCentreShift;
    }

    /** Starts a tracker configuration: IoU 0.3, 2 missed frames, centre shift 1.0. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds the faces detected in one frame.
     *
     * @param frameIndex the frame's index, greater than that of the previous call
     * @param faces the detections in that frame, possibly empty
     * @throws IllegalArgumentException if the frame index does not increase
     */
    public void add(int frameIndex, List<Face> faces) {
        if (frameIndex <= lastFrameIndex) {
            throw new IllegalArgumentException(
                    "frames must come in increasing order, got "
                            + frameIndex
                            + " after "
                            + lastFrameIndex);
        }
        lastFrameIndex = frameIndex;

        int nt = open.size();
        int nd = faces.size();
        Box[] predicted = new Box[nt];
        for (int t = 0; t < nt; t++) {
            predicted[t] = open.get(t).predict(frameIndex);
        }
        int[] trackOf = new int[nd];
        Arrays.fill(trackOf, -1);
        boolean[] trackUsed = new boolean[nt];

        List<double[]> pairs = new ArrayList<>();
        for (int t = 0; t < nt; t++) {
            for (int d = 0; d < nd; d++) {
                double iou = predicted[t].iou(faces.get(d).box());
                if (iou >= iouThreshold && iou > 0) {
                    pairs.add(new double[] {-iou, t, d});
                }
            }
        }
        assignGreedily(pairs, trackOf, trackUsed);

        pairs.clear();
        for (int t = 0; t < nt; t++) {
            for (int d = 0; d < nd; d++) {
                if (trackUsed[t] || trackOf[d] >= 0) {
                    continue;
                }
                double shift = centreShift(predicted[t], faces.get(d).box());
                if (shift <= maxCentreShift) {
                    pairs.add(new double[] {shift, t, d});
                }
            }
        }
        assignGreedily(pairs, trackOf, trackUsed);

        List<Open> created = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            Open track;
            if (trackOf[d] >= 0) {
                track = open.get(trackOf[d]);
            } else {
                track = new Open(all.size());
                all.add(track);
                created.add(track);
            }
            track.faces.add(new TrackedFace(frameIndex, faces.get(d)));
            track.missed = 0;
        }
        for (int t = 0; t < nt; t++) {
            if (!trackUsed[t]) {
                open.get(t).missed++;
            }
        }
        open.removeIf(t -> t.missed > maxMissedFrames);
        open.addAll(created);
    }

    /** Distance between centres over sqrt(area of a); infinite if the areas differ by over 2x. */
    private static double centreShift(Box a, Box b) {
        double areaA = a.area();
        double areaB = b.area();
        if (!(areaA > 0) || !(areaB > 0) || areaA > 2 * areaB || areaB > 2 * areaA) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.hypot(a.centerX() - b.centerX(), a.centerY() - b.centerY()) / Math.sqrt(areaA);
    }

    /** Pairs are {cost, track, detection}; cheapest first, each track and detection once. */
    private static void assignGreedily(List<double[]> pairs, int[] trackOf, boolean[] trackUsed) {
        pairs.sort(Comparator.comparingDouble((double[] p) -> p[0]));
        for (double[] p : pairs) {
            int t = (int) p[1];
            int d = (int) p[2];
            if (!trackUsed[t] && trackOf[d] < 0) {
                trackUsed[t] = true;
                trackOf[d] = t;
            }
        }
    }

    /**
     * The tracks so far, open and closed, in order of id (that is, of their first frame).
     *
     * @return the tracks
     */
    public List<FaceTrack> tracks() {
        return all.stream().map(t -> new FaceTrack(t.id, t.faces)).toList();
    }

    /**
     * Tracks the faces of a whole sequence of frames in one call.
     *
     * @param frameIndices the frame indices, increasing
     * @param faces the detections per frame, the same length as {@code frameIndices}
     * @return the tracks, see {@link #tracks()}
     * @throws IllegalArgumentException if the lists differ in length or the indices do not increase
     */
    public List<FaceTrack> track(List<Integer> frameIndices, List<List<Face>> faces) {
        if (frameIndices.size() != faces.size()) {
            throw new IllegalArgumentException(
                    frameIndices.size() + " frame indices but " + faces.size() + " face lists");
        }
        for (int i = 0; i < faces.size(); i++) {
            add(frameIndices.get(i), faces.get(i));
        }
        return tracks();
    }

    /**
     * Links a whole video's detections with a fresh tracker of this configuration, leaving this
     * tracker's own state untouched, so that one configured instance can serve many videos.
     *
     * @param frameIndices the frame indices, increasing
     * @param faces the detections per frame, the same length as {@code frameIndices}
     * @return the tracks, see {@link #tracks()}
     * @throws IllegalArgumentException if the lengths differ or the indices do not increase
     */
    @Override
    public List<FaceTrack> link(int[] frameIndices, List<List<Face>> faces) {
        IouFaceTracker fresh =
                builder()
                        .iouThreshold(iouThreshold)
                        .maxMissedFrames(maxMissedFrames)
                        .maxCentreShift(maxCentreShift)
                        .build();
        return fresh.track(java.util.Arrays.stream(frameIndices).boxed().toList(), faces);
    }

    /** Configures an {@link IouFaceTracker}. Not thread-safe. */
    public static final class Builder {
        private double iouThreshold = 0.3;
        private int maxMissedFrames = 2;
        private double maxCentreShift = 1.0;

        private Builder() {}

        /**
         * Sets the least IoU between a track's predicted box and a detection for them to match.
         *
         * @param iou in (0, 1]; default 0.3
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder iouThreshold(double iou) {
            if (!(iou > 0 && iou <= 1)) {
                throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + iou);
            }
            this.iouThreshold = iou;
            return this;
        }

        /**
         * Sets how many successive frames a face may go undetected before its track is closed.
         *
         * @param frames at least 0 (0: a single miss ends the track); default 2
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxMissedFrames(int frames) {
            if (frames < 0) {
                throw new IllegalArgumentException("max missed frames must be >= 0, got " + frames);
            }
            this.maxMissedFrames = frames;
            return this;
        }

        /**
         * Sets the largest centre shift, in units of the square root of the predicted box's area,
         * for the second matching pass.
         *
         * @param shift at least 0; 0 disables the second pass except for identical centres; default
         *     1.0
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder maxCentreShift(double shift) {
            if (!(shift >= 0) || Double.isInfinite(shift)) {
                throw new IllegalArgumentException("max centre shift must be >= 0, got " + shift);
            }
            this.maxCentreShift = shift;
            return this;
        }

        /** Builds the tracker. */
        public IouFaceTracker build() {
            return new IouFaceTracker(this);
        }
    }
}
