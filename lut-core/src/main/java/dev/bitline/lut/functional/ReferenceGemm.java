package dev.bitline.lut.functional;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;

/**
 * Dequantize-then-GEMM reference for O[M,N] = A[M,K] x W[N,K]^T. Written independently of the
 * LUT path (no tables, no planes, no reinterpretation): it unpacks each weight's level, forms
 * X = sum_k a_k (level_k - z) per group and accumulates s * X over groups in order.
 *
 * <p>Integer activations: X is computed exactly (as 2X in a long, since z may be a half
 * integer), so the only roundings are the product s * X and the group sum, the same ones the
 * LUT path makes. Float activations: X is a left-to-right double sum of exact products.
 */
public final class ReferenceGemm {
    private ReferenceGemm() {}

    public static double[] multiply(Activations a, PackedWeights w) {
        if (a.k() != w.k()) {
            throw new IllegalArgumentException("K mismatch: " + a.k() + " vs " + w.k());
        }
        int m = a.m();
        int n = w.n();
        int k = a.k();
        int gs = w.groupSize();
        boolean integer = a.format().isInteger();
        double[] out = new double[m * n];
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < n; col++) {
                double o = 0.0;
                for (int gi = 0; gi < w.groups(); gi++) {
                    int end = Math.min(k, (gi + 1) * gs);
                    int twiceZ = w.twiceZero(col, gi);
                    double x;
                    if (integer) {
                        long x2 = 0;
                        for (int kk = gi * gs; kk < end; kk++) {
                            x2 += (long) a.value(row, kk) * (2L * w.level(col, kk) - twiceZ);
                        }
                        x = x2 / 2.0;
                    } else {
                        x = 0.0;
                        double z = twiceZ / 2.0;
                        for (int kk = gi * gs; kk < end; kk++) {
                            x += a.value(row, kk) * (w.level(col, kk) - z);
                        }
                    }
                    o += (double) w.scale(col, gi) * x;
                }
                out[row * n + col] = o;
            }
        }
        return out;
    }
}
