package dev.bitline.lut.ppa;

/**
 * A dequantize-then-MAC dot-product array, sized to the LUT array's peak throughput at each weight
 * precision: its multiplier count is m*n*k of the LUT array divided by the weight bits, arranged
 * as dot products of length {@code k} feeding {@code m} rows (A100-like 8x4x16 gives m=8, k=16).
 *
 * @param m rows sharing each dequantized weight
 * @param k dot-product length (adder-tree inputs)
 * @param intAccBits accumulator width for integer activations
 * @param fpAccumulate accumulator precision for floating-point activations
 */
public record MacDesign(int m, int k, int intAccBits, FpAccumulate fpAccumulate) {
    public MacDesign {
        if (m <= 0 || k <= 0) {
            throw new IllegalArgumentException("mac m and k must be positive");
        }
    }
}
