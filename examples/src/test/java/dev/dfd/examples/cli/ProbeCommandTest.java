package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dfd probe} in-process on the shared video. */
class ProbeCommandTest {
    /** RGB MD5 of frame 0 of media/video.mp4 from reference/mtcnn/reference.json (OpenCV). */
    private static final String FRAME_0_RGB_MD5 = "942975712fe853de555d44eea824aec6";

    @TempDir Path dir;

    @Test
    void printsTheMetadata() {
        Path video = SharedData.path("media/video.mp4");
        CliRun run = CliRun.of("probe", video.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("source:     " + video)
                .contains("width:      1920")
                .contains("height:     1080")
                .contains("fps:        25.000")
                .contains("frames:     105")
                .contains("duration:   4.2")
                .contains("rotation:   0")
                .contains("codec:      h264");
        assertThat(run.out()).doesNotContain("wrote");
    }

    @Test
    void writesEvenlySpacedFramesNamedByIndex() throws Exception {
        Path out = dir.resolve("frames");
        CliRun run =
                CliRun.of(
                        "probe",
                        SharedData.path("media/video.mp4").toString(),
                        "--out",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote 8 frames to " + out);
        List<String> names;
        try (Stream<Path> files = Files.list(out)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names)
                .containsExactly(
                        "frame_000000.png",
                        "frame_000013.png",
                        "frame_000026.png",
                        "frame_000039.png",
                        "frame_000052.png",
                        "frame_000065.png",
                        "frame_000078.png",
                        "frame_000091.png");
        assertThat(rgbMd5(out.resolve("frame_000000.png"))).isEqualTo(FRAME_0_RGB_MD5);
    }

    @Test
    void framesOptionChoosesHowMany() throws Exception {
        Path out = dir.resolve("three");
        CliRun run =
                CliRun.of(
                        "probe",
                        SharedData.path("media/video.mp4").toString(),
                        "--frames",
                        "3",
                        "--out",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("frame_000000.png", "frame_000035.png", "frame_000070.png");
        }
    }

    @Test
    void missingFileIsOneLineAndNonZero() {
        Path missing = dir.resolve("nope.mp4");
        CliRun run = CliRun.of("probe", missing.toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err().strip()).isEqualTo("dfd: " + missing + ": no such file");
    }

    @Test
    void notAVideoIsOneLineAndNonZero() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video\n".repeat(20));
        CliRun run = CliRun.of("probe", text.toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("dfd: " + text + ": not a video");
    }

    @Test
    void framesWithoutOutIsAUsageError() {
        CliRun run =
                CliRun.of("probe", SharedData.path("media/video.mp4").toString(), "--frames", "4");
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).contains("--frames needs --out");
    }

    private static String rgbMd5(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        int i = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                rgb[i++] = (byte) (p >> 16);
                rgb[i++] = (byte) (p >> 8);
                rgb[i++] = (byte) p;
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(rgb));
    }
}
