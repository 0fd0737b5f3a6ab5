package dev.dfd.examples.cli;

import dev.dfd.core.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws library progress on standard error: a bar redrawn in place on a terminal, or a line every
 * ten percent when the output is a file or a pipe. Thread-safe.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDecile = -1;
    private long lastDraw;

    ProgressBar(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    /** A bar for the process's own terminal, if it has one. */
    static ProgressBar onStderr(PrintWriter err, String label) {
        return new ProgressBar(err, label, System.console() != null);
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        if (total <= 0) {
            return;
        }
        double fraction = Math.min(1, done / (double) total);
        double seconds = (System.nanoTime() - started) / 1e9;
        String eta =
                done == 0
                        ? "?"
                        : String.format(Locale.ROOT, "%.0fs", seconds / done * (total - done));
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = (int) Math.round(fraction * WIDTH);
            err.print(
                    String.format(
                            Locale.ROOT,
                            "\r%s [%s%s] %d/%d, %s left  %s",
                            label,
                            "#".repeat(filled),
                            " ".repeat(WIDTH - filled),
                            done,
                            total,
                            eta,
                            message.length() > 40 ? message.substring(0, 40) : message));
            if (done >= total) {
                err.println();
            }
            err.flush();
        } else {
            long decile = (long) Math.floor(fraction * 10);
            if (decile != lastDecile) {
                lastDecile = decile;
                err.println(
                        String.format(
                                Locale.ROOT,
                                "%s: %d/%d (%d%%), %s left",
                                label,
                                done,
                                total,
                                decile * 10,
                                eta));
                err.flush();
            }
        }
    }
}
