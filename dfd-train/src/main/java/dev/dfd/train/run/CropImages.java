package dev.dfd.train.run;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.dfd.core.classify.NetworkClassifier;
import dev.dfd.core.image.OpenCvImages;
import dev.dfd.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Reading, resizing and normalising crops for the network. Stateless and thread-safe. */
final class CropImages {
    private CropImages() {}

    static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": crop file missing");
        }
        try (Mat bgr = imread(file.toString(), IMREAD_COLOR)) {
            if (bgr.empty()) {
                throw new IOException(file + ": not a readable image");
            }
            cvtColor(bgr, bgr, COLOR_BGR2RGB);
            return OpenCvImages.fromMat(bgr);
        }
    }

    static RgbImage resizeTo(RgbImage img, int size) {
        if (img.width() == size && img.height() == size) {
            return img;
        }
        try (Mat in = OpenCvImages.toMat(img);
                Mat out = new Mat()) {
            boolean shrink = img.width() > size || img.height() > size;
            resize(in, out, new Size(size, size), 0, 0, shrink ? INTER_AREA : INTER_LINEAR);
            return OpenCvImages.fromMat(out);
        }
    }

    /** Writes the crop as channels-first ImageNet-normalised floats at {@code offset}. */
    static void normalise(RgbImage img, float[] out, int offset) {
        int plane = img.width() * img.height();
        byte[] px = img.buffer();
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * NetworkClassifier.IMAGENET_STD[c]);
            float shift = -NetworkClassifier.IMAGENET_MEAN[c] / NetworkClassifier.IMAGENET_STD[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (px[i * 3 + c] & 0xFF) * scale + shift;
            }
        }
    }
}
