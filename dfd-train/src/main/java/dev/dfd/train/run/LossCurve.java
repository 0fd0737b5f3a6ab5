package dev.dfd.train.run;

import dev.dfd.eval.plot.LossCurvePlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Draws a run's {@code loss.png} from its history. Stateless. */
final class LossCurve {
    private LossCurve() {}

    static void write(List<ValidationRecord> history, Path file) throws IOException {
        if (history.isEmpty()) {
            return;
        }
        int n = history.size();
        long[] x = new long[n];
        double[] train = new double[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = history.get(i).batch();
            train[i] = history.get(i).trainLoss();
            val[i] = history.get(i).valLogLoss();
        }
        LossCurvePlot.write(x, train, val, file);
    }
}
