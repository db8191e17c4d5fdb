package dev.bitline.sim.quant;

import java.util.Locale;

/** Element formats of the activation operand A of O[M,N] = A[M,K] x W[N,K]^T. */
public enum ActivationFormat {
    INT8(8, true), FP16(16, false), BF16(16, false), FP32(32, false);

    private final int bits;
    private final boolean integer;

    ActivationFormat(int bits, boolean integer) {
        this.bits = bits;
        this.integer = integer;
    }

    public int bits() {
        return bits;
    }

    /** Integer activations make the LUT path exact (results equal the reference bit for bit). */
    public boolean isInteger() {
        return integer;
    }

    public static ActivationFormat parse(String s) {
        String t = s.trim().toUpperCase(Locale.ROOT);
        for (ActivationFormat f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown activation format '" + s + "' (expected int8, fp16, bf16, fp32)");
    }
}
