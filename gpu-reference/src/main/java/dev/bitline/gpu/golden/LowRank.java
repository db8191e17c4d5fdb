package dev.bitline.gpu.golden;

import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.Activations;

/**
 * Low-rank GEMM: W[N,K] is replaced by B[N,r] C[r,K], so O = A W^T = (A C^T) B^T.
 *
 * <ul>
 *   <li><b>Two-stage</b>: T = A C^T is a full fp16 GEMM whose result goes to memory as fp16,
 *       then O = T B^T (two library GEMM calls). Each stage accumulates in fp32.</li>
 *   <li><b>Fused streaming</b> (the FlashSVD form): T never leaves the chip. For each output
 *       row the r intermediates stay in fp32 registers / shared memory and are streamed into
 *       the second product as soon as they exist: {@code o = fma(T_j, B[n,j], o)} in rank
 *       order. No fp16 rounding of T, no round trip of M x r values through DRAM.</li>
 * </ul>
 *
 * The integer forms check the algebra exactly: two-stage, fused with any rank block, and the
 * dense product with W = B C agree to the last bit.
 */
public final class LowRank {
    private LowRank() {}

    /** T = A C^T in fp32 (k order), the first stage of both forms. */
    public static float[] project(Activations.Fp16Values a, Activations.Fp16Values c) {
        return FloatGemm.multiply(a, c);
    }

    /** Two-stage: T rounded to fp16, then O = T16 B^T, fp32 accumulation in rank order. */
    public static float[] twoStage(Activations.Fp16Values a, Activations.Fp16Values c, Activations.Fp16Values b) {
        float[] t = project(a, c);
        return FloatGemm.multiply(new Activations.Fp16Values(a.m(), c.m(), FloatGemm.toFp16(t)), b);
    }

    /** Fused: T kept in fp32, O accumulated by fp32 FMAs in rank order. */
    public static float[] fused(Activations.Fp16Values a, Activations.Fp16Values c, Activations.Fp16Values b) {
        float[] t = project(a, c);
        int m = a.m();
        int r = c.m();
        int n = b.m();
        checkRank(r, b.k());
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float o = 0f;
                for (int q = 0; q < r; q++) {
                    o = Math.fma(t[i * r + q], (float) b.value(j, q), o);
                }
                out[i * n + j] = o;
            }
        }
        return out;
    }

    /**
     * Per-output bound on |fused (any summation order) - {@link #fused}|: stage-one order
     * differences (2 gamma(K-1) S1 per intermediate) carried through |B|, plus the second
     * stage's own 2 gamma(r + 1) sum |T_j B_nj| (one rounding per FMA in any order, plus one
     * when the rank is split into slices whose partial sums are added).
     */
    public static double[] fusedTolerance(Activations.Fp16Values a, Activations.Fp16Values c, Activations.Fp16Values b) {
        return tolerance(a, c, b, false);
    }

    /**
     * As {@link #fusedTolerance} for the two-stage form; the fp16 rounding of T can move by
     * the stage-one difference plus one fp16 ulp (2^-10 relative, 2^-24 absolute near zero)
     * when the two fp32 values fall on opposite sides of a rounding boundary.
     */
    public static double[] twoStageTolerance(Activations.Fp16Values a, Activations.Fp16Values c, Activations.Fp16Values b) {
        return tolerance(a, c, b, true);
    }

    private static double[] tolerance(Activations.Fp16Values a, Activations.Fp16Values c, Activations.Fp16Values b,
                                      boolean roundT) {
        float[] t = project(a, c);
        double[] t1 = FloatGemm.orderTolerances(a, c);
        int m = a.m();
        int r = c.m();
        int n = b.m();
        checkRank(r, b.k());
        // fused: a kernel may split the rank into slices and add the partial sums (atomics), at
        // most r + 1 roundings per term; two-stage: an fp32 GEMM of r exact products
        double g2 = roundT ? FloatGemm.gamma(Math.max(0, r - 1)) : FloatGemm.gamma(r + 1);
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double carried = 0;
                double mag = 0;
                for (int q = 0; q < r; q++) {
                    double bv = Math.abs(b.value(j, q));
                    double tv = Math.abs(t[i * r + q]);
                    double e = t1[i * r + q];
                    if (roundT) {
                        tv = Math.abs(Fp16.toDouble(Fp16.fromFloat(t[i * r + q])));
                        e = e + 0x1p-10 * (tv + e) + 0x1p-24;
                    }
                    carried += bv * e;
                    mag += (tv + e) * bv;
                }
                out[i * n + j] = (carried + 2 * g2 * mag) * 1.01;
            }
        }
        return out;
    }

    /** Integer two-stage: T = A C^T, O = T B^T (row-major M x K, r x K, N x r). */
    public static long[] twoStage(long[] a, long[] c, long[] b, int m, int k, int r, int n) {
        long[] t = gemm(a, c, m, k, r);
        return gemm(t, b, m, r, n);
    }

    /**
     * Integer fused streaming: the rank is walked in blocks of {@code rankBlock}; each block's
     * slice of T is formed and immediately folded into O (the FlashSVD loop), nothing of T
     * outlives its block.
     */
    public static long[] fusedStreaming(long[] a, long[] c, long[] b, int m, int k, int r, int n, int rankBlock) {
        if (rankBlock < 1) {
            throw new IllegalArgumentException("rank block must be >= 1, got " + rankBlock);
        }
        long[] out = new long[m * n];
        long[] slice = new long[rankBlock];
        for (int i = 0; i < m; i++) {
            for (int q0 = 0; q0 < r; q0 += rankBlock) {
                int q1 = Math.min(r, q0 + rankBlock);
                for (int q = q0; q < q1; q++) {
                    long s = 0;
                    for (int kk = 0; kk < k; kk++) {
                        s += a[i * k + kk] * c[q * k + kk];
                    }
                    slice[q - q0] = s;
                }
                for (int j = 0; j < n; j++) {
                    long s = 0;
                    for (int q = q0; q < q1; q++) {
                        s += slice[q - q0] * b[j * r + q];
                    }
                    out[i * n + j] += s;
                }
            }
        }
        return out;
    }

    /** Dense W = B C (N x K), for checking the factorization. */
    public static long[] compose(long[] b, long[] c, int n, int r, int k) {
        long[] w = new long[n * k];
        for (int j = 0; j < n; j++) {
            for (int kk = 0; kk < k; kk++) {
                long s = 0;
                for (int q = 0; q < r; q++) {
                    s += b[j * r + q] * c[q * k + kk];
                }
                w[j * k + kk] = s;
            }
        }
        return w;
    }

    /** O = A W^T for integer matrices (A: M x K, W: N x K). */
    public static long[] gemm(long[] a, long[] w, int m, int k, int n) {
        long[] out = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int kk = 0; kk < k; kk++) {
                    s += a[i * k + kk] * w[j * k + kk];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    private static void checkRank(int r, int bk) {
        if (r != bk) {
            throw new IllegalArgumentException("rank mismatch: C has " + r + " rows, B has " + bk + " columns");
        }
    }
}
