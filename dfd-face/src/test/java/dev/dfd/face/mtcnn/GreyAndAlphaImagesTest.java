package dev.dfd.face.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.face.Face;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.testing.SharedData;
import dev.dfd.core.video.FrameSampling;
import dev.dfd.core.video.FrameSource;
import dev.dfd.video.FrameSources;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grey photo and a photo with an alpha channel are read as RGB (grey in all three channels; the
 * alpha dropped, the colours kept exactly) and MTCNN finds the face in both.
 */
class GreyAndAlphaImagesTest {
    @TempDir Path tmp;

    @Test
    void greyAndAlphaPhotosAreReadAsRgbAndKeepTheirFace() throws IOException {
        BufferedImage photo = ImageIO.read(SharedData.path("media/angelina_jolie.jpg").toFile());
        int w = photo.getWidth();
        int h = photo.getHeight();

        BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(photo, 0, 0, null);
        Path greyPng = tmp.resolve("grey.png");
        ImageIO.write(grey, "png", greyPng.toFile());

        BufferedImage alpha = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = photo.getRGB(x, y) & 0xFFFFFF;
                alpha.setRGB(x, y, (200 << 24) | p);
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        Path alphaPng = tmp.resolve("alpha.png");
        ImageIO.write(alpha, "png", alphaPng.toFile());
        RgbImage colour = RgbImage.wrap(w, h, rgb);

        RgbImage readGrey = readOnly(greyPng);
        assertThat(readGrey.width()).isEqualTo(w);
        assertThat(readGrey.height()).isEqualTo(h);
        for (int y = 0; y < h; y += 7) {
            for (int x = 0; x < w; x += 7) {
                int g = grey.getRaster().getSample(x, y, 0);
                assertThat(
                                new int[] {
                                    readGrey.get(x, y, 0),
                                    readGrey.get(x, y, 1),
                                    readGrey.get(x, y, 2)
                                })
                        .as("grey pixel (%d, %d)", x, y)
                        .containsExactly(g, g, g);
            }
        }
        assertThat(readOnly(alphaPng)).as("alpha dropped, colours kept").isEqualTo(colour);

        MtcnnDetector detector = SharedDetector.get();
        List<Face> fromColour = detector.detect(colour);
        // facenet-pytorch finds 3 faces in this photo at full size (reference/mtcnn/reference.json)
        assertThat(fromColour).hasSize(3);
        assertThat(detector.detect(readOnly(alphaPng))).isEqualTo(fromColour);
        Face portrait = mostConfident(fromColour);
        Face greyPortrait = mostConfident(detector.detect(readGrey));
        assertThat(greyPortrait.box().iou(portrait.box())).isGreaterThan(0.85);
        assertThat(greyPortrait.score()).isGreaterThan(0.99);
    }

    private static Face mostConfident(List<Face> faces) {
        return faces.stream().max(Comparator.comparingDouble(Face::score)).orElseThrow();
    }

    private static RgbImage readOnly(Path image) throws IOException {
        try (FrameSource source = FrameSources.open(image, FrameSampling.all())) {
            List<dev.dfd.core.video.Frame> frames = source.readAll();
            assertThat(frames).hasSize(1);
            return frames.get(0).image();
        }
    }
}
