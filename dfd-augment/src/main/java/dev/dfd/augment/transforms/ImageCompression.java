package dev.dfd.augment.transforms;

import dev.dfd.augment.ImageTransform;
import dev.dfd.augment.Params;
import dev.dfd.augment.Targets;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.util.random.RandomGenerator;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes the image as JPEG and decodes it again (Albumentations' {@code ImageCompression}, and its
 * deprecated alias {@code JpegCompression}), through OpenCV's codec (libjpeg-turbo: baseline, 4:2:0
 * chroma subsampling, IJG tables scaled by quality, islow DCT, fancy upsampling).
 *
 * <p>Quality is {@code randint(lower, upper)}, both ends inclusive. Like Albumentations, the RGB
 * pixels are handed to an encoder that assumes BGR, so the luma is computed with the red and blue
 * weights exchanged; decoding undoes the exchange. This changes the artefacts (up to 37 levels on
 * the reference face against a colour-correct encode) and is reproduced by default; {@link
 * #colourCorrect} encodes true RGB instead. Parameters: {@code quality}. Immutable and thread-safe;
 * each call allocates and frees its own native buffers.
 */
public final class ImageCompression extends ImageTransform {
    private final int qualityLower;
    private final int qualityUpper;
    private final boolean swapLikeAlbumentations;

    private ImageCompression(
            String name, int qualityLower, int qualityUpper, boolean swap, double p) {
        super(name, p);
        if (qualityLower < 0 || qualityUpper > 100 || qualityLower > qualityUpper) {
            throw new IllegalArgumentException(
                    name
                            + ": quality range must lie in 0..100, got "
                            + qualityLower
                            + ".."
                            + qualityUpper);
        }
        this.qualityLower = qualityLower;
        this.qualityUpper = qualityUpper;
        this.swapLikeAlbumentations = swap;
    }

    /**
     * Albumentations' {@code ImageCompression(quality_lower, quality_upper)}.
     *
     * @param qualityLower lowest JPEG quality, 0..100 (default 99)
     * @param qualityUpper highest JPEG quality, lower..100 (default 100)
     * @param p probability of applying, 0..1 (default 0.5)
     * @return the transform
     * @throws IllegalArgumentException if the range is invalid
     */
    public static ImageCompression of(int qualityLower, int qualityUpper, double p) {
        return new ImageCompression("ImageCompression", qualityLower, qualityUpper, true, p);
    }

    /**
     * Albumentations' deprecated {@code JpegCompression}, the same operation under its old name.
     *
     * @param qualityLower lowest JPEG quality, 0..100
     * @param qualityUpper highest JPEG quality, lower..100
     * @param p probability of applying, 0..1
     * @return the transform
     * @throws IllegalArgumentException if the range is invalid
     */
    public static ImageCompression jpegCompression(int qualityLower, int qualityUpper, double p) {
        return new ImageCompression("JpegCompression", qualityLower, qualityUpper, true, p);
    }

    /**
     * The same transform encoding the true RGB colours (not Albumentations' behaviour).
     *
     * @return the transform
     */
    public ImageCompression colourCorrect() {
        return new ImageCompression(name(), qualityLower, qualityUpper, false, probability());
    }

    @Override
    protected Params sample(Targets targets, RandomGenerator random) {
        return Params.of("quality", randint(random, qualityLower, qualityUpper));
    }

    @Override
    public RgbImage applyImage(RgbImage image, Params params) {
        return compress(image, params.getInt("quality"), swapLikeAlbumentations);
    }

    /**
     * Encodes and decodes one image.
     *
     * @param image the image
     * @param quality JPEG quality 0..100
     * @param swapLikeAlbumentations whether to hand RGB to the BGR encoder as Albumentations does
     * @return the decoded image
     * @throws IllegalStateException if OpenCV fails to encode or decode
     */
    public static RgbImage compress(RgbImage image, int quality, boolean swapLikeAlbumentations) {
        RgbImage input = swapLikeAlbumentations ? image : swapRedBlue(image);
        try (Mat mat = OpenCvImages.toMat(input);
                BytePointer buf = new BytePointer();
                IntPointer opts = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, quality)) {
            if (!opencv_imgcodecs.imencode(".jpg", mat, buf, opts)) {
                throw new IllegalStateException(
                        "OpenCV could not encode a JPEG at quality " + quality);
            }
            byte[] bytes = new byte[(int) buf.limit()];
            buf.get(bytes);
            try (Mat encoded = new Mat(bytes);
                    Mat decoded =
                            opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_UNCHANGED)) {
                if (decoded.empty()) {
                    throw new IllegalStateException(
                            "OpenCV could not decode its own JPEG of " + bytes.length + " bytes");
                }
                RgbImage out = OpenCvImages.fromMat(decoded);
                return swapLikeAlbumentations ? out : swapRedBlue(out);
            }
        }
    }

    /**
     * Decodes a JPEG stream with OpenCV as Albumentations does ({@code IMREAD_UNCHANGED}), keeping
     * the channel order stored in the file.
     *
     * @param jpeg the stream
     * @return the image, channels in the order the encoder was given them
     * @throws IllegalArgumentException if the stream cannot be decoded
     */
    public static RgbImage decode(byte[] jpeg) {
        try (Mat encoded = new Mat(jpeg);
                Mat decoded =
                        opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_UNCHANGED)) {
            if (decoded.empty()) {
                throw new IllegalArgumentException(
                        "not a decodable JPEG (" + jpeg.length + " bytes)");
            }
            return OpenCvImages.fromMat(decoded);
        }
    }

    private static RgbImage swapRedBlue(RgbImage image) {
        byte[] px = image.toByteArray();
        for (int i = 0; i < px.length; i += 3) {
            byte t = px[i];
            px[i] = px[i + 2];
            px[i + 2] = t;
        }
        return RgbImage.wrap(image.width(), image.height(), px);
    }
}
