package dev.dfd.eval.plot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfd.eval.LabeledScores;
import dev.dfd.eval.RocCurve;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationPlotsTest {
    private static final LabeledScores SCORES =
            LabeledScores.of(
                    new int[] {0, 0, 0, 1, 1, 1, 0, 1},
                    new double[] {0.05, 0.2, 0.55, 0.45, 0.7, 0.95, 0.3, 1.0});

    @Test
    void writesThreeReadablePngs(@TempDir Path dir) throws IOException {
        List<Path> files = EvaluationPlots.writeAll(SCORES, 0.5, dir);
        assertThat(files)
                .containsExactly(
                        dir.resolve("roc.png"),
                        dir.resolve("confusion_matrix.png"),
                        dir.resolve("score_histogram.png"));
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertThat(image).as(f.toString()).isNotNull();
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(600);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void rocPlotDrawsTheCurveInItsColourAndTheDiagonal(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("roc.png");
        RocPlot.write(RocCurve.of(SCORES), f);
        BufferedImage image = ImageIO.read(f.toFile());
        assertThat(countPixels(image, PlotCanvas.REAL)).isGreaterThan(500);
        assertThat(countPixels(image, PlotCanvas.MUTED)).isGreaterThan(100);
    }

    @Test
    void histogramCountsBinsWithOneInTheLastBin() {
        long[] counts = ScoreHistogramPlot.counts(new double[] {0.0, 0.049, 0.05, 0.999, 1.0}, 20);
        assertThat(counts[0]).isEqualTo(2);
        assertThat(counts[1]).isEqualTo(1);
        assertThat(counts[19]).isEqualTo(2);
        assertThat(counts).hasSize(20);
    }

    @Test
    void rocIsSkippedWithOneClass(@TempDir Path dir) throws IOException {
        LabeledScores reals = LabeledScores.of(new int[] {0, 0}, new double[] {0.1, 0.7});
        assertThat(EvaluationPlots.writeAll(reals, 0.5, dir))
                .containsExactly(
                        dir.resolve("confusion_matrix.png"), dir.resolve("score_histogram.png"));
    }

    private static int countPixels(BufferedImage image, Color color) {
        int n = 0;
        int rgb = color.getRGB() & 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
