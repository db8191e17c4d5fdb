package dev.bitline.sim.numeric;

/**
 * bfloat16 values held as {@code short} bit patterns: the top 16 bits of an IEEE binary32
 * (1 sign, 8 exponent, 7 fraction bits, bias 127). Decoding is exact ({@code bits << 16});
 * encoding rounds to nearest even, keeps subnormals, overflows to infinity and keeps NaNs
 * quiet. The {@code Ftz} variants model datapaths without denormals.
 */
public final class Bf16 {
    public static final int EXP_BITS = 8;
    public static final int MAN_BITS = 7;
    public static final short POSITIVE_ZERO = 0x0000;
    public static final short NEGATIVE_ZERO = (short) 0x8000;
    public static final short ONE = 0x3F80;
    public static final short POSITIVE_INFINITY = 0x7F80;
    public static final short NEGATIVE_INFINITY = (short) 0xFF80;
    public static final short NaN = 0x7FC0;
    public static final short MAX_VALUE = 0x7F7F;
    public static final short MIN_NORMAL = 0x0080;
    public static final short MIN_VALUE = 0x0001;

    private Bf16() {}

    public static float toFloat(short h) {
        return Float.intBitsToFloat((h & 0xFFFF) << 16);
    }

    public static double toDouble(short h) {
        return toFloat(h);
    }

    public static float toFloatFtz(short h) {
        return isSubnormal(h) ? ((h & 0x8000) != 0 ? -0.0f : 0.0f) : toFloat(h);
    }

    public static short fromFloat(float f) {
        return (short) MiniFloat.fromDouble(f, EXP_BITS, MAN_BITS, false);
    }

    public static short fromDouble(double d) {
        return (short) MiniFloat.fromDouble(d, EXP_BITS, MAN_BITS, false);
    }

    public static short fromFloatFtz(float f) {
        return (short) MiniFloat.fromDouble(f, EXP_BITS, MAN_BITS, true);
    }

    public static short fromDoubleFtz(double d) {
        return (short) MiniFloat.fromDouble(d, EXP_BITS, MAN_BITS, true);
    }

    /**
     * a + b rounded once to nearest even. Computed as a double add followed by rounding to
     * bf16. That is a double rounding, and it is innocuous: for addition, rounding first to a
     * binary format with p' >= 2p + 2 significand bits and then to p bits gives the correctly
     * rounded p-bit result (Figueroa, "When is double rounding innocuous?", 1995); here
     * p = 8, p' = 53, and the double exponent range covers every bf16 sum, so the double add
     * never overflows or goes subnormal. Checked against an exact BigDecimal reference in the
     * tests (all patterns against a set of partners, plus random pairs).
     */
    public static short add(short a, short b) {
        return fromDouble(toDouble(a) + toDouble(b));
    }

    public static short addFtz(short a, short b) {
        return fromDoubleFtz((double) toFloatFtz(a) + (double) toFloatFtz(b));
    }

    public static short negate(short a) {
        return (short) (a ^ 0x8000);
    }

    public static boolean isNaN(short h) {
        return (h & 0x7F80) == 0x7F80 && (h & 0x007F) != 0;
    }

    public static boolean isInfinite(short h) {
        return (h & 0x7FFF) == 0x7F80;
    }

    public static boolean isSubnormal(short h) {
        return (h & 0x7F80) == 0 && (h & 0x007F) != 0;
    }

    public static String toString(short h) {
        return Float.toString(toFloat(h));
    }
}
