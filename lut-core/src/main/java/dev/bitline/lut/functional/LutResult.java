package dev.bitline.lut.functional;

/**
 * Output of a LUT mpGEMM: O[M,N] row-major as doubles (every format's result is carried in
 * double so that rounding to an output format is a separate, explicit step), and the counts.
 */
public record LutResult(int m, int n, double[] out, LutCounts counts) {
    public double get(int row, int col) {
        return out[row * n + col];
    }
}
