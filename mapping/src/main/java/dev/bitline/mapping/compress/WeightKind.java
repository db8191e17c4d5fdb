package dev.bitline.mapping.compress;

/**
 * Element formats of stored weights. Integer kinds take 1..8 bits (any width, 3, 5, 6, 7
 * included); the float kinds have fixed widths. Bipolar-INT is the LUT Tensor Core's symmetric
 * form ({@link dev.bitline.sim.quant.WeightFormat.Bipolar}).
 */
public enum WeightKind {
    INT(0, true), UINT(0, true), BIPOLAR(0, true), TERNARY(2, false),
    FP8_E4M3(8, false), FP8_E5M2(8, false), FP4_E2M1(4, false), FP16(16, false), BF16(16, false);

    private final int fixedBits;
    private final boolean variable;

    WeightKind(int fixedBits, boolean variable) {
        this.fixedBits = fixedBits;
        this.variable = variable;
    }

    /** Whether the width comes from {@code bits:} (integer kinds) or is fixed by the format. */
    public boolean variableWidth() {
        return variable;
    }

    /** Storage bits of one element for fixed-width kinds (ternary: 2, packed as two bit-planes). */
    public int fixedBits() {
        return fixedBits;
    }

    /** Full-precision kinds carry no group scales. */
    public boolean unscaled() {
        return this == FP16 || this == BF16;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
