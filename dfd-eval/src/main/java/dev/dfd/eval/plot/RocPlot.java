package dev.dfd.eval.plot;

import dev.dfd.eval.RocCurve;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws a ROC curve as a PNG: true positive rate against false positive rate, the chance diagonal
 * dashed, the AUC in the title, and the point the equal error rate is taken from marked. Stateless
 * and thread-safe.
 */
public final class RocPlot {
    private static final int SIZE = 720;

    private RocPlot() {}

    /**
     * Writes the plot.
     *
     * @param roc the curve
     * @param file the PNG to create or replace; its folder is created if missing
     * @throws IOException when the file cannot be written
     */
    public static void write(RocCurve roc, Path file) throws IOException {
        PlotCanvas canvas = new PlotCanvas(SIZE, SIZE, 100, 70, 40, 80);
        double auc = roc.auc();
        double eer = roc.equalErrorRate();
        canvas.title(String.format(Locale.ROOT, "ROC curve (AUC = %.4f)", auc));
        double[] ticks = PlotCanvas.ticks(1, 0.1);
        canvas.axes(
                "False positive rate (real videos called fake)",
                ticks,
                "True positive rate (fake videos caught)",
                ticks);

        Graphics2D g = canvas.graphics();
        g.setColor(PlotCanvas.MUTED);
        g.setStroke(PlotCanvas.DASHED);
        g.drawLine((int) canvas.px(0), (int) canvas.py(0), (int) canvas.px(1), (int) canvas.py(1));

        double[] fpr = roc.falsePositiveRates();
        double[] tpr = roc.truePositiveRates();
        Path2D.Double curve = new Path2D.Double();
        curve.moveTo(canvas.px(fpr[0]), canvas.py(tpr[0]));
        for (int k = 1; k < fpr.length; k++) {
            curve.lineTo(canvas.px(fpr[k]), canvas.py(tpr[k]));
        }
        g.setColor(PlotCanvas.REAL);
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(curve);

        // The point of the curve the equal error rate is taken from.
        int e = roc.equalErrorIndex();
        g.setColor(PlotCanvas.FAKE);
        double r = 6;
        g.fill(new Ellipse2D.Double(canvas.px(fpr[e]) - r, canvas.py(tpr[e]) - r, 2 * r, 2 * r));

        canvas.legend(
                List.of(
                        new PlotCanvas.LegendEntry(
                                String.format(Locale.ROOT, "ROC, AUC = %.4f", auc),
                                PlotCanvas.REAL,
                                new BasicStroke(3f),
                                PlotCanvas.Swatch.LINE),
                        new PlotCanvas.LegendEntry(
                                "chance (AUC = 0.5)",
                                PlotCanvas.MUTED,
                                PlotCanvas.DASHED,
                                PlotCanvas.Swatch.LINE),
                        new PlotCanvas.LegendEntry(
                                String.format(Locale.ROOT, "equal error rate = %.4f", eer),
                                PlotCanvas.FAKE,
                                new BasicStroke(1f),
                                PlotCanvas.Swatch.DOT)),
                true,
                true);
        canvas.save(file);
    }
}
