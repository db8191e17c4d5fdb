package dev.bitline.lut.ppa;

/**
 * Activation format as far as the PPA model cares: the width and kind of the arithmetic it needs.
 * BF16 is costed like FP16 (same 16-bit adder/multiplier rows; the Horowitz table has no bf16 row).
 */
public enum ActKind {
    INT8(8, false),
    FP16(16, true),
    BF16(16, true);

    private final int bits;
    private final boolean floating;

    ActKind(int bits, boolean floating) {
        this.bits = bits;
        this.floating = floating;
    }

    public int bits() {
        return bits;
    }

    public boolean floating() {
        return floating;
    }

    /** Parses "int8", "a8", "fp16", "a16", "bf16". */
    public static ActKind parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "int8", "a8" -> INT8;
            case "fp16", "a16" -> FP16;
            case "bf16" -> BF16;
            default -> throw new IllegalArgumentException(
                    "unknown activation format '" + s + "' (expected int8, fp16 or bf16)");
        };
    }
}
