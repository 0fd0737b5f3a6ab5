package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.openblas.global.openblas;

/**
 * Shifts colours along the principal components of the image's own RGB distribution
 * (Albumentations' {@code FancyPCA}; Krizhevsky et al. 2012, with Albumentations' quirks).
 *
 * <p>Sampling: one {@code alpha} from a normal with mean 0 and standard deviation {@code alphaStd}
 * per image (not one per eigenvalue as in the paper). On {@code x / 255}: the 3 x 3 covariance of
 * the centred RGB values (divisor N - 1), eigen-decomposed by LAPACK's {@code dsyevd} (OpenBLAS;
 * the routine numpy's {@code eigh} calls, so the eigenvector signs agree), eigenvalues sorted
 * descending. Albumentations then uses the eigenvectors as rows, so channel c is offset by {@code
 * alpha * sum_k v_c[k] * l_k * 255} (the c-th eigenvector dotted with the eigenvalues), and {@code
 * out = trunc(clip(x + offset, 0, 255))}. Parameters: {@code alpha}. Immutable and thread-safe.
 */
public final class FancyPca extends ImageTransform {
    private final double alphaStd;

    /**
     * Creates the transform.
     *
     * @param alphaStd standard deviation of alpha, at least 0 (default 0.1)
     * @param p probability of applying, 0..1 (default 0.5)
     * @throws IllegalArgumentException if alphaStd is negative
     */
    public FancyPca(double alphaStd, double p) {
        super("FancyPCA", p);
        if (!(alphaStd >= 0)) {
            throw new IllegalArgumentException("FancyPCA: alpha std must be >= 0, got " + alphaStd);
        }
        this.alphaStd = alphaStd;
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.of("alpha", alphaStd * random.nextGaussian());
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return apply(image, params.getDouble("alpha"));
    }

    /**
     * Albumentations' {@code fancy_pca} on an 8-bit RGB image.
     *
     * @param image the image
     * @param alpha the sampled alpha
     * @return the new image
     */
    public static RgbImage apply(RgbImage image, double alpha) {
        double[] add = addVector(image, alpha);
        byte[][] luts = new byte[3][256];
        for (int c = 0; c < 3; c++) {
            double offset = add[c] * 255;
            for (int i = 0; i < 256; i++) {
                double v = i + offset;
                luts[c][i] = (byte) (int) (v <= 0 ? 0 : v >= 255 ? 255 : v);
            }
        }
        byte[] in = image.buffer();
        byte[] out = new byte[in.length];
        byte[] l0 = luts[0];
        byte[] l1 = luts[1];
        byte[] l2 = luts[2];
        for (int i = 0; i < in.length; i += 3) {
            out[i] = l0[in[i] & 0xFF];
            out[i + 1] = l1[in[i + 1] & 0xFF];
            out[i + 2] = l2[in[i + 2] & 0xFF];
        }
        return RgbImage.wrap(image.width(), image.height(), out);
    }

    /**
     * The per-channel offset on the [0, 1] scale, before the factor 255.
     *
     * @param image the image
     * @param alpha the sampled alpha
     * @return offsets for R, G, B
     * @throws IllegalStateException if LAPACK fails to decompose the covariance
     */
    public static double[] addVector(RgbImage image, double alpha) {
        double[] cov = covariance(image);
        double[] vectors = cov.clone();
        double[] values = new double[3];
        int info =
                openblas.LAPACKE_dsyevd(
                        openblas.LAPACK_COL_MAJOR, (byte) 'V', (byte) 'L', 3, vectors, 3, values);
        if (info != 0) {
            throw new IllegalStateException("LAPACK dsyevd failed with info " + info);
        }
        double[] add = new double[3];
        for (int c = 0; c < 3; c++) {
            int col = 2 - c;
            double s = 0;
            for (int k = 0; k < 3; k++) {
                s += vectors[col * 3 + k] * (alpha * values[2 - k]);
            }
            add[c] = s;
        }
        return add;
    }

    /**
     * The 3 x 3 covariance (divisor N - 1) of the RGB values scaled to [0, 1], row-major.
     *
     * @param image the image
     * @return 9 values
     */
    public static double[] covariance(RgbImage image) {
        byte[] px = image.buffer();
        int n = px.length / 3;
        long[] sum = new long[3];
        long[] prod = new long[6];
        for (int i = 0; i < px.length; i += 3) {
            int r = px[i] & 0xFF;
            int g = px[i + 1] & 0xFF;
            int b = px[i + 2] & 0xFF;
            sum[0] += r;
            sum[1] += g;
            sum[2] += b;
            prod[0] += r * r;
            prod[1] += r * g;
            prod[2] += r * b;
            prod[3] += g * g;
            prod[4] += g * b;
            prod[5] += b * b;
        }
        int[][] idx = {{0, 1, 2}, {1, 3, 4}, {2, 4, 5}};
        double[] cov = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double centred = prod[idx[a][b]] - (double) sum[a] * sum[b] / n;
                cov[a * 3 + b] = centred / (n - 1) / (255.0 * 255.0);
            }
        }
        return cov;
    }
}
