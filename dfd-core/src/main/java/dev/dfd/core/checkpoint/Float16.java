package dev.dfd.core.checkpoint;

/** Conversion of IEEE 754 half-precision bit patterns to float (Java 17 has none built in). */
final class Float16 {
    /** Every half value converted once (256 KiB), indexed by its unsigned bits. */
    private static final float[] TABLE = table();

    private Float16() {}

    /**
     * Converts one binary16 value exactly (every half value is representable as a float).
     *
     * @param bits the 16 bits of the half value in the low bits
     * @return the same number as a float, including infinities, NaN and subnormals
     */
    static float toFloat(short bits) {
        return TABLE[bits & 0xffff];
    }

    private static float[] table() {
        float[] t = new float[1 << 16];
        for (int h = 0; h < t.length; h++) {
            t[h] = convert(h);
        }
        return t;
    }

    private static float convert(int h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
