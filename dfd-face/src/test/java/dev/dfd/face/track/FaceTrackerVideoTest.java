package dev.dfd.face.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceTrack;
import dev.dfd.core.face.FaceTrack.TrackedFace;
import dev.dfd.core.testing.SharedData;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.face.mtcnn.MtcnnDetector;
import dev.dfd.face.mtcnn.MtcnnOptions;
import dev.dfd.video.FrameSources;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaceTrackerVideoTest {

    /**
     * MTCNN (on frames shrunk to 960 px, to keep the test short) on every 5th of the first 25
     * frames of the shared video, then tracking: the person walking from left to right in the
     * foreground (the largest face in frame 0, x1 = 283 in reference.json) is one track through all
     * five frames. That face moves about 1.5 times its own size between samples, so the tracker is
     * allowed a centre shift of 2 (the default, 1, would split it).
     */
    @Test
    void followsTheWalkingPersonThroughTheSharedVideo() throws Exception {
        SharedData.model(MtcnnDetector.PNET);
        IouFaceTracker tracker = IouFaceTracker.builder().maxCentreShift(2.0).build();
        try (MtcnnDetector detector =
                        MtcnnDetector.builder()
                                .optModelStore(SharedData.modelStore())
                                .optOptions(MtcnnOptions.defaults().withMaxSidePixels(960))
                                .build();
                FrameSource source =
                        FrameSources.open(
                                SharedData.path("media/video.mp4"), FrameSampling.everyKth(5))) {
            for (int i = 0; i < 5; i++) {
                Optional<Frame> frame = source.next();
                assertThat(frame).isPresent();
                List<Face> faces = detector.detect(frame.get().image());
                tracker.add(frame.get().index(), faces);
            }
        }
        List<FaceTrack> tracks = tracker.tracks();
        FaceTrack walker =
                tracks.stream()
                        .filter(t -> t.first().frameIndex() == 0)
                        .filter(t -> Math.abs(t.first().face().box().x1() - 283) < 6)
                        .findFirst()
                        .orElseThrow();
        assertThat(walker.faces())
                .extracting(TrackedFace::frameIndex)
                .containsExactly(0, 5, 10, 15, 20);
        List<Double> x = walker.faces().stream().map(f -> f.face().box().centerX()).toList();
        for (int i = 1; i < x.size(); i++) {
            assertThat(x.get(i)).as("centre x moves right: %s", x).isGreaterThan(x.get(i - 1) + 50);
        }
        // Several people stand still in the background: each is one long track, not six short ones.
        assertThat(tracks.stream().filter(t -> t.size() >= 4).count()).isGreaterThanOrEqualTo(4);
    }
}
