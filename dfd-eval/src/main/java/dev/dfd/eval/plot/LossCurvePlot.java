package dev.dfd.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the loss curves of a training run: training loss and validation log loss against the number
 * of batches, with the best validation marked, as a PNG.
 */
public final class LossCurvePlot {
    private static final Color TRAIN = new Color(120, 120, 120);
    private static final Color VALIDATION = PlotCanvas.FAKE;

    private LossCurvePlot() {}

    /**
     * Writes the plot.
     *
     * @param batches the batch count of each validation, ascending
     * @param trainLoss the mean training loss before each validation (NaN points are skipped)
     * @param valLogLoss the validation log loss at each validation
     * @param file the PNG to create or replace, through a temporary file
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the arrays differ in length or are empty
     */
    public static void write(long[] batches, double[] trainLoss, double[] valLogLoss, Path file)
            throws IOException {
        if (batches.length == 0
                || trainLoss.length != batches.length
                || valLogLoss.length != batches.length) {
            throw new IllegalArgumentException(
                    "need one train and one validation loss per validation, got "
                            + batches.length
                            + ", "
                            + trainLoss.length
                            + ", "
                            + valLogLoss.length);
        }
        double yMax = 0;
        for (int i = 0; i < batches.length; i++) {
            yMax = Math.max(yMax, finite(trainLoss[i]));
            yMax = Math.max(yMax, finite(valLogLoss[i]));
        }
        double yStep = yMax <= 1 ? 0.1 : yMax <= 2 ? 0.2 : 0.5;
        double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        double xMax = Math.max(1, batches[batches.length - 1]);
        double xStep = PlotCanvas.niceStep(xMax);
        double xTop = Math.ceil(xMax / xStep) * xStep;

        PlotCanvas canvas = new PlotCanvas(900, 600, 100, 70, 40, 80);
        canvas.setRange(0, xTop, 0, yTop);
        int best = 0;
        for (int i = 1; i < valLogLoss.length; i++) {
            if (valLogLoss[i] < valLogLoss[best]) {
                best = i;
            }
        }
        canvas.title(
                String.format(
                        java.util.Locale.ROOT,
                        "Training run: best validation log loss %.4f at batch %d",
                        valLogLoss[best],
                        batches[best]));
        canvas.axes(
                "Training batches",
                PlotCanvas.ticks(xTop, xStep),
                "Loss",
                PlotCanvas.ticks(yTop, yStep));

        Graphics2D g = canvas.graphics();
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        drawSeries(canvas, g, batches, trainLoss, TRAIN);
        drawSeries(canvas, g, batches, valLogLoss, VALIDATION);
        g.setColor(VALIDATION);
        double r = 7;
        g.fill(
                new Ellipse2D.Double(
                        canvas.px(batches[best]) - r,
                        canvas.py(valLogLoss[best]) - r,
                        2 * r,
                        2 * r));

        List<PlotCanvas.LegendEntry> legend = new ArrayList<>();
        legend.add(
                new PlotCanvas.LegendEntry(
                        "training loss (mean since last validation)",
                        TRAIN,
                        new BasicStroke(2.5f),
                        PlotCanvas.Swatch.LINE));
        legend.add(
                new PlotCanvas.LegendEntry(
                        "validation log loss",
                        VALIDATION,
                        new BasicStroke(2.5f),
                        PlotCanvas.Swatch.LINE));
        legend.add(
                new PlotCanvas.LegendEntry(
                        "best validation", VALIDATION, new BasicStroke(1f), PlotCanvas.Swatch.DOT));
        canvas.legend(legend, true, false);
        canvas.save(file);
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static void drawSeries(
            PlotCanvas canvas, Graphics2D g, long[] x, double[] y, Color color) {
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(y[i])) {
                continue;
            }
            if (started) {
                line.lineTo(canvas.px(x[i]), canvas.py(y[i]));
            } else {
                line.moveTo(canvas.px(x[i]), canvas.py(y[i]));
                started = true;
            }
        }
        g.setColor(color);
        g.draw(line);
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                g.fill(new Ellipse2D.Double(canvas.px(x[i]) - 3, canvas.py(y[i]) - 3, 6, 6));
            }
        }
    }
}
