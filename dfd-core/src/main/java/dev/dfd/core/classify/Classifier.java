package dev.dfd.core.classify;

import dev.dfd.core.image.RgbImage;
import java.util.List;

/**
 * Scores face crops: the probability that each shows a manipulated face (1 = fake, 0 = real, as in
 * the DFDC).
 *
 * <p>Implementations that hold a network own its native memory until {@link #close()}; they
 * document whether {@link #predict} may be called from several threads.
 */
public interface Classifier extends AutoCloseable {

    /**
     * The crop width and height, in pixels, this classifier expects.
     *
     * @return the input size, at least 1
     */
    int inputSize();

    /**
     * Scores a batch of crops.
     *
     * @param crops square crops of {@link #inputSize()} pixels
     * @return one probability of "fake" per crop, in [0, 1], in the same order
     * @throws IllegalArgumentException if a crop has the wrong size
     */
    double[] predict(List<RgbImage> crops);

    /** Frees the network. The default does nothing. */
    @Override
    default void close() {}
}
