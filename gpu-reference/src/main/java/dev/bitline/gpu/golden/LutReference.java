package dev.bitline.gpu.golden;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;

/**
 * LUT mpGEMM golden: lut-core's bit-exact functional model ({@link LutGemm}, LUT Tensor Core
 * configuration: g = 4, symmetrized tables), output rounded once to fp32.
 *
 * <p>What a GPU kernel must do to match bit for bit, and why it can: with int8 activations
 * the per-group sum {@code J2 = 2 sum_k a_k (level_k - z)} is an integer however the tables
 * are built or the lookups ordered; the model then adds {@code (s / 2) * J2} over groups in
 * group order in double. A kernel that forms J2 exactly (int32 suffices: |J2| <= 2 * 128 *
 * 255.5 * group) and does the same double epilogue in group order produces the same double,
 * hence the same fp32.
 */
public final class LutReference {
    private LutReference() {}

    public static double[] multiply(Activations.Int8 a, PackedWeights w) {
        return LutGemm.multiply(a, w, LutConfig.DEFAULT).out();
    }

    public static float[] multiplyFp32(Activations.Int8 a, PackedWeights w) {
        double[] d = multiply(a, w);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
