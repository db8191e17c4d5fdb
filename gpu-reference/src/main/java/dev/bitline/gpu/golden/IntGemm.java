package dev.bitline.gpu.golden;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;

/**
 * Integer GEMM on the levels of quantized operands, without scales: the direct form every
 * decomposition (bit planes, ternary, LUT) is checked against. Results are exact in a long.
 */
public final class IntGemm {
    private IntGemm() {}

    /** O[m,n] = sum_k a[m,k] * level(W[n,k]) for int8 activations (ternary GEMV's integer part). */
    public static long[] multiply(Activations.Int8 a, PackedWeights w) {
        checkK(a.k(), w.k());
        int[] lw = w.levels();
        long[] out = new long[a.m() * w.n()];
        for (int i = 0; i < a.m(); i++) {
            for (int j = 0; j < w.n(); j++) {
                long s = 0;
                for (int kk = 0; kk < a.k(); kk++) {
                    s += (long) a.intValue(i, kk) * lw[j * w.k() + kk];
                }
                out[i * w.n() + j] = s;
            }
        }
        return out;
    }

    /**
     * O[m,n] = sum_k level(X[m,k]) * level(W[n,k]) for two bit-plane packed integer matrices
     * (X holds M rows of K, W holds N rows of K; scales and zero points are ignored).
     */
    public static long[] multiply(PackedWeights x, PackedWeights w) {
        checkK(x.k(), w.k());
        int[] lx = x.levels();
        int[] lw = w.levels();
        int k = x.k();
        long[] out = new long[x.n() * w.n()];
        for (int i = 0; i < x.n(); i++) {
            for (int j = 0; j < w.n(); j++) {
                long s = 0;
                for (int kk = 0; kk < k; kk++) {
                    s += (long) lx[i * k + kk] * lw[j * k + kk];
                }
                out[i * w.n() + j] = s;
            }
        }
        return out;
    }

    static void checkK(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("K mismatch: " + a + " vs " + b);
        }
    }
}
