package dev.bitline.sim.numeric;

/**
 * Rounding of a {@code double} into a small IEEE-754 binary format (fp16, bf16) and the
 * inverse decoding. One routine serves both formats so that every module gets the same
 * rounding: round-to-nearest-even, overflow to infinity, gradual underflow into subnormals,
 * NaN kept as a quiet NaN of the same sign.
 *
 * <p>Rounding works on the exact binary expansion of the double (its 53-bit significand),
 * so a float argument ({@code (double) f} is exact) is rounded once, never twice.
 */
final class MiniFloat {
    private MiniFloat() {}

    /**
     * Bit pattern (low {@code 1 + expBits + manBits} bits) of {@code d} rounded to nearest even.
     *
     * @param ftz flush results whose rounded exponent field is 0 (subnormals) to signed zero,
     *            the behaviour of datapaths without denormal support ("flush after rounding")
     */
    static int fromDouble(double d, int expBits, int manBits, boolean ftz) {
        long bits = Double.doubleToRawLongBits(d);
        int sign = (int) (bits >>> 63) << (expBits + manBits);
        int maxExpField = (1 << expBits) - 1;
        int infBits = maxExpField << manBits;
        if (Double.isNaN(d)) {
            // keep the top payload bits, force the quiet bit so the result stays a NaN
            int payload = (int) ((bits & 0x000F_FFFF_FFFF_FFFFL) >>> (52 - manBits));
            return sign | infBits | payload | (1 << (manBits - 1));
        }
        if (Double.isInfinite(d)) {
            return sign | infBits;
        }
        if (d == 0.0) {
            return sign;
        }
        int bias = (1 << (expBits - 1)) - 1;
        int rawExp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & 0x000F_FFFF_FFFF_FFFFL;
        int e; // unbiased exponent of the leading significand bit position 52
        if (rawExp == 0) {
            e = -1022; // double subnormal: no hidden bit
        } else {
            e = rawExp - 1023;
            mant |= 1L << 52;
        }
        int targetExp = e + bias; // biased exponent the result would have if normal
        int shift = 52 - manBits;
        if (targetExp < 1) {
            shift += 1 - targetExp; // subnormal: fixed grid of the smallest exponent
        }
        long q;
        if (shift >= 64) {
            q = 0; // below a quarter of the smallest subnormal
        } else {
            q = mant >>> shift;
            long rem = mant & ((1L << shift) - 1);
            long half = 1L << (shift - 1);
            if (rem > half || (rem == half && (q & 1) == 1)) {
                q++;
            }
        }
        int result;
        if (targetExp < 1) {
            // q counts units of the smallest subnormal; q == 2^manBits carries into the
            // smallest normal, which the plain integer is already the encoding of.
            result = (int) q;
        } else {
            // q carries the hidden bit at position manBits; adding lets a mantissa carry
            // bump the exponent naturally.
            long r = ((long) (targetExp - 1) << manBits) + q;
            result = r >= infBits ? infBits : (int) r;
        }
        if (ftz && (result >>> manBits) == 0) {
            result = 0;
        }
        return sign | result;
    }

    /** Exact value of a bit pattern as a double (every fp16/bf16 value is a double). */
    static double toDouble(int h, int expBits, int manBits, boolean ftz) {
        int sign = (h >>> (expBits + manBits)) & 1;
        int expField = (h >>> manBits) & ((1 << expBits) - 1);
        int man = h & ((1 << manBits) - 1);
        int bias = (1 << (expBits - 1)) - 1;
        double v;
        if (expField == (1 << expBits) - 1) {
            v = man == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (expField == 0) {
            v = ftz ? 0.0 : Math.scalb((double) man, 1 - bias - manBits);
        } else {
            v = Math.scalb((double) (man | (1 << manBits)), expField - bias - manBits);
        }
        return sign == 1 ? -v : v;
    }
}
