package dev.dfd.face.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceTrack;
import dev.dfd.face.crop.MtcnnReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {

    private static Face at(double x, double y, double size) {
        return new Face(new Box(x, y, x + size, y + size), 0.9, List.of());
    }

    /** Which x1 positions a track went through, in order. */
    private static List<Double> xs(FaceTrack track) {
        return track.faces().stream().map(f -> f.face().box().x1()).toList();
    }

    @Test
    void twoFacesMovingSideBySideMakeTwoTracks() {
        IouFaceTracker tracker = IouFaceTracker.builder().build();
        for (int i = 0; i < 10; i++) {
            // detection order alternates, which must not matter
            List<Face> faces =
                    new ArrayList<>(List.of(at(100 + 5 * i, 100, 80), at(400 + 5 * i, 120, 60)));
            if (i % 2 == 1) {
                java.util.Collections.reverse(faces);
            }
            tracker.add(i * 3, faces);
        }
        List<FaceTrack> tracks = tracker.tracks();
        assertThat(tracks).hasSize(2);
        assertThat(tracks.get(0).size()).isEqualTo(10);
        assertThat(tracks.get(1).size()).isEqualTo(10);
        assertThat(tracks)
                .allSatisfy(
                        t ->
                                assertThat(
                                                t.faces().stream()
                                                        .map(f -> f.face().box().width())
                                                        .distinct())
                                        .hasSize(1));
        assertThat(tracks.get(0).first().frameIndex()).isZero();
        assertThat(tracks.get(0).last().frameIndex()).isEqualTo(27);
        assertThat(tracks.get(0).meanScore()).isEqualTo(0.9);
    }

    @Test
    void crossingFacesKeepTheirIdentity() {
        // A moves right, B moves left, 20 px per frame, 60 px faces, crossing around frame 5;
        // at the crossing they overlap almost entirely, so plain last-box IoU would swap them.
        IouFaceTracker tracker = IouFaceTracker.builder().build();
        for (int i = 0; i <= 10; i++) {
            Face a = at(100 + 20 * i, 100, 60);
            Face b = at(300 - 20 * i, 105, 60);
            tracker.add(i, i % 2 == 0 ? List.of(a, b) : List.of(b, a));
        }
        List<FaceTrack> tracks = tracker.tracks();
        assertThat(tracks).hasSize(2);
        for (FaceTrack t : tracks) {
            List<Double> x = xs(t);
            assertThat(x).hasSize(11);
            boolean increasing = x.get(1) > x.get(0);
            for (int i = 1; i < x.size(); i++) {
                assertThat(x.get(i) > x.get(i - 1)).as("monotonic %s", x).isEqualTo(increasing);
            }
        }
    }

    @Test
    void aFaceMissingForAFewFramesKeepsItsTrack() {
        IouFaceTracker tracker = IouFaceTracker.builder().maxMissedFrames(2).build();
        for (int i = 0; i < 12; i++) {
            List<Face> faces = new ArrayList<>();
            faces.add(at(100 + 4 * i, 100, 80));
            if (i < 3 || i > 4) { // missed in frames 3 and 4
                faces.add(at(400 + 4 * i, 100, 80));
            }
            tracker.add(i, faces);
        }
        assertThat(tracker.tracks()).hasSize(2);
        assertThat(tracker.tracks().get(1).size()).isEqualTo(10);
    }

    @Test
    void aFaceGoneForTooLongStartsANewTrack() {
        IouFaceTracker tracker = IouFaceTracker.builder().maxMissedFrames(2).build();
        for (int i = 0; i < 12; i++) {
            List<Face> faces = new ArrayList<>();
            faces.add(at(100, 100, 80));
            if (i < 3 || i > 5) { // missed in frames 3, 4 and 5
                faces.add(at(400, 100, 80));
            }
            tracker.add(i, faces);
        }
        List<FaceTrack> tracks = tracker.tracks();
        assertThat(tracks).hasSize(3);
        assertThat(tracks.get(0).size()).isEqualTo(12);
        assertThat(tracks.get(1).last().frameIndex()).isEqualTo(2);
        assertThat(tracks.get(2).first().frameIndex()).isEqualTo(6);
    }

    @Test
    void aFarAwayFaceIsANewPerson() {
        IouFaceTracker tracker = IouFaceTracker.builder().build();
        tracker.add(0, List.of(at(100, 100, 50)));
        tracker.add(1, List.of(at(300, 100, 50)));
        tracker.add(2, List.of(at(100, 100, 200)));
        assertThat(tracker.tracks()).hasSize(3);
    }

    @Test
    void framesMustIncrease() {
        IouFaceTracker tracker = IouFaceTracker.builder().build();
        tracker.add(5, List.of());
        assertThatThrownBy(() -> tracker.add(5, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 after 5");
        assertThatThrownBy(() -> IouFaceTracker.builder().iouThreshold(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IouFaceTracker.builder().build().track(List.of(1, 2), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 frame indices but 0 face lists");
    }

    @Test
    void tracksThePeopleOfTheSharedVideoFromReferenceDetections() {
        // facenet-pytorch's detections on 32 frames of video.mp4, about 3.4 frames apart.
        List<MtcnnReference> frames =
                MtcnnReference.all().stream().filter(r -> r.group().equals("video_frame")).toList();
        assertThat(frames).hasSize(32);
        IouFaceTracker tracker = IouFaceTracker.builder().build();
        for (MtcnnReference f : frames) {
            tracker.add(Integer.parseInt(f.name().substring("frame_".length())), f.faces());
        }
        List<FaceTrack> tracks = tracker.tracks();

        // The person walking across the picture (x1 283 at frame 0, 1398 at frame 30) is one track.
        FaceTrack walker = trackWith(tracks, 0, 283.0);
        assertThat(walker.faces())
                .anySatisfy(
                        f -> {
                            assertThat(f.frameIndex()).isEqualTo(30);
                            assertThat(f.face().box().x1()).isBetween(1398.0, 1399.0);
                        });
        assertThat(walker.size()).isGreaterThanOrEqualTo(10);
        // The person standing at the left (x1 274 at frame 0) is followed to frame 94.
        FaceTrack standing = trackWith(tracks, 0, 273.9);
        assertThat(standing.last().frameIndex()).isGreaterThanOrEqualTo(94);
        assertThat(standing.faces())
                .allSatisfy(f -> assertThat(f.face().box().x1()).isBetween(180.0, 300.0));
        long longTracks = tracks.stream().filter(t -> t.size() >= 16).count();
        assertThat(longTracks).isGreaterThanOrEqualTo(4);
    }

    private static FaceTrack trackWith(List<FaceTrack> tracks, int frame, double x1) {
        return tracks.stream()
                .filter(
                        t ->
                                t.faces().stream()
                                        .anyMatch(
                                                f ->
                                                        f.frameIndex() == frame
                                                                && Math.abs(
                                                                                f.face().box().x1()
                                                                                        - x1)
                                                                        < 1))
                .findFirst()
                .orElseThrow();
    }
}
