package dev.dfd.eval.plot;

import dev.dfd.eval.LabeledScores;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the histograms of the probabilities given to real and to fake videos, overlaid on one PNG,
 * with the decision threshold marked: a good detector puts the real videos to the left of the line
 * and the fake ones to the right. Stateless and thread-safe.
 */
public final class ScoreHistogramPlot {
    /** The default number of bins over [0, 1]. */
    public static final int DEFAULT_BINS = 20;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final double HEADROOM = 1.4;

    private ScoreHistogramPlot() {}

    /**
     * Counts probabilities into equal bins over [0, 1]; bin i holds [i/bins, (i+1)/bins), and the
     * last bin also holds 1.
     *
     * @param probabilities probabilities in [0, 1], in any order
     * @param bins the number of bins, at least 1
     * @return the count in each bin
     */
    static long[] counts(double[] probabilities, int bins) {
        long[] out = new long[bins];
        for (double p : probabilities) {
            out[Math.min(bins - 1, (int) Math.floor(p * bins))]++;
        }
        return out;
    }

    /**
     * Writes the plot.
     *
     * @param scores labels and probabilities
     * @param threshold the decision threshold to mark, in [0, 1]
     * @param bins the number of bins over [0, 1], from 1 to 1000
     * @param file the PNG to create or replace; its folder is created if missing
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when bins is out of range
     */
    public static void write(LabeledScores scores, double threshold, int bins, Path file)
            throws IOException {
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("bins " + bins + " is not in [1, 1000]");
        }
        long[] real = counts(scores.sortedScoresOf(0), bins);
        long[] fake = counts(scores.sortedScoresOf(1), bins);
        long highest = 1;
        for (int i = 0; i < bins; i++) {
            highest = Math.max(highest, Math.max(real[i], fake[i]));
        }
        // Headroom above the highest bar keeps the legend in the upper quarter clear of the bars.
        double step = PlotCanvas.niceStep(highest * HEADROOM);
        double yMax = Math.ceil(highest * HEADROOM / step) * step;

        PlotCanvas canvas = new PlotCanvas(WIDTH, HEIGHT, 100, 70, 40, 80);
        canvas.setRange(0, 1, 0, yMax);
        canvas.title("Probability of fake, by true class");
        canvas.axes(
                "Predicted probability of fake",
                PlotCanvas.ticks(1, 0.1),
                "Videos",
                PlotCanvas.ticks(yMax, step));

        Graphics2D g = canvas.graphics();
        drawBars(canvas, real, PlotCanvas.REAL);
        drawBars(canvas, fake, PlotCanvas.FAKE);

        g.setColor(PlotCanvas.TEXT);
        g.setStroke(PlotCanvas.DASHED);
        int tx = (int) Math.round(canvas.px(threshold));
        g.drawLine(tx, canvas.top(), tx, canvas.bottom());
        g.setFont(PlotCanvas.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        // The label sits above the frame, clear of the bars and the legend.
        String label = "threshold " + threshold;
        g.drawString(label, tx - fm.stringWidth(label) / 2, canvas.top() - 8);

        List<PlotCanvas.LegendEntry> legend = new ArrayList<>();
        legend.add(
                new PlotCanvas.LegendEntry(
                        String.format(Locale.ROOT, "real videos (%d)", scores.negatives()),
                        translucent(PlotCanvas.REAL),
                        new BasicStroke(1f),
                        PlotCanvas.Swatch.BOX));
        legend.add(
                new PlotCanvas.LegendEntry(
                        String.format(Locale.ROOT, "fake videos (%d)", scores.positives()),
                        translucent(PlotCanvas.FAKE),
                        new BasicStroke(1f),
                        PlotCanvas.Swatch.BOX));
        legend.add(
                new PlotCanvas.LegendEntry(
                        "decision threshold",
                        PlotCanvas.TEXT,
                        PlotCanvas.DASHED,
                        PlotCanvas.Swatch.LINE));
        // Put the legend over the half of the plot whose upper part is emptier.
        canvas.legend(legend, leftHalfIsTaller(real, fake), false);
        canvas.save(file);
    }

    private static void drawBars(PlotCanvas canvas, long[] counts, Color color) {
        Graphics2D g = canvas.graphics();
        int bins = counts.length;
        Path2D.Double outline = new Path2D.Double();
        outline.moveTo(canvas.px(0), canvas.py(0));
        g.setColor(translucent(color));
        for (int i = 0; i < bins; i++) {
            double x0 = canvas.px((double) i / bins);
            double x1 = canvas.px((double) (i + 1) / bins);
            double y = canvas.py(counts[i]);
            g.fill(new Rectangle2D.Double(x0, y, x1 - x0, canvas.py(0) - y));
            outline.lineTo(x0, y);
            outline.lineTo(x1, y);
        }
        outline.lineTo(canvas.px(1), canvas.py(0));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        g.draw(outline);
    }

    private static Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 90);
    }

    private static boolean leftHalfIsTaller(long[] real, long[] fake) {
        long left = 0;
        long right = 0;
        int half = real.length / 2;
        for (int i = 0; i < real.length; i++) {
            long h = Math.max(real[i], fake[i]);
            if (i < half) {
                left = Math.max(left, h);
            } else {
                right = Math.max(right, h);
            }
        }
        return left >= right;
    }
}
