package dev.bitline.lut.functional;

/**
 * Which bit of a g-bit table index selects the sign in a symmetrized table. Both conventions
 * exist: the LUT Tensor Core paper's equations use the top bit, the authors' RTL bit 0.
 * Numerically they are identical (negation is exact); they differ in which entries are stored.
 */
public enum SignBit {
    /** Bit g-1 picks the sign, bits 0..g-2 the stored entry (paper's equations). */
    TOP,
    /** Bit 0 picks the sign, bits 1..g-1 the stored entry (authors' public RTL). */
    BIT0;

    public int position(int g) {
        return this == TOP ? g - 1 : 0;
    }
}
