package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Blacks out one half of the face crop, split at a random row or column near the middle (the DFDC
 * winner's {@code blackout_random}, without its check against the fake's difference mask, which a
 * plain image does not have).
 *
 * <p>Sampling, in this order: {@code first = random() < 0.5}, then {@code random() < 0.5} chooses a
 * row split (else a column split), then the split {@code pivot = randint(n/2 - n/5, n/2 + n/5)}
 * with {@code n} the height (or width). The rows (columns) before the pivot are blacked out when
 * {@code first}, those from the pivot on otherwise. Parameters: {@code rows}, {@code first}, {@code
 * pivot}. Immutable and thread-safe.
 */
public final class HalfFaceDropout extends ImageTransform {

    /**
     * Creates the transform.
     *
     * @param p probability of applying, 0..1
     */
    public HalfFaceDropout(double p) {
        super("HalfFaceDropout", p);
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        boolean first = random.nextDouble() < 0.5;
        boolean rows = random.nextDouble() < 0.5;
        int n = rows ? targets.image().height() : targets.image().width();
        int pivot = randint(random, n / 2 - n / 5, n / 2 + n / 5);
        return Params.of("rows", rows, "first", first, "pivot", pivot);
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        int w = image.width();
        int h = image.height();
        boolean rows = params.getBoolean("rows");
        boolean first = params.getBoolean("first");
        int pivot = params.getInt("pivot");
        byte[] out = image.toByteArray();
        if (rows) {
            int p = Math.max(0, Math.min(h, pivot));
            int from = first ? 0 : p;
            int to = first ? p : h;
            Arrays.fill(out, from * w * 3, to * w * 3, (byte) 0);
        } else {
            int p = Math.max(0, Math.min(w, pivot));
            int from = first ? 0 : p;
            int to = first ? p : w;
            for (int y = 0; y < h; y++) {
                Arrays.fill(out, (y * w + from) * 3, (y * w + to) * 3, (byte) 0);
            }
        }
        return RgbImage.wrap(w, h, out);
    }
}
