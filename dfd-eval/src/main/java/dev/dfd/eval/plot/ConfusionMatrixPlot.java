package dev.dfd.eval.plot;

import dev.dfd.eval.ConfusionMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a confusion matrix as a PNG: true class in rows, decision in columns, each cell showing its
 * count, its share of all videos and its share of its row, shaded by the row share. Stateless and
 * thread-safe.
 */
public final class ConfusionMatrixPlot {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 640;

    private ConfusionMatrixPlot() {}

    /**
     * Writes the plot.
     *
     * @param matrix the counts
     * @param threshold the threshold the counts were made at, shown in the title
     * @param file the PNG to create or replace; its folder is created if missing
     * @throws IOException when the file cannot be written
     */
    public static void write(ConfusionMatrix matrix, double threshold, Path file)
            throws IOException {
        PlotCanvas canvas = new PlotCanvas(WIDTH, HEIGHT, 170, 100, 50, 90);
        canvas.title(String.format(Locale.ROOT, "Confusion matrix at threshold %s", threshold));
        Graphics2D g = canvas.graphics();
        int cellW = (canvas.right() - canvas.left()) / 2;
        int cellH = (canvas.bottom() - canvas.top()) / 2;
        long total = matrix.total();
        long[][] counts = {{matrix.tn(), matrix.fp()}, {matrix.fn(), matrix.tp()}};
        String[] classes = {"real", "fake"};

        for (int row = 0; row < 2; row++) {
            long rowTotal = counts[row][0] + counts[row][1];
            for (int col = 0; col < 2; col++) {
                long count = counts[row][col];
                double rowShare = rowTotal == 0 ? 0 : (double) count / rowTotal;
                boolean correct = row == col;
                int x = canvas.left() + col * cellW;
                int y = canvas.top() + row * cellH;
                g.setColor(shade(correct ? PlotCanvas.REAL : PlotCanvas.FAKE, rowShare));
                g.fillRect(x, y, cellW, cellH);
                Color ink = rowShare > 0.55 ? Color.WHITE : PlotCanvas.TEXT;
                drawCentred(
                        g,
                        String.valueOf(count),
                        PlotCanvas.TITLE_FONT.deriveFont(34f),
                        ink,
                        x + cellW / 2,
                        y + cellH / 2 - 22);
                String ofAll =
                        total == 0
                                ? "-"
                                : String.format(
                                        Locale.ROOT, "%.1f%% of all", 100.0 * count / total);
                String ofRow =
                        rowTotal == 0
                                ? "no " + classes[row] + " videos"
                                : String.format(
                                        Locale.ROOT,
                                        "%.1f%% of %s videos",
                                        100.0 * rowShare,
                                        classes[row]);
                drawCentred(
                        g, ofRow, PlotCanvas.LABEL_FONT, ink, x + cellW / 2, y + cellH / 2 + 18);
                drawCentred(g, ofAll, PlotCanvas.TICK_FONT, ink, x + cellW / 2, y + cellH / 2 + 42);
            }
        }
        g.setColor(PlotCanvas.TEXT);
        g.setStroke(new BasicStroke(2f));
        g.drawRect(canvas.left(), canvas.top(), 2 * cellW, 2 * cellH);
        g.drawLine(
                canvas.left() + cellW,
                canvas.top(),
                canvas.left() + cellW,
                canvas.top() + 2 * cellH);
        g.drawLine(
                canvas.left(),
                canvas.top() + cellH,
                canvas.left() + 2 * cellW,
                canvas.top() + cellH);

        for (int i = 0; i < 2; i++) {
            drawCentred(
                    g,
                    "called " + classes[i],
                    PlotCanvas.LABEL_FONT,
                    PlotCanvas.TEXT,
                    canvas.left() + i * cellW + cellW / 2,
                    canvas.top() - 12);
            drawRight(
                    g,
                    classes[i] + " videos",
                    canvas.left() - 14,
                    canvas.top() + i * cellH + cellH / 2 + 6);
        }
        drawCentred(
                g,
                "Decision (p \u2265 threshold is fake)",
                PlotCanvas.LABEL_FONT.deriveFont(Font.BOLD),
                PlotCanvas.TEXT,
                (canvas.left() + canvas.left() + 2 * cellW) / 2,
                canvas.top() + 2 * cellH + 40);
        AffineTransform saved = g.getTransform();
        int labelX = 34;
        int labelY = canvas.top() + cellH;
        g.rotate(-Math.PI / 2, labelX, labelY);
        drawCentred(
                g,
                "True class",
                PlotCanvas.LABEL_FONT.deriveFont(Font.BOLD),
                PlotCanvas.TEXT,
                labelX,
                labelY);
        g.setTransform(saved);
        canvas.save(file);
    }

    /** Mixes white with a colour; share 0 is near white, share 1 the full colour. */
    private static Color shade(Color color, double share) {
        double t = 0.08 + 0.92 * Math.max(0, Math.min(1, share));
        return new Color(
                (int) Math.round(255 + (color.getRed() - 255) * t),
                (int) Math.round(255 + (color.getGreen() - 255) * t),
                (int) Math.round(255 + (color.getBlue() - 255) * t));
    }

    private static void drawCentred(
            Graphics2D g, String text, Font font, Color color, int centreX, int baselineY) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, centreX - fm.stringWidth(text) / 2, baselineY);
    }

    private static void drawRight(Graphics2D g, String text, int rightX, int baselineY) {
        g.setFont(PlotCanvas.LABEL_FONT);
        g.setColor(PlotCanvas.TEXT);
        g.drawString(text, rightX - g.getFontMetrics().stringWidth(text), baselineY);
    }
}
