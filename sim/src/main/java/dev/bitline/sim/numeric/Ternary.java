package dev.bitline.sim.numeric;

/**
 * Ternary weights {-1, 0, +1} (BitNet b1.58). The storage code is the 2-bit unsigned
 * {@code t + 1} in {0, 1, 2}: the encoding llama.cpp/T-MAC use for BitNet (an int2 with
 * offset 1), and the one the LUT models split into two bit-planes.
 */
public final class Ternary {
    private Ternary() {}

    public static int encode(int t) {
        if (t < -1 || t > 1) {
            throw new IllegalArgumentException("ternary value must be -1, 0 or +1, got " + t);
        }
        return t + 1;
    }

    public static int decode(int code) {
        if (code < 0 || code > 2) {
            throw new IllegalArgumentException("ternary code must be 0, 1 or 2, got " + code);
        }
        return code - 1;
    }

    /** sign(x) clipped to {-1, 0, +1}: the absmean quantizer of BitNet after scaling. */
    public static int quantize(double x) {
        return (int) Math.max(-1, Math.min(1, Math.rint(x)));
    }
}
