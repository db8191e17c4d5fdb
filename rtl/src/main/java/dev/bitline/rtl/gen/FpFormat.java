package dev.bitline.rtl.gen;

/**
 * An IEEE-754 binary format by its field widths: 1 sign bit, {@code exp} exponent bits,
 * {@code man} fraction bits, bias 2^(exp-1) - 1.
 */
public record FpFormat(String name, int exp, int man) {
    public static final FpFormat BF16 = new FpFormat("bf16", 8, 7);
    public static final FpFormat FP16 = new FpFormat("fp16", 5, 10);
    public static final FpFormat FP32 = new FpFormat("fp32", 8, 23);

    public FpFormat {
        if (exp < 2 || exp > 11 || man < 1 || man > 52) {
            throw new IllegalArgumentException("float format e" + exp + "m" + man);
        }
    }

    public int width() {
        return 1 + exp + man;
    }

    public int bias() {
        return (1 << (exp - 1)) - 1;
    }

    /** The all-ones exponent field (infinities and NaNs). */
    public int maxExpField() {
        return (1 << exp) - 1;
    }

    /** The quiet NaN every unit returns for any NaN result: sign 0, quiet bit set, rest 0. */
    public long canonicalNaN() {
        return ((long) maxExpField() << man) | (1L << (man - 1));
    }
}
