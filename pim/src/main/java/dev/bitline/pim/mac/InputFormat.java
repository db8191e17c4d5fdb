package dev.bitline.pim.mac;

import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.numeric.IntN;

/**
 * Operand formats a PIM MAC unit reads from its bank: the weight stored in DRAM and the input
 * broadcast from the global buffer share it. Values are held as doubles that are exactly
 * representable in the format (every bf16, fp16, int16, int8 and int4 value is a double), so
 * "quantize once, then compute" needs no bit-pattern plumbing in the hot loop.
 */
public enum InputFormat {
    BF16(16, false),
    FP16(16, false),
    INT8(8, true),
    /** 16-bit signed integers: products of up to 2^30 are exact in the INT32 accumulator, sums saturate. */
    INT16(16, true),
    INT4(4, true);

    private final int bits;
    private final boolean integer;

    InputFormat(int bits, boolean integer) {
        this.bits = bits;
        this.integer = integer;
    }

    public int bits() {
        return bits;
    }

    public boolean isInteger() {
        return integer;
    }

    /** Elements of this format in one column access of {@code columnBytes}. */
    public int elementsPer(int columnBytes) {
        return columnBytes * 8 / bits;
    }

    /**
     * The nearest value of the format (round to nearest even; integers saturate). For the
     * integer formats {@code x} is already in integer units (the caller owns the scale).
     */
    public double quantize(double x) {
        return switch (this) {
            case BF16 -> Bf16.toDouble(Bf16.fromDouble(x));
            case FP16 -> Fp16.toDouble(Fp16.fromDouble(x));
            case INT8, INT16, INT4 -> IntN.roundSaturateSigned(x, bits);
        };
    }

    /** Unit roundoff of the format (2^-p); 0 for integers, which multiply exactly. */
    public double unitRoundoff() {
        return switch (this) {
            case BF16 -> 0x1p-8;
            case FP16 -> 0x1p-11;
            case INT8, INT16, INT4 -> 0;
        };
    }

    public static InputFormat parse(String s) {
        for (InputFormat f : values()) {
            if (f.name().equalsIgnoreCase(s)) return f;
        }
        throw new IllegalArgumentException("unknown input precision '" + s + "' (expected bf16, fp16, int8, int16 or int4)");
    }
}
