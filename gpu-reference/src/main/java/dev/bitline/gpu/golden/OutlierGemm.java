package dev.bitline.gpu.golden;

import dev.bitline.sim.numeric.IntN;
import dev.bitline.sim.quant.Activations;

/**
 * LLM.int8() (Dettmers et al., 2022) mixed-precision decomposition of O = X W^T with fp16 X
 * and W: the feature columns k where some |X[m,k]| reaches the threshold (6.0 in the paper)
 * are outliers and stay fp16 (fp32 accumulation); every other column goes through int8 with
 * vector-wise absmax scales, one per row of X and one per row of W (output channel):
 * {@code q = rint(127 x / absmax)}, int32 dot products, dequantized by
 * {@code absmax_x absmax_w / 127^2}. The output is the sum of the two parts.
 *
 * <p>When the operands already are int8 levels with absmax 127 in every row, quantization is
 * the identity and the decomposition reproduces the direct product exactly (the property
 * tests use that to check the split loses nothing).
 */
public final class OutlierGemm {
    private OutlierGemm() {}

    /** The parts of one decomposed product, kept for inspection. */
    public record Result(int m, int n, boolean[] outlier, long[] int8Part, float[] outlierPart,
                         double[] rowAbsMax, double[] colAbsMax, double[] out) {
        public int outlierCount() {
            int c = 0;
            for (boolean b : outlier) {
                c += b ? 1 : 0;
            }
            return c;
        }
    }

    public static boolean[] outlierColumns(Activations x, double threshold) {
        boolean[] o = new boolean[x.k()];
        for (int i = 0; i < x.m(); i++) {
            for (int kk = 0; kk < x.k(); kk++) {
                o[kk] |= Math.abs(x.value(i, kk)) >= threshold;
            }
        }
        return o;
    }

    public static Result multiply(Activations x, Activations w, double threshold) {
        IntGemm.checkK(x.k(), w.k());
        int m = x.m();
        int n = w.m();
        int k = x.k();
        boolean[] outl = outlierColumns(x, threshold);
        double[] ax = absMax(x, outl);
        double[] aw = absMax(w, outl);
        byte[] qx = quantize(x, outl, ax);
        byte[] qw = quantize(w, outl, aw);
        long[] ip = new long[m * n];
        float[] op = new float[m * n];
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                float f = 0f;
                for (int kk = 0; kk < k; kk++) {
                    if (outl[kk]) {
                        f += (float) (x.value(i, kk) * w.value(j, kk));
                    } else {
                        s += (long) qx[i * k + kk] * qw[j * k + kk];
                    }
                }
                ip[i * n + j] = s;
                op[i * n + j] = f;
                out[i * n + j] = s * (ax[i] / 127.0) * (aw[j] / 127.0) + f;
            }
        }
        return new Result(m, n, outl, ip, op, ax, aw, out);
    }

    private static double[] absMax(Activations v, boolean[] outl) {
        double[] a = new double[v.m()];
        for (int i = 0; i < v.m(); i++) {
            for (int kk = 0; kk < v.k(); kk++) {
                if (!outl[kk]) {
                    a[i] = Math.max(a[i], Math.abs(v.value(i, kk)));
                }
            }
        }
        return a;
    }

    private static byte[] quantize(Activations v, boolean[] outl, double[] absMax) {
        byte[] q = new byte[v.m() * v.k()];
        for (int i = 0; i < v.m(); i++) {
            for (int kk = 0; kk < v.k(); kk++) {
                if (!outl[kk] && absMax[i] > 0) {
                    q[i * v.k() + kk] = (byte) IntN.roundSaturateSigned(127.0 * v.value(i, kk) / absMax[i], 8);
                }
            }
        }
        return q;
    }
}
