package dev.dfd.train.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.dfd.core.face.Box;
import dev.dfd.core.face.CropPolicy;
import dev.dfd.core.face.Face;
import dev.dfd.core.face.FaceCrop;
import dev.dfd.core.face.FaceCropper;
import dev.dfd.core.face.FaceDetector;
import dev.dfd.core.face.Point;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.progress.ProgressListener;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.FrameSourceFactory;
import dev.dfd.core.video.MediaException;
import dev.dfd.core.video.VideoMetadata;
import dev.dfd.train.data.CropStore;
import dev.dfd.train.data.Dataset;
import dev.dfd.train.data.Label;
import dev.dfd.train.data.VideoEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CropExtractorTest {
    @TempDir Path tmp;

    /** Three frames (0, 5, 10) of a flat colour per video; "broken.mp4" cannot be opened. */
    private static final FrameSourceFactory SOURCES =
            (path, sampling) -> {
                String name = path.getFileName().toString();
                if (name.equals("broken.mp4")) {
                    throw new MediaException(
                            MediaException.Kind.NOT_MEDIA, path.toString(), "not a video");
                }
                int grey = name.startsWith("f") ? 200 : 50;
                List<Frame> frames =
                        List.of(
                                new Frame(0, 0, RgbImage.filled(64, 48, grey, grey, grey)),
                                new Frame(5, 200_000, RgbImage.filled(64, 48, grey, grey, grey)),
                                new Frame(10, 400_000, RgbImage.filled(64, 48, grey, grey, grey)));
                Iterator<Frame> it = frames.iterator();
                return new FrameSource() {
                    @Override
                    public VideoMetadata metadata() {
                        return new VideoMetadata(name, 64, 48, 25, 11, 440_000, 0, "raw");
                    }

                    @Override
                    public Optional<Frame> next() {
                        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
                    }

                    @Override
                    public int framesLost() {
                        return 0;
                    }

                    @Override
                    public void close() {}
                };
            };

    private static final List<Point> LM =
            List.of(
                    new Point(24, 20),
                    new Point(40, 20),
                    new Point(32, 28),
                    new Point(26, 34),
                    new Point(38, 34));

    /** Finds one face in frames 0 and 10 of real videos, none in fakes (a detector that misses). */
    private static final class Detector implements FaceDetector {
        static final AtomicInteger CALLS_ON_FAKES = new AtomicInteger();

        @Override
        public List<Face> detect(RgbImage image) {
            if (image.get(0, 0, 0) == 200) {
                CALLS_ON_FAKES.incrementAndGet();
                return List.of();
            }
            return List.of(new Face(new Box(16, 8, 48, 40), 0.99, LM));
        }
    }

    private static final FaceCropper CUT =
            new FaceCropper() {
                @Override
                public FaceCrop crop(RgbImage frame, int frameIndex, Face face) {
                    Box b = face.box();
                    return new FaceCrop(
                            frame.crop((int) b.x1(), (int) b.y1(), 32, 32), face, frameIndex, b);
                }

                @Override
                public CropPolicy policy() {
                    return new CropPolicy(0, 0, false, 32, CropPolicy.Resize.STRETCH, 0, false);
                }
            };

    private Dataset dataset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("videos"));
        for (String n : List.of("r1.mp4", "f1.mp4", "broken.mp4", "f2.mp4")) {
            Files.write(dir.resolve(n), new byte[] {0});
        }
        return new Dataset(
                List.of(
                        new VideoEntry(dir.resolve("r1.mp4"), Label.REAL, 0, Optional.empty()),
                        new VideoEntry(dir.resolve("f1.mp4"), Label.FAKE, 0, Optional.of("r1.mp4")),
                        new VideoEntry(dir.resolve("broken.mp4"), Label.REAL, 0, Optional.empty()),
                        new VideoEntry(
                                dir.resolve("f2.mp4"), Label.FAKE, 0, Optional.of("broken.mp4"))));
    }

    @Test
    void cutsFakesAtTheirOriginalsBoxesRecordsFailuresAndResumes() throws IOException {
        Dataset data = dataset();
        CropStore store = new CropStore(tmp.resolve("crops"));
        CropExtractor ex = new CropExtractor(SOURCES, Detector::new, CUT, FrameSampling.all(), 2);

        CropExtractor.Summary s = ex.run(data, store, ProgressListener.NONE);

        assertThat(s.processed()).isEqualTo(4);
        assertThat(s.skipped()).isZero();
        assertThat(s.crops()).isEqualTo(6); // r1 and f1: three frames with one face each
        assertThat(s.failed()).hasSize(2);
        assertThat(s.failed()).anyMatch(f -> f.contains("broken.mp4") && f.contains("not a video"));
        assertThat(s.failed()).anyMatch(f -> f.contains("f2.mp4") && f.contains("broken.mp4"));
        assertThat(Detector.CALLS_ON_FAKES.get()).isZero();

        CropStore.VideoCrops fake = store.read("part0/f1").orElseThrow();
        assertThat(fake.crops()).extracting(CropStore.CropRecord::frame).containsExactly(0, 5, 10);
        assertThat(fake.crops().get(1).face().box()).isEqualTo(new Box(16, 8, 48, 40));
        var png = ImageIO.read(store.root().resolve(fake.crops().get(0).crop()).toFile());
        assertThat(png.getWidth()).isEqualTo(32);
        assertThat(png.getRGB(3, 3) & 0xFF).isEqualTo(200);
        assertThat(fake.crops().get(0).faceInCrop().landmarks().get(0).x())
                .isCloseTo(8, within(1e-9));

        CropExtractor.Summary again = ex.run(data, store, ProgressListener.NONE);
        assertThat(again.processed()).isZero();
        assertThat(again.skipped()).isEqualTo(4);
        assertThat(store.readAll()).hasSize(4);
    }

    @Test
    void landmarksMapIntoIsotropicCrops() {
        CropPolicy p = new CropPolicy(0, 0, false, 100, CropPolicy.Resize.ISOTROPIC_PAD, 0, false);
        // a 200 x 100 region: scaled by 0.5 to 100 x 50, padded by 25 rows on top
        Face f = new Face(new Box(10, 20, 210, 120), 1, List.of());
        Face in = CropExtractor.inCrop(f, new Box(10, 20, 210, 120), p);
        assertThat(in.box().x1()).isCloseTo(0, within(1e-9));
        assertThat(in.box().y1()).isCloseTo(25, within(1e-9));
        assertThat(in.box().x2()).isCloseTo(100, within(1e-9));
        assertThat(in.box().y2()).isCloseTo(75, within(1e-9));
    }
}
