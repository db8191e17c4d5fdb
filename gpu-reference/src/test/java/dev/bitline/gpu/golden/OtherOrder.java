package dev.bitline.gpu.golden;

import dev.bitline.sim.quant.Activations;

/**
 * fp32 GEMM in the order a GPU uses (32 lanes each summing a strided slice, then a shuffle
 * tree), written independently of {@link FloatGemm}: the tolerance claims are tested by
 * comparing the golden with this.
 */
final class OtherOrder {
    private OtherOrder() {}

    static float dot(Activations a, int row, Activations w, int col) {
        float[] lane = new float[32];
        for (int kk = 0; kk < a.k(); kk++) {
            lane[kk % 32] = Math.fma((float) a.value(row, kk), (float) w.value(col, kk), lane[kk % 32]);
        }
        for (int s = 16; s > 0; s >>= 1) {
            for (int l = 0; l < s; l++) {
                lane[l] += lane[l + s];
            }
        }
        return lane[0];
    }

    static float[] gemm(Activations a, Activations w) {
        float[] out = new float[a.m() * w.m()];
        for (int i = 0; i < a.m(); i++) {
            for (int j = 0; j < w.m(); j++) {
                out[i * w.m() + j] = dot(a, i, w, j);
            }
        }
        return out;
    }
}
