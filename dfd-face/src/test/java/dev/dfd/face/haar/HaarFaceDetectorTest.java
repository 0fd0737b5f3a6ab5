package dev.dfd.face.haar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.RgbImage;
import dev.dfd.face.crop.MtcnnReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaarFaceDetectorTest {

    /**
     * Recall against facenet-pytorch's MTCNN at IoU 0.5 on the 4 photos, their 512 px versions,
     * multiface and the 3 stored video frames (35 faces): measured 29 found, 4 false positives
     * (docs/face-detection.md).
     */
    @Test
    void recallAgainstMtcnnOnTheSharedMediaIsAsDocumented() throws Exception {
        List<MtcnnReference> inputs = HaarEval.inputs();
        assertThat(inputs).hasSize(12);
        try (HaarFaceDetector detector = HaarFaceDetector.builder().build()) {
            HaarEval eval = HaarEval.evaluate(detector, inputs, 0.5);
            assertThat(eval.references()).isEqualTo(35);
            assertThat(eval.found()).as("faces found").isGreaterThanOrEqualTo(28);
            assertThat(eval.recall()).isGreaterThanOrEqualTo(0.8);
            assertThat(eval.falsePositives()).as("false positives").isLessThanOrEqualTo(6);
        }
    }

    @Test
    void facesAreInsideTheImageLargestFirstWithScoresAndNoLandmarks() throws Exception {
        MtcnnReference multiface = MtcnnReference.find("multiface", "multiface");
        RgbImage image = HaarEval.pixels(multiface);
        try (HaarFaceDetector detector = HaarFaceDetector.builder().build()) {
            List<Face> faces = detector.detect(image);
            assertThat(faces).hasSizeGreaterThanOrEqualTo(6);
            for (int i = 0; i < faces.size(); i++) {
                Face f = faces.get(i);
                assertThat(f.hasLandmarks()).isFalse();
                assertThat(f.score()).isBetween(0.0, 1.0);
                assertThat(f.box().x1()).isGreaterThanOrEqualTo(0);
                assertThat(f.box().y2()).isLessThanOrEqualTo(image.height());
                assertThat(f.box().width())
                        .isCloseTo(f.box().height(), org.assertj.core.data.Offset.offset(1e-9));
                if (i > 0) {
                    assertThat(f.box().area()).isLessThanOrEqualTo(faces.get(i - 1).box().area());
                }
            }
        }
    }

    @Test
    void aBlankImageHasNoFaceAndAClosedDetectorRefuses() throws Exception {
        HaarFaceDetector detector =
                HaarFaceDetector.builder()
                        .optCascade(HaarFaceDetector.Cascade.FRONTAL_DEFAULT)
                        .build();
        assertThat(detector.detect(RgbImage.filled(320, 240, 128, 128, 128))).isEmpty();
        detector.close();
        detector.close();
        assertThatThrownBy(() -> detector.detect(RgbImage.filled(32, 32, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> HaarFaceDetector.builder().optMaxSidePixels(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10");
    }
}
