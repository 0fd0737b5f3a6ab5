package dev.dfd.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentCommandTest {
    private static final String FACE = "reference/albumentations/inputs/face_224.png";

    @Test
    void writesAGridWithTheOriginalFirst(@TempDir Path dir) throws Exception {
        Path face = SharedData.path(FACE);
        Path out = dir.resolve("grid.png");
        CliRun run =
                CliRun.of(
                        "augment",
                        face.toString(),
                        "--preset",
                        "reference-2020",
                        "--n",
                        "4",
                        "--seed",
                        "3",
                        "--grid",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 tiles");
        try (Mat grid = opencv_imgcodecs.imread(out.toString());
                Mat original = opencv_imgcodecs.imread(face.toString())) {
            assertThat(grid.cols()).isEqualTo(2 * 224 + 3 * 4);
            assertThat(grid.rows()).isEqualTo(2 * 224 + 3 * 4);
            byte[] a = new byte[3];
            byte[] b = new byte[3];
            for (int[] xy : new int[][] {{0, 0}, {100, 50}, {223, 223}}) {
                grid.ptr(4 + xy[1], 4 + xy[0]).get(a);
                original.ptr(xy[1], xy[0]).get(b);
                assertThat(a).isEqualTo(b);
            }
        }
        Path again = dir.resolve("again.png");
        CliRun.of(
                "augment",
                face.toString(),
                "--preset",
                "reference-2020",
                "--n",
                "4",
                "--seed",
                "3",
                "--grid",
                again.toString());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void winnerPresetWithLandmarksMakes380Tiles(@TempDir Path dir) {
        Path out = dir.resolve("w.png");
        CliRun run =
                CliRun.of(
                        "augment",
                        SharedData.path(FACE).toString(),
                        "--preset",
                        "dfdc-winner",
                        "--n",
                        "2",
                        "--grid",
                        out.toString(),
                        "--landmarks",
                        "80,95,145,95,112,130,88,165,138,165");
        assertThat(run.status()).as(run.err()).isZero();
        try (Mat grid = opencv_imgcodecs.imread(out.toString())) {
            assertThat(grid.cols()).isEqualTo(2 * 380 + 3 * 4);
            assertThat(grid.rows()).isEqualTo(380 + 2 * 4);
        }
    }

    @Test
    void tileOptionShrinksEveryTile(@TempDir Path dir) {
        Path out = dir.resolve("t.png");
        CliRun run =
                CliRun.of(
                        "augment",
                        SharedData.path(FACE).toString(),
                        "--preset",
                        "dfdc-winner",
                        "--n",
                        "3",
                        "--tile",
                        "100",
                        "--grid",
                        out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        try (Mat grid = opencv_imgcodecs.imread(out.toString())) {
            assertThat(grid.cols()).isEqualTo(2 * 100 + 3 * 4);
            assertThat(grid.rows()).isEqualTo(2 * 100 + 3 * 4);
        }
    }

    @Test
    void unknownPresetIsAOneLineUsageError(@TempDir Path dir) {
        CliRun run =
                CliRun.of(
                        "augment",
                        SharedData.path(FACE).toString(),
                        "--preset",
                        "nope",
                        "--grid",
                        dir.resolve("g.png").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("dfd: ").contains("nope").contains("reference-2020");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void missingImageIsAOneLineFailure(@TempDir Path dir) {
        CliRun run =
                CliRun.of(
                        "augment",
                        dir.resolve("none.png").toString(),
                        "--preset",
                        "dfdc-winner",
                        "--grid",
                        dir.resolve("g.png").toString());
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_FAILURE);
        assertThat(run.err()).startsWith("dfd: ").contains("none.png").contains("no such file");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void badLandmarksAreAUsageError(@TempDir Path dir) {
        CliRun run =
                CliRun.of(
                        "augment",
                        SharedData.path(FACE).toString(),
                        "--preset",
                        "dfdc-winner",
                        "--grid",
                        dir.resolve("g.png").toString(),
                        "--landmarks",
                        "1,2,3");
        assertThat(run.status()).isEqualTo(DfdCommand.EXIT_USAGE);
        assertThat(run.err()).contains("10 numbers");
    }
}
