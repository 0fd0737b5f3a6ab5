package dev.dfd.video;

import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import dev.dfd.core.video.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes one still image file (JPEG, PNG, BMP, WebP, TIFF, ...) to RGB with OpenCV, ignoring EXIF
 * orientation, so that the pixels equal what Pillow's {@code Image.open(path).convert("RGB")} gives
 * (the reference the MTCNN tests were made with).
 *
 * <p>Stateless and thread-safe; every native buffer is freed before a method returns.
 */
final class ImageDecoder {
    /** File name extensions treated as still images when the content is not recognised. */
    static final Set<String> IMAGE_EXTENSIONS =
            Set.of(
                    "jpg", "jpeg", "jpe", "png", "bmp", "dib", "webp", "tif", "tiff", "pbm", "pgm",
                    "ppm", "pnm", "jp2", "exr", "hdr", "pic", "avif");

    private ImageDecoder() {}

    /**
     * Whether a file looks like a still image: by its first bytes (JPEG, PNG, BMP, WebP, TIFF,
     * GIF), else by its extension.
     *
     * @param file an existing regular file
     * @return true if it should be decoded as an image rather than a video
     * @throws IOException if the file cannot be read
     */
    static boolean looksLikeImage(Path file) throws IOException {
        byte[] head = new byte[12];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 3
                && (head[0] & 0xFF) == 0xFF
                && (head[1] & 0xFF) == 0xD8
                && (head[2] & 0xFF) == 0xFF) {
            return true;
        }
        if (n >= 8
                && (head[0] & 0xFF) == 0x89
                && head[1] == 'P'
                && head[2] == 'N'
                && head[3] == 'G') {
            return true;
        }
        if (n >= 2 && head[0] == 'B' && head[1] == 'M') {
            return true;
        }
        if (n >= 12
                && head[0] == 'R'
                && head[1] == 'I'
                && head[2] == 'F'
                && head[3] == 'F'
                && head[8] == 'W'
                && head[9] == 'E'
                && head[10] == 'B'
                && head[11] == 'P') {
            return true;
        }
        if (n >= 4
                && ((head[0] == 'I' && head[1] == 'I' && head[2] == 42 && head[3] == 0)
                        || (head[0] == 'M' && head[1] == 'M' && head[2] == 0 && head[3] == 42))) {
            return true;
        }
        return hasImageExtension(file);
    }

    /**
     * A short name for the image format, from the file's first bytes or else its extension.
     *
     * @param file an existing regular file
     * @return for example {@code jpeg}, {@code png}
     * @throws IOException if the file cannot be read
     */
    static String formatName(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
            return "jpeg";
        } else if (n >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P') {
            return "png";
        } else if (n >= 2 && head[0] == 'B' && head[1] == 'M') {
            return "bmp";
        }
        String s = String.valueOf(file.getFileName());
        int dot = s.lastIndexOf('.');
        return dot >= 0 ? s.substring(dot + 1).toLowerCase(Locale.ROOT) : "image";
    }

    /**
     * Whether the file name ends in a known still-image extension (case-insensitive).
     *
     * @param file a path
     * @return true for {@code .jpg}, {@code .png} and the like
     */
    static boolean hasImageExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot >= 0 && IMAGE_EXTENSIONS.contains(s.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes an image file to RGB, 8 bits a channel; grey and alpha images become 3-channel RGB.
     *
     * @param file the image file
     * @return the pixels, EXIF orientation not applied
     * @throws MediaException NOT_FOUND if the file is missing, NOT_MEDIA if OpenCV cannot decode it
     */
    static RgbImage decode(Path file) throws MediaException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MediaException(
                    MediaException.Kind.NOT_FOUND, file.toString(), "no such file", e);
        } catch (IOException e) {
            throw new MediaException(
                    MediaException.Kind.DECODE_FAILED, file.toString(), "cannot read: " + e, e);
        }
        try (BytePointer data = new BytePointer(bytes);
                Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
                Mat bgr =
                        opencv_imgcodecs.imdecode(
                                encoded,
                                opencv_imgcodecs.IMREAD_COLOR
                                        | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION)) {
            if (bgr == null || bgr.empty()) {
                throw new MediaException(
                        MediaException.Kind.NOT_MEDIA,
                        file.toString(),
                        "not an image OpenCV can decode (" + bytes.length + " bytes)");
            }
            try (Mat rgb = new Mat()) {
                opencv_imgproc.cvtColor(bgr, rgb, opencv_imgproc.COLOR_BGR2RGB);
                return OpenCvImages.fromMat(rgb);
            }
        }
    }
}
