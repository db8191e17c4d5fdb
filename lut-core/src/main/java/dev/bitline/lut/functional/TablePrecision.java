package dev.bitline.lut.functional;

/** Number format of the stored table entries. */
public enum TablePrecision {
    /**
     * Exact: integer sums for int8 activations (the LUT path equals the reference bit for
     * bit); double sums for float activations.
     */
    EXACT,
    /** Entries rounded (RNE) to binary32. */
    FP32,
    /** Entries rounded (RNE) to binary16 with subnormals, as an FP16 table SRAM holds them. */
    FP16,
    /**
     * Entries quantized to int8 with one scale per table (T-MAC): scale = max|entry| / 127,
     * entry = round-half-even(entry / scale), saturated to [-127, 127] so that the sign
     * recovery of a symmetrized table (negation) stays exact.
     */
    INT8
}
