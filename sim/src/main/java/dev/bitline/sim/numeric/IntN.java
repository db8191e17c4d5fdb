package dev.bitline.sim.numeric;

/**
 * Two's-complement and unsigned N-bit integer helpers (N = 1..32) with saturation, and the
 * round-to-nearest-even quantizer used for int8 tables and activations.
 */
public final class IntN {
    private IntN() {}

    public static int minSigned(int bits) {
        checkBits(bits);
        return bits == 32 ? Integer.MIN_VALUE : -(1 << (bits - 1));
    }

    public static int maxSigned(int bits) {
        checkBits(bits);
        return bits == 32 ? Integer.MAX_VALUE : (1 << (bits - 1)) - 1;
    }

    /** Largest unsigned value, as a long since uint32 does not fit an int. */
    public static long maxUnsigned(int bits) {
        checkBits(bits);
        return (1L << bits) - 1;
    }

    public static int saturateSigned(long v, int bits) {
        long lo = minSigned(bits);
        long hi = maxSigned(bits);
        return (int) (v < lo ? lo : Math.min(v, hi));
    }

    public static long saturateUnsigned(long v, int bits) {
        long hi = maxUnsigned(bits);
        return v < 0 ? 0 : Math.min(v, hi);
    }

    public static byte saturateInt8(long v) {
        return (byte) (v < -128 ? -128 : Math.min(v, 127));
    }

    public static short saturateInt16(long v) {
        return (short) (v < Short.MIN_VALUE ? Short.MIN_VALUE : Math.min(v, Short.MAX_VALUE));
    }

    /** Saturating signed add in N bits. */
    public static int addSaturating(int a, int b, int bits) {
        return saturateSigned((long) a + b, bits);
    }

    /** Does {@code v} fit in a signed N-bit integer? */
    public static boolean fitsSigned(long v, int bits) {
        return v >= minSigned(bits) && v <= maxSigned(bits);
    }

    /** Sign-extend the low N bits of {@code raw}. */
    public static int signExtend(int raw, int bits) {
        checkBits(bits);
        int s = 32 - bits;
        return (raw << s) >> s;
    }

    /**
     * Round-half-to-even of {@code x} to a long ({@link Math#rint} semantics), then saturate
     * to signed N bits. NaN maps to 0.
     */
    public static int roundSaturateSigned(double x, int bits) {
        if (Double.isNaN(x)) {
            return 0;
        }
        double r = Math.rint(x);
        if (r <= minSigned(bits)) {
            return minSigned(bits);
        }
        if (r >= maxSigned(bits)) {
            return maxSigned(bits);
        }
        return (int) r;
    }

    private static void checkBits(int bits) {
        if (bits < 1 || bits > 32) {
            throw new IllegalArgumentException("bit width must be 1..32, got " + bits);
        }
    }
}
