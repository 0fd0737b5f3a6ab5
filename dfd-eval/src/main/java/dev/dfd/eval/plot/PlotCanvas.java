package dev.dfd.eval.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A white image with a titled, gridded plot area that maps data coordinates to pixels, shared by
 * the plots of this package. One instance per image, not thread-safe; call {@link #save} once.
 */
final class PlotCanvas {
    static final Color REAL = new Color(31, 119, 180);
    static final Color FAKE = new Color(214, 39, 40);
    static final Color TEXT = new Color(33, 33, 33);
    static final Color GRID = new Color(225, 225, 225);
    static final Color MUTED = new Color(120, 120, 120);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Stroke DASHED =
            new BasicStroke(
                    2f,
                    BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER,
                    10f,
                    new float[] {8f, 6f},
                    0f);

    /** How a legend line shows its colour. */
    enum Swatch {
        LINE,
        BOX,
        DOT
    }

    /** One line of a legend: a colour swatch and its text; the stroke is used by lines only. */
    record LegendEntry(String text, Color color, Stroke stroke, Swatch swatch) {}

    private final BufferedImage image;
    private final Graphics2D g;
    private final int left;
    private final int top;
    private final int right;
    private final int bottom;
    private double xMin;
    private double xMax;
    private double yMin;
    private double yMax;

    PlotCanvas(
            int width,
            int height,
            int marginLeft,
            int marginTop,
            int marginRight,
            int marginBottom) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        left = marginLeft;
        top = marginTop;
        right = width - marginRight;
        bottom = height - marginBottom;
        setRange(0, 1, 0, 1);
    }

    Graphics2D graphics() {
        return g;
    }

    int left() {
        return left;
    }

    int top() {
        return top;
    }

    int right() {
        return right;
    }

    int bottom() {
        return bottom;
    }

    int width() {
        return image.getWidth();
    }

    int height() {
        return image.getHeight();
    }

    void setRange(double xMin, double xMax, double yMin, double yMax) {
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /** The pixel column of a data x. */
    double px(double x) {
        return left + (x - xMin) / (xMax - xMin) * (right - left);
    }

    /** The pixel row of a data y (up is larger y). */
    double py(double y) {
        return bottom - (y - yMin) / (yMax - yMin) * (bottom - top);
    }

    /** Draws the title centred above the plot area, near the top of the image. */
    void title(String text) {
        g.setFont(TITLE_FONT);
        g.setColor(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int x = (left + right - fm.stringWidth(text)) / 2;
        g.drawString(text, Math.max(4, x), 16 + fm.getAscent());
    }

    /** Draws grid lines, the frame, ticks with their labels, and the two axis labels. */
    void axes(String xLabel, double[] xTicks, String yLabel, double[] yTicks) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (double t : xTicks) {
            g.drawLine((int) Math.round(px(t)), top, (int) Math.round(px(t)), bottom);
        }
        for (double t : yTicks) {
            g.drawLine(left, (int) Math.round(py(t)), right, (int) Math.round(py(t)));
        }
        g.setColor(TEXT);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRect(left, top, right - left, bottom - top);

        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (double t : xTicks) {
            int x = (int) Math.round(px(t));
            g.drawLine(x, bottom, x, bottom + 6);
            String s = tickText(t, xTicks);
            g.drawString(s, x - fm.stringWidth(s) / 2, bottom + 8 + fm.getAscent());
        }
        int widest = 0;
        for (double t : yTicks) {
            int y = (int) Math.round(py(t));
            g.drawLine(left - 6, y, left, y);
            String s = tickText(t, yTicks);
            widest = Math.max(widest, fm.stringWidth(s));
            g.drawString(s, left - 10 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }

        g.setFont(LABEL_FONT);
        FontMetrics lm = g.getFontMetrics();
        g.drawString(
                xLabel,
                (left + right - lm.stringWidth(xLabel)) / 2,
                bottom + 14 + fm.getHeight() + lm.getAscent());
        AffineTransform saved = g.getTransform();
        int yLabelX = left - 18 - widest - lm.getDescent();
        g.rotate(-Math.PI / 2, yLabelX, (top + bottom) / 2.0);
        g.drawString(yLabel, yLabelX - lm.stringWidth(yLabel) / 2, (top + bottom) / 2);
        g.setTransform(saved);
    }

    /**
     * Draws a legend box in a corner of the plot area.
     *
     * @param entries the lines
     * @param atRight true for a right corner, false for a left one
     * @param atBottom true for a lower corner, false for an upper one
     */
    void legend(List<LegendEntry> entries, boolean atRight, boolean atBottom) {
        g.setFont(LABEL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int swatch = 34;
        int pad = 10;
        int lineHeight = fm.getHeight() + 4;
        int textWidth = 0;
        for (LegendEntry e : entries) {
            textWidth = Math.max(textWidth, fm.stringWidth(e.text()));
        }
        int w = pad * 3 + swatch + textWidth;
        int h = pad * 2 + lineHeight * entries.size() - 4;
        int x = atRight ? right - w - 12 : left + 12;
        int y = atBottom ? bottom - h - 12 : top + 12;
        g.setColor(new Color(255, 255, 255, 235));
        g.fillRoundRect(x, y, w, h, 8, 8);
        g.setColor(new Color(190, 190, 190));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(x, y, w, h, 8, 8);
        for (int i = 0; i < entries.size(); i++) {
            LegendEntry e = entries.get(i);
            int baseline = y + pad + i * lineHeight + fm.getAscent();
            int mid = baseline - fm.getAscent() / 2 + 1;
            g.setColor(e.color());
            if (e.swatch() == Swatch.BOX) {
                g.fillRect(x + pad, mid - 7, swatch, 14);
            } else if (e.swatch() == Swatch.DOT) {
                g.fillOval(x + pad + swatch / 2 - 6, mid - 6, 12, 12);
            } else {
                g.setStroke(e.stroke());
                g.drawLine(x + pad, mid, x + pad + swatch, mid);
            }
            g.setColor(TEXT);
            g.drawString(e.text(), x + pad * 2 + swatch, baseline);
        }
    }

    /** Writes the image as PNG, through a temporary file renamed over the target. */
    void save(Path file) throws IOException {
        g.dispose();
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException(file + ": no PNG writer available");
            }
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Evenly spaced ticks from 0 to max inclusive. */
    static double[] ticks(double max, double step) {
        int n = (int) Math.floor(max / step + 1e-9);
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            out[i] = i * step;
        }
        return out;
    }

    /** A tick step of 1, 2 or 5 times a power of ten giving about five to ten ticks up to max. */
    static double niceStep(double max) {
        double raw = max / 6;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return Math.max(1, nice * power);
    }

    private static String tickText(double t, double[] ticks) {
        boolean integers = true;
        for (double v : ticks) {
            integers &= v == Math.rint(v);
        }
        if (integers && ticks.length > 0 && ticks[ticks.length - 1] > 1) {
            return String.valueOf((long) t);
        }
        return String.format(Locale.ROOT, "%.1f", t);
    }
}
