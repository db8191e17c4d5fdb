package dev.bitline.sim.numeric;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Independent reference for a small binary floating-point format, straight from the IEEE-754
 * definition with exact BigDecimal arithmetic: value of a pattern, and round-to-nearest-even
 * by search over the sorted list of all representable values.
 */
final class IeeeReference {
    final int expBits;
    final int manBits;
    final int bias;
    /** All finite non-negative values in code order (which is value order), then 2^(emax+1) standing for infinity. */
    private final BigDecimal[] ladder;

    IeeeReference(int expBits, int manBits) {
        this.expBits = expBits;
        this.manBits = manBits;
        this.bias = (1 << (expBits - 1)) - 1;
        int infCode = ((1 << expBits) - 1) << manBits;
        ladder = new BigDecimal[infCode + 1];
        for (int code = 0; code < infCode; code++) {
            ladder[code] = value(code);
        }
        // the value infinity rounds from: one ulp above the largest finite, as if the exponent went on
        ladder[infCode] = BigDecimal.valueOf(2).pow(1 << (expBits - 1));
    }

    /** Exact value of a finite non-negative code (sign bit clear), from the IEEE definition. */
    BigDecimal value(int code) {
        int e = (code >>> manBits) & ((1 << expBits) - 1);
        int m = code & ((1 << manBits) - 1);
        BigDecimal significand;
        int exp;
        if (e == 0) {
            significand = BigDecimal.valueOf(m);
            exp = 1 - bias - manBits;
        } else {
            significand = BigDecimal.valueOf((1L << manBits) + m);
            exp = e - bias - manBits;
        }
        return exp >= 0 ? significand.multiply(BigDecimal.valueOf(2).pow(exp))
                : significand.divide(BigDecimal.valueOf(2).pow(-exp));
    }

    boolean isFinite(int bits) {
        return ((bits >>> manBits) & ((1 << expBits) - 1)) != (1 << expBits) - 1;
    }

    /** Signed exact value of a finite pattern. */
    BigDecimal signedValue(int bits) {
        BigDecimal v = ladder[bits & ((1 << (expBits + manBits)) - 1)];
        return ((bits >>> (expBits + manBits)) & 1) != 0 ? v.negate() : v;
    }

    /** Round-to-nearest-even of an exact value; {@code negative} gives the sign (and of zero). */
    int round(BigDecimal x, boolean negative, boolean ftz) {
        BigDecimal ax = x.abs();
        int sign = negative ? 1 << (expBits + manBits) : 0;
        int pos = Arrays.binarySearch(ladder, ax, BigDecimal::compareTo);
        int code;
        if (pos >= 0) {
            code = pos;
        } else {
            int hi = -pos - 1;
            if (hi >= ladder.length) {
                code = ladder.length - 1;
            } else {
                int lo = hi - 1;
                int c = ax.subtract(ladder[lo]).compareTo(ladder[hi].subtract(ax));
                code = c < 0 ? lo : c > 0 ? hi : ((lo & 1) == 0 ? lo : hi);
            }
        }
        int r = sign | code;
        return ftz ? flush(r) : r;
    }

    /** Flush-to-zero of a rounded pattern: a subnormal becomes a zero of the same sign. */
    int flush(int bits) {
        int signMask = 1 << (expBits + manBits);
        return ((bits >>> manBits) & ((1 << expBits) - 1)) == 0 ? bits & signMask : bits;
    }
}
