package dev.bitline.pim.mac;

import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;

/**
 * Format of a MAC unit's adder tree and result registers. Every add rounds once to this format
 * (round to nearest even). Adds are computed as a double add followed by one rounding: for
 * binary formats of p <= 24 bits that double rounding is innocuous (Figueroa 1995: p' = 53 >=
 * 2p + 2), the argument {@link Bf16#add} makes. INT32 adds exactly and saturates.
 */
public enum AccumulatorFormat {
    FP32(32),
    BF16(16),
    FP16(16),
    INT32(32);

    private final int bits;

    AccumulatorFormat(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    public int bytes() {
        return bits / 8;
    }

    public boolean isInteger() {
        return this == INT32;
    }

    /** {@code x} rounded to this format. */
    public double round(double x) {
        return switch (this) {
            case FP32 -> (float) x;
            case BF16 -> Bf16.toDouble(Bf16.fromDouble(x));
            case FP16 -> Fp16.toDouble(Fp16.fromDouble(x));
            case INT32 -> x >= Integer.MAX_VALUE ? Integer.MAX_VALUE
                    : x <= Integer.MIN_VALUE ? Integer.MIN_VALUE : x;
        };
    }

    /** Unit roundoff (2^-p); 0 for INT32 (exact until it saturates). */
    public double unitRoundoff() {
        return switch (this) {
            case FP32 -> 0x1p-24;
            case BF16 -> 0x1p-8;
            case FP16 -> 0x1p-11;
            case INT32 -> 0;
        };
    }
}
