package dev.dfd.face.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faces against facenet-pytorch's on every still input of the reference (lossless PNGs, and the
 * original JPEGs decoded as the reference did).
 */
class MtcnnParityTest {

    static Stream<MtcnnReference.Input> stills() {
        return MtcnnReference.inputs().stream()
                .filter(i -> !i.group().equals("video_frame") || i.framePng() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stills")
    void matchesReference(MtcnnReference.Input input) {
        RgbImage image = load(input);
        assertThat(image.width()).isEqualTo(input.width());
        assertThat(image.height()).isEqualTo(input.height());
        assertThat(MtcnnReference.md5(image))
                .as("decoded pixels of %s", input.source())
                .isEqualTo(input.rgbMd5());

        List<Face> faces = SharedDetector.get().detect(image);

        MtcnnReference.Deviation d = MtcnnReference.compare(input.toString(), faces, input.faces());
        System.out.printf(
                "parity %-30s faces %d  box %.2e px  prob %.2e  landmarks %.2e px%n",
                input, faces.size(), d.box(), d.prob(), d.landmark());
    }

    private static RgbImage load(MtcnnReference.Input input) {
        if (input.framePng() != null) {
            return MtcnnReference.readPng(SharedData.path(input.framePng()));
        }
        if (input.source().endsWith(".png")) {
            return MtcnnReference.readPng(SharedData.path(input.source()));
        }
        return MtcnnReference.readJpeg(SharedData.path(input.source()));
    }
}
