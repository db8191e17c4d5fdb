package dev.bitline.gpu.golden;

import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;

/**
 * fp16 / bf16 GEMM with fp32 accumulation, the arithmetic of a tensor-core HGEMM with an
 * fp32 accumulator and of every A16 kernel after dequantization.
 *
 * <p>Each product of two fp16 (11-bit significands) or two bf16 (8-bit) values is exact in
 * fp32 (at most 22 or 16 significant bits; fp16's exponent range always fits, bf16's does
 * unless |a w| leaves fp32's normal range, where the GPU rounds the same way), so an FMA and
 * a multiply-then-add give the same result; the only roundings are the K - 1 fp32 additions.
 * The golden adds in k order. A GPU adds in another order (split-K, warp shuffles), so it
 * cannot match bit for bit; both sums are within {@code gamma(K-1) * S} of the exact value
 * (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., eq. 4.4, for any order),
 * with {@code S = sum |a_k w_k|} and {@code gamma(n) = n u / (1 - n u)}, {@code u = 2^-24}.
 * {@link #orderTolerance} is therefore {@code 2 gamma(K-1) S}: a kernel outside it has a bug,
 * not a different summation order.
 */
public final class FloatGemm {
    static final double U32 = 0x1p-24;
    /** Every fp16 bit pattern's value (decoding through MiniFloat per element dominated large goldens). */
    private static final float[] FP16_VALUES = new float[1 << 16];

    static {
        for (int i = 0; i < FP16_VALUES.length; i++) {
            FP16_VALUES[i] = Fp16.toFloat((short) i);
        }
    }

    private FloatGemm() {}

    /** O = A W^T, products exact, fp32 sums in k order. A and W share one 16-bit float format. */
    public static float[] multiply(Activations a, Activations w) {
        check(a, w);
        int m = a.m();
        int n = w.m();
        int k = a.k();
        float[] av = decode(a);
        float[] wv = decode(w);
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                int ai = i * k;
                int wi = j * k;
                for (int kk = 0; kk < k; kk++) {
                    // the float product is exact (see the class comment), so this is one rounding per add
                    acc += av[ai + kk] * wv[wi + kk];
                }
                out[i * n + j] = acc;
            }
        }
        return out;
    }

    /** S = sum_k |a_k w_k| per output, the scale of every accumulation bound. */
    public static double[] absSums(Activations a, Activations w) {
        check(a, w);
        int m = a.m();
        int n = w.m();
        int k = a.k();
        float[] av = decode(a);
        float[] wv = decode(w);
        double[] s = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double t = 0;
                for (int kk = 0; kk < k; kk++) {
                    t += Math.abs(av[i * k + kk] * wv[j * k + kk]);
                }
                s[i * n + j] = t;
            }
        }
        return s;
    }

    /** Element values as floats (exact: fp16 and bf16 are subsets of fp32). */
    static float[] decode(Activations x) {
        if (x instanceof Activations.Fp16Values h) {
            short[] d = h.data();
            float[] v = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                v[i] = FP16_VALUES[d[i] & 0xFFFF];
            }
            return v;
        }
        float[] v = new float[x.m() * x.k()];
        for (int i = 0; i < x.m(); i++) {
            for (int kk = 0; kk < x.k(); kk++) {
                v[i * x.k() + kk] = (float) x.value(i, kk);
            }
        }
        return v;
    }

    /** gamma(n) = n u / (1 - n u) for fp32 (u = 2^-24). */
    public static double gamma(long n) {
        double nu = n * U32;
        if (nu >= 1) {
            throw new IllegalArgumentException("fp32 accumulation bound undefined for " + n + " terms");
        }
        return nu / (1 - nu);
    }

    /** Largest difference between two fp32 sums of the same k exact terms in any two orders. */
    public static double orderTolerance(int k, double absSum) {
        // 1.01: the double evaluation of S and of the bound itself (a few ulps of 2^-53)
        return 2 * gamma(Math.max(0, k - 1)) * absSum * 1.01;
    }

    /** Tolerances for every output of {@link #multiply}. */
    public static double[] orderTolerances(Activations a, Activations w) {
        double[] s = absSums(a, w);
        for (int i = 0; i < s.length; i++) {
            s[i] = orderTolerance(a.k(), s[i]);
        }
        return s;
    }

    /** Output rounded to fp16 (RNE), the store a half-precision GEMM ends with. */
    public static short[] toFp16(float[] v) {
        short[] h = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            h[i] = Fp16.fromFloat(v[i]);
        }
        return h;
    }

    private static void check(Activations a, Activations w) {
        if (a.k() != w.k()) {
            throw new IllegalArgumentException("K mismatch: A is " + a.m() + "x" + a.k() + ", W " + w.m() + "x" + w.k());
        }
        if (a.format() != w.format() || (a.format() != ActivationFormat.FP16 && a.format() != ActivationFormat.BF16)) {
            throw new IllegalArgumentException("fp32-accumulated GEMM needs A and W both fp16 or both bf16, got "
                    + a.format() + " and " + w.format());
        }
    }
}
