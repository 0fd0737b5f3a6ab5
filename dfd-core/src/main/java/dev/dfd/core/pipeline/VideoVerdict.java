package dev.dfd.core.pipeline;

import dev.dfd.core.face.Box;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link DeepfakeDetector} concluded about one video.
 *
 * @param source the video's path as given
 * @param probability the probability that the video is fake, in [0, 1]
 * @param faceFound false when no face was found in any sampled frame; {@code probability} is then
 *     the configured prior
 * @param tracks one entry per face track (person), with its aggregated probability and whether it
 *     took part in the video's probability
 * @param frames one entry per sampled frame, with the faces found in it and their scores
 * @param stageMillis wall-clock milliseconds spent in each stage: {@code decode}, {@code detect},
 *     {@code crop}, {@code classify}, {@code total}
 */
public record VideoVerdict(
        String source,
        double probability,
        boolean faceFound,
        List<TrackScore> tracks,
        List<FrameScores> frames,
        Map<String, Long> stageMillis) {

    /** Checks and copies the arguments. */
    public VideoVerdict {
        Objects.requireNonNull(source, "source");
        tracks = List.copyOf(tracks);
        frames = List.copyOf(frames);
        stageMillis = Map.copyOf(stageMillis);
    }

    /**
     * One person's score.
     *
     * @param trackId the track's number
     * @param probability the aggregated probability of "fake" over the track's crops
     * @param crops how many crops were scored
     * @param counted whether the track took part in the video's probability: false for a track seen
     *     in too few of the sampled frames (see {@link
     *     DeepfakeDetector.Builder#optMinTrackShare(double)})
     */
    public record TrackScore(int trackId, double probability, int crops, boolean counted) {}

    /**
     * The faces of one sampled frame.
     *
     * @param frameIndex the frame's index in the video
     * @param faces the faces found and scored
     */
    public record FrameScores(int frameIndex, List<FaceScore> faces) {
        /** Copies the list. */
        public FrameScores {
            faces = List.copyOf(faces);
        }
    }

    /**
     * One scored face.
     *
     * @param trackId the track the face belongs to
     * @param box the face box in pixels of the frame
     * @param detectorScore the face detector's confidence
     * @param fakeProbability the classifier's probability of "fake" for its crop
     */
    public record FaceScore(int trackId, Box box, double detectorScore, double fakeProbability) {}
}
