package dev.dfd.face.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.model.ModelStore;
import dev.dfd.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options, selection, detection scale and bad input of {@link MtcnnDetector}. */
class MtcnnDetectorTest {

    @Test
    void framesTooSmallForThePyramidGiveNoFaces() {
        MtcnnDetector detector = SharedDetector.get();
        assertThat(detector.detect(RgbImage.filled(1, 1, 200, 150, 100))).isEmpty();
        assertThat(detector.detect(RgbImage.filled(11, 40, 200, 150, 100))).isEmpty();
        assertThat(detector.detect(RgbImage.filled(12, 12, 200, 150, 100))).isEmpty();
        assertThat(detector.detect(RgbImage.filled(20, 20, 200, 150, 100))).isEmpty();
    }

    @Test
    void flatFrameGivesNoFaces() {
        assertThat(SharedDetector.get().detect(RgbImage.filled(640, 480, 128, 128, 128))).isEmpty();
    }

    @Test
    void eightKFrameIsProcessedLevelByLevel() {
        assertThat(SharedDetector.get().detect(RgbImage.filled(7680, 4320, 90, 90, 90))).isEmpty();
    }

    @Test
    void emptyBatchGivesEmptyResult() {
        assertThat(SharedDetector.get().detectAll(List.of())).isEmpty();
    }

    @Test
    void selectionModesPickFromAllFaces() throws IOException {
        RgbImage image = MtcnnReference.readJpeg(SharedData.path("media/multiface.jpg"));
        List<Face> all = SharedDetector.get().detect(image);
        assertThat(all).hasSize(6);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).box().area()).isLessThanOrEqualTo(all.get(i - 1).box().area());
        }

        assertThat(detectWith(FaceSelection.LARGEST, image)).containsExactly(all.get(0));
        assertThat(detectWith(FaceSelection.HIGHEST_PROBABILITY, image))
                .containsExactly(
                        all.stream().max(Comparator.comparingDouble(Face::score)).orElseThrow());
        Face centred =
                all.stream()
                        .max(
                                Comparator.comparingDouble(
                                        f -> {
                                            double dx = f.box().centerX() - image.width() / 2.0;
                                            double dy = f.box().centerY() - image.height() / 2.0;
                                            return f.box().area() - 2 * (dx * dx + dy * dy);
                                        }))
                        .orElseThrow();
        assertThat(detectWith(FaceSelection.LARGEST_NEAR_CENTER, image)).containsExactly(centred);
    }

    @Test
    void downscaledDetectionMapsBackToFrameCoordinates() throws IOException {
        RgbImage frame =
                MtcnnReference.readPng(SharedData.path("reference/mtcnn/frames/frame_000.png"));
        RgbImage half;
        try (Mat src = OpenCvImages.toMat(frame);
                Mat dst = new Mat();
                Size size = new Size(960, 540)) {
            opencv_imgproc.resize(src, dst, size, 0, 0, opencv_imgproc.INTER_AREA);
            half = OpenCvImages.fromMat(dst);
        }
        List<Face> onHalf = SharedDetector.get().detect(half);
        assertThat(onHalf).isNotEmpty();

        List<Face> mapped;
        try (MtcnnDetector d =
                MtcnnDetector.builder()
                        .optModelStore(SharedData.modelStore())
                        .optOptions(MtcnnOptions.defaults().withMaxSidePixels(960))
                        .build()) {
            mapped = d.detect(frame);
        }

        assertThat(mapped).hasSameSizeAs(onHalf);
        for (int i = 0; i < mapped.size(); i++) {
            assertThat(mapped.get(i).box().x1())
                    .isCloseTo(2 * onHalf.get(i).box().x1(), within(1e-9));
            assertThat(mapped.get(i).box().y2())
                    .isCloseTo(2 * onHalf.get(i).box().y2(), within(1e-9));
            assertThat(mapped.get(i).landmarks().get(2).x())
                    .isCloseTo(2 * onHalf.get(i).landmarks().get(2).x(), within(1e-9));
        }
        // The largest face found on the half-size frame is the largest full-size reference face.
        MtcnnReference.RefFace ref =
                MtcnnReference.inputs().stream()
                        .filter(in -> in.name().equals("frame_000"))
                        .findFirst()
                        .orElseThrow()
                        .faces()
                        .get(0);
        assertThat(
                        mapped.get(0)
                                .box()
                                .iou(
                                        new dev.dfd.core.face.Box(
                                                ref.box()[0],
                                                ref.box()[1],
                                                ref.box()[2],
                                                ref.box()[3])))
                .isGreaterThan(0.8);
    }

    @Test
    void missingWeightsAreAnIoException(@TempDir Path dir) {
        ModelStore empty = ModelStore.of(Optional.of(dir), dir.resolve("cache"), false);
        assertThatThrownBy(() -> MtcnnDetector.builder().optModelStore(empty).build())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mtcnn/pnet.pt");
    }

    @Test
    void corruptOrMismatchedWeightsAreAnIoException(@TempDir Path dir) throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.pt"), "not a checkpoint");
        ModelStore corrupt = SharedData.modelStore().override(MtcnnDetector.RNET, garbage);
        assertThatThrownBy(() -> MtcnnDetector.builder().optModelStore(corrupt).build())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("garbage.pt");

        ModelStore swapped =
                SharedData.modelStore()
                        .override(MtcnnDetector.PNET, SharedData.model(MtcnnDetector.ONET));
        assertThatThrownBy(() -> MtcnnDetector.builder().optModelStore(swapped).build())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("conv1.weight");
    }

    @Test
    void optionsAreChecked() {
        MtcnnOptions d = MtcnnOptions.defaults();
        assertThat(d.minFacePixels()).isEqualTo(20);
        assertThat(d.pnetThreshold()).isEqualTo(0.6);
        assertThat(d.rnetThreshold()).isEqualTo(0.7);
        assertThat(d.onetThreshold()).isEqualTo(0.7);
        assertThat(d.scaleFactor()).isEqualTo(0.709);
        assertThat(d.selection()).isEqualTo(FaceSelection.ALL);
        assertThatThrownBy(() -> d.withMinFacePixels(11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("11");
        assertThatThrownBy(() -> d.withThresholds(0.6, 1.5, 0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> d.withScaleFactor(1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxSidePixels(5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void higherMinimumFaceSizeDropsSmallFaces() throws IOException {
        RgbImage image = MtcnnReference.readJpeg(SharedData.path("media/multiface.jpg"));
        List<Face> all = SharedDetector.get().detect(image);
        double smallest = all.get(all.size() - 1).box().width();
        try (MtcnnDetector d =
                MtcnnDetector.builder()
                        .optModelStore(SharedData.modelStore())
                        .optOptions(MtcnnOptions.defaults().withMinFacePixels(400))
                        .build()) {
            List<Face> big = d.detect(image);
            assertThat(big.size()).isLessThan(all.size());
            assertThat(smallest).isLessThan(400);
        }
    }

    private static List<Face> detectWith(FaceSelection selection, RgbImage image)
            throws IOException {
        try (MtcnnDetector d =
                MtcnnDetector.builder()
                        .optModelStore(SharedData.modelStore())
                        .optOptions(MtcnnOptions.defaults().withSelection(selection))
                        .build()) {
            return d.detect(image);
        }
    }
}
