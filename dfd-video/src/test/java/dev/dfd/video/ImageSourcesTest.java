package dev.dfd.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.Frame;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.core.video.MediaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Still images and folders of images, written losslessly by the test. */
class ImageSourcesTest {
    @TempDir Path dir;

    private static void writePng(Path file, RgbImage image) {
        try (Mat rgb = OpenCvImages.toMat(image);
                Mat bgr = new Mat()) {
            opencv_imgproc.cvtColor(rgb, bgr, opencv_imgproc.COLOR_RGB2BGR);
            assertThat(opencv_imgcodecs.imwrite(file.toString(), bgr)).isTrue();
        }
    }

    @Test
    void pngAndBmpDecodeLosslessly() throws Exception {
        RgbImage picture = TestVideos.picture(77, 64, 48);
        for (String ext : List.of("png", "bmp")) {
            Path file = dir.resolve("still." + ext);
            writePng(file, picture);
            try (FrameSource source = FrameSources.open(file, FrameSampling.evenlySpaced(4))) {
                assertThat(source).isInstanceOf(ImageFileSource.class);
                assertThat(source.metadata().frameCount()).isEqualTo(1);
                assertThat(source.metadata().codec()).isEqualTo(ext);
                Frame f = source.next().orElseThrow();
                assertThat(f.index()).isZero();
                assertThat(f.image()).isEqualTo(picture);
                assertThat(source.next()).isEmpty();
            }
        }
    }

    @Test
    void anImageIsRecognisedByContentWhateverItsName() throws Exception {
        Path file = dir.resolve("photo.mp4");
        writePng(dir.resolve("photo.png"), TestVideos.picture(5, 64, 48));
        Files.move(dir.resolve("photo.png"), file);
        try (FrameSource source = FrameSources.open(file, FrameSampling.all())) {
            assertThat(source).isInstanceOf(ImageFileSource.class);
            assertThat(TestVideos.index(source.next().orElseThrow().image())).isEqualTo(5);
        }
    }

    @Test
    void folderIsSortedByNameAndSampled() throws Exception {
        for (int i = 0; i < 10; i++) {
            writePng(
                    dir.resolve(String.format("frame_%03d.png", i)), TestVideos.picture(i, 64, 48));
        }
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        try (FrameSource source = FrameSources.open(dir, FrameSampling.evenlySpaced(4))) {
            assertThat(source).isInstanceOf(ImageFolderSource.class);
            assertThat(source.metadata().frameCount()).isEqualTo(10);
            assertThat(source.metadata().width()).isEqualTo(64);
            List<Frame> frames = source.readAll();
            assertThat(frames).extracting(Frame::index).containsExactly(0, 2, 5, 7);
            for (Frame f : frames) {
                assertThat(TestVideos.index(f.image())).isEqualTo(f.index());
            }
        }
        try (FrameSource source = FrameSources.open(dir, FrameSampling.everyKth(3))) {
            assertThat(source.readAll()).extracting(Frame::index).containsExactly(0, 3, 6, 9);
        }
    }

    @Test
    void emptyFolderHasNoFrames() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        MediaException e =
                assertThrows(
                        MediaException.class, () -> FrameSources.open(empty, FrameSampling.all()));
        assertThat(e.kind()).isEqualTo(MediaException.Kind.NO_FRAMES);
        assertThat(e.getMessage()).contains("empty");
    }

    @Test
    void corruptImageIsNotMedia() throws Exception {
        Path bad =
                Files.write(
                        dir.resolve("bad.jpg"),
                        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
        MediaException e =
                assertThrows(
                        MediaException.class, () -> FrameSources.open(bad, FrameSampling.all()));
        assertThat(e.kind()).isEqualTo(MediaException.Kind.NOT_MEDIA);
        assertThat(e.getMessage()).contains("bad.jpg");
    }
}
