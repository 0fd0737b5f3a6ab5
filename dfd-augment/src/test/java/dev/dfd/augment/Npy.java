package dev.dfd.augment;

import dev.dfd.core.image.RgbImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal reader of numpy {@code .npy} files (C order, little-endian uint8, float32, float64),
 * for comparing against the Albumentations references.
 *
 * @param dtype numpy's type string, e.g. {@code |u1}, {@code <f4}, {@code <f8}
 * @param shape the array's shape
 * @param data the raw little-endian bytes
 */
record Npy(String dtype, int[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 10 || all[0] != (byte) 0x93 || all[1] != 'N') {
            throw new IOException(file + ": not a .npy file");
        }
        int major = all[6];
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xFFFF;
            start = 10;
        } else {
            headerLen = b.getInt(8);
            start = 12;
        }
        String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
        if (header.contains("'fortran_order': True")) {
            throw new IOException(file + ": Fortran order is not supported");
        }
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(file + ": cannot parse header " + header);
        }
        int[] shape =
                Arrays.stream(s.group(1).split(","))
                        .map(String::trim)
                        .filter(x -> !x.isEmpty())
                        .mapToInt(Integer::parseInt)
                        .toArray();
        ByteBuffer data =
                ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen)
                        .slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
        return new Npy(d.group(1), shape, data);
    }

    int count() {
        return Arrays.stream(shape).reduce(1, (a, x) -> a * x);
    }

    byte[] bytes() {
        byte[] out = new byte[count()];
        data.duplicate().get(out);
        return out;
    }

    RgbImage image() {
        if (!dtype.equals("|u1") || shape.length != 3 || shape[2] != 3) {
            throw new IllegalStateException(
                    "not an RGB uint8 image: " + dtype + " " + Arrays.toString(shape));
        }
        return RgbImage.wrap(shape[1], shape[0], bytes());
    }

    float[] floats() {
        float[] out = new float[count()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    double[] doubles() {
        double[] out = new double[count()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
