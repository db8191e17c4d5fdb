package dev.bitline.gpu.golden;

import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;

/**
 * Dequantize-then-GEMM, the W{1..8}A16 path: every weight becomes the fp16 value nearest
 * (RNE) to {@code scale * (level - zero)}, then {@link FloatGemm} runs on fp16 operands.
 *
 * <p>Why the dequantized weight is bit-exact on a GPU: the scale is an fp16 value (11
 * significant bits, as GPTQ/AWQ checkpoints store it; checked here) and {@code level - zero}
 * is a multiple of 1/2 below 2^9 in magnitude (at most 10 bits), so the fp32 product a kernel
 * forms is exact and its {@code __float2half_rn} is the same single rounding this class makes
 * from the exact double. Any width 1..8 (W3, W5, W6 included) takes the same path.
 */
public final class Dequantize {
    private Dequantize() {}

    /** W[N,K] as fp16 bit patterns. */
    public static short[] toFp16(PackedWeights w) {
        for (float s : w.scales()) {
            if (Fp16.toFloat(Fp16.fromFloat(s)) != s) {
                throw new IllegalArgumentException("group scale " + s + " is not an fp16 value (A16 kernels store fp16 scales)");
            }
        }
        short[] out = new short[w.n() * w.k()];
        for (int row = 0; row < w.n(); row++) {
            for (int col = 0; col < w.k(); col++) {
                out[row * w.k() + col] = Fp16.fromDouble(w.dequantized(row, col));
            }
        }
        return out;
    }

    public static Activations.Fp16Values dense(PackedWeights w) {
        return new Activations.Fp16Values(w.n(), w.k(), toFp16(w));
    }

    /** O = A W^T with A fp16 and W dequantized to fp16; fp32 accumulation in k order. */
    public static float[] gemm(Activations.Fp16Values a, PackedWeights w) {
        return FloatGemm.multiply(a, dense(w));
    }
}
