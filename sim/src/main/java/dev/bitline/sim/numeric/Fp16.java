package dev.bitline.sim.numeric;

/**
 * IEEE-754 binary16 values held as {@code short} bit patterns: 1 sign, 5 exponent, 10 fraction
 * bits, bias 15. Conversions round to nearest even. Methods ending in {@code Ftz} model a
 * datapath without denormals (the LUT Tensor Core RTL): subnormal inputs read as zero and
 * subnormal results are flushed to a zero of the same sign after rounding.
 *
 * <p>Java 17 has no {@code Float.float16ToFloat} (that arrived in Java 20), hence this class.
 */
public final class Fp16 {
    public static final int EXP_BITS = 5;
    public static final int MAN_BITS = 10;
    public static final short POSITIVE_ZERO = 0x0000;
    public static final short NEGATIVE_ZERO = (short) 0x8000;
    public static final short ONE = 0x3C00;
    public static final short POSITIVE_INFINITY = 0x7C00;
    public static final short NEGATIVE_INFINITY = (short) 0xFC00;
    public static final short NaN = 0x7E00;
    /** Largest finite value, 65504. */
    public static final short MAX_VALUE = 0x7BFF;
    /** Smallest positive normal value, 2^-14. */
    public static final short MIN_NORMAL = 0x0400;
    /** Smallest positive subnormal value, 2^-24. */
    public static final short MIN_VALUE = 0x0001;

    private Fp16() {}

    public static float toFloat(short h) {
        return (float) MiniFloat.toDouble(h & 0xFFFF, EXP_BITS, MAN_BITS, false);
    }

    public static double toDouble(short h) {
        return MiniFloat.toDouble(h & 0xFFFF, EXP_BITS, MAN_BITS, false);
    }

    /** Value with subnormal inputs read as (signed) zero. */
    public static float toFloatFtz(short h) {
        return (float) MiniFloat.toDouble(h & 0xFFFF, EXP_BITS, MAN_BITS, true);
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
     * a + b rounded once to nearest even. Exact by construction: every finite fp16 value is an
     * integer multiple of 2^-24 below 2^16, so the exact sum is a multiple of 2^-24 below 2^17,
     * which needs at most 41 significant bits and is therefore computed without error in a
     * double (53 bits). The only rounding is the final double-to-fp16 one. Infinities and NaNs
     * follow IEEE (inf + -inf = NaN) because the double add does.
     */
    public static short add(short a, short b) {
        return fromDouble(toDouble(a) + toDouble(b));
    }

    /** {@link #add} on a datapath without denormals: subnormal inputs are zero, results flushed. */
    public static short addFtz(short a, short b) {
        return fromDoubleFtz((double) toFloatFtz(a) + (double) toFloatFtz(b));
    }

    /** a * 2^n rounded to nearest even (exact unless it leaves the normal range). */
    public static short scalb(short a, int n) {
        return fromDouble(Math.scalb(toDouble(a), n));
    }

    /** {@link #scalb} without denormals (the RTL's "entry exponent += b"). */
    public static short scalbFtz(short a, int n) {
        return fromDoubleFtz(Math.scalb((double) toFloatFtz(a), n));
    }

    public static short negate(short a) {
        return (short) (a ^ 0x8000);
    }

    public static boolean isNaN(short h) {
        return (h & 0x7C00) == 0x7C00 && (h & 0x03FF) != 0;
    }

    public static boolean isInfinite(short h) {
        return (h & 0x7FFF) == 0x7C00;
    }

    public static boolean isSubnormal(short h) {
        return (h & 0x7C00) == 0 && (h & 0x03FF) != 0;
    }

    public static String toString(short h) {
        return Float.toString(toFloat(h));
    }
}
