package dev.bitline.gpu.op;

import dev.bitline.gpu.golden.Dequantize;
import dev.bitline.gpu.golden.FloatGemm;
import dev.bitline.gpu.golden.IntGemm;
import dev.bitline.gpu.golden.LowRank;
import dev.bitline.gpu.golden.LutReference;
import dev.bitline.gpu.npy.NpyArray;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates an op's inputs (seeded), computes its golden output with the Java reference and
 * says how a kernel's output is judged. Bytes and operations are the op's minimum DRAM traffic
 * (every operand read once, the output written once) and 2 M N K (a multiply-add counts 2):
 * the figures effective bandwidth and the roofline use.
 */
public final class GpuOps {
    private GpuOps() {}

    /**
     * Inputs by file stem ({@code a} becomes {@code a.npy}), the expectation, and the op's work.
     *
     * @param precision roofline precision of the arithmetic: fp16, int8 or int1
     */
    public record Prepared(OpSpec spec, Map<String, NpyArray> inputs, Expected expected, long bytes, double ops,
                           String precision) {}

    static final String FP32_ORDER = "fp32 sums of exact products in another order: |err| <= 2 gamma(K-1) sum|a w|";
    static final String TENSOR_CORE = "tensor-core fp32 accumulation (may truncate, Fasi et al. 2021): "
            + "2x the fp32 order bound, 4 gamma(K-1) sum|a w|";

    public static Prepared prepare(OpSpec s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = s.m();
        int n = s.n();
        int k = s.k();
        long mn = (long) m * n;
        double ops = 2.0 * m * n * k;
        Map<String, NpyArray> in = new LinkedHashMap<>();
        switch (s.kind()) {
            case FP16_GEMV:
            case FP16_GEMM:
            case CUBLAS_GEMM: {
                Activations.Fp16Values a = fp16(m, k, rnd);
                Activations.Fp16Values w = fp16(n, k, rnd);
                in.put("a", NpyArray.ofFloat16(a.data(), m, k));
                in.put("w", NpyArray.ofFloat16(w.data(), n, k));
                double[] tol = FloatGemm.orderTolerances(a, w);
                boolean tc = s.kind() != OpKind.FP16_GEMV;
                if (tc) {
                    for (int i = 0; i < tol.length; i++) {
                        tol[i] *= 2;
                    }
                }
                Expected e = new Expected.Within(NpyArray.ofFloat32(FloatGemm.multiply(a, w), m, n), tol,
                        tc ? TENSOR_CORE : FP32_ORDER);
                return new Prepared(s, in, e, 2L * m * k + 2L * n * k + 4 * mn, ops, "fp16");
            }
            case DEQUANT_GEMV: {
                Activations.Fp16Values a = fp16(m, k, rnd);
                PackedWeights w = PackedWeights.random(new WeightFormat.UInt(s.bits()), n, k, s.group(), rnd);
                in.put("a", NpyArray.ofFloat16(a.data(), m, k));
                in.put("codes", Layouts.codeStream(w));
                in.put("scales", Layouts.scalesFp16(w));
                in.put("zeros", Layouts.zerosFp16(w));
                Activations.Fp16Values dense = Dequantize.dense(w);
                Expected e = new Expected.Within(NpyArray.ofFloat32(FloatGemm.multiply(a, dense), m, n),
                        FloatGemm.orderTolerances(a, dense), "weights dequantized bit-exactly to fp16 (RNE); " + FP32_ORDER);
                long bytes = 2L * m * k + (long) n * k * s.bits() / 8 + 4L * n * w.groups() + 4 * mn;
                return new Prepared(s, in, e, bytes, ops, "fp16");
            }
            case LUT_GEMV: {
                Activations.Int8 a = (Activations.Int8) Activations.random(ActivationFormat.INT8, m, k, rnd);
                PackedWeights w = PackedWeights.random(new WeightFormat.UInt(s.bits()), n, k, s.group(), rnd);
                in.put("a", NpyArray.ofInt8(a.data(), m, k));
                in.put("planes", Layouts.planeWords(w));
                in.put("scales", Layouts.scalesFp16(w));
                in.put("zeros", Layouts.zerosFp16(w));
                Expected e = new Expected.Exact(NpyArray.ofFloat32(LutReference.multiplyFp32(a, w), m, n));
                long bytes = (long) m * k + (long) n * k * s.bits() / 8 + 4L * n * w.groups() + 4 * mn;
                return new Prepared(s, in, e, bytes, ops, "int8");
            }
            case TERNARY_GEMV: {
                Activations.Int8 a = (Activations.Int8) Activations.random(ActivationFormat.INT8, m, k, rnd);
                PackedWeights w = PackedWeights.random(new WeightFormat.Ternary(), n, k, k, rnd);
                in.put("a", NpyArray.ofInt8(a.data(), m, k));
                in.put("codes", Layouts.codeStream(w));
                Expected e = new Expected.Exact(NpyArray.ofInt32(toInt(IntGemm.multiply(a, w)), m, n));
                return new Prepared(s, in, e, (long) m * k + (long) n * k / 4 + 4 * mn, ops, "int8");
            }
            case BIPOLAR_GEMM: {
                PackedWeights x = PackedWeights.random(new WeightFormat.Bipolar(s.abits()), m, k, k, rnd);
                PackedWeights w = PackedWeights.random(new WeightFormat.Bipolar(s.bits()), n, k, k, rnd);
                in.put("x", Layouts.planeWords(x));
                in.put("w", Layouts.planeWords(w));
                Expected e = new Expected.Exact(NpyArray.ofInt32(toInt(IntGemm.multiply(x, w)), m, n));
                long bytes = ((long) s.abits() * m * k + (long) s.bits() * n * k) / 8 + 4 * mn;
                return new Prepared(s, in, e, bytes, ops, "int1");
            }
            case LOWRANK_TWO_STAGE:
            case LOWRANK_FUSED: {
                int r = s.rank();
                Activations.Fp16Values a = fp16(m, k, rnd);
                Activations.Fp16Values c = fp16(r, k, rnd);
                Activations.Fp16Values b = fp16(n, r, rnd);
                in.put("a", NpyArray.ofFloat16(a.data(), m, k));
                in.put("c", NpyArray.ofFloat16(c.data(), r, k));
                in.put("b", NpyArray.ofFloat16(b.data(), n, r));
                boolean fused = s.kind() == OpKind.LOWRANK_FUSED;
                float[] gold = fused ? LowRank.fused(a, c, b) : LowRank.twoStage(a, c, b);
                double[] tol = fused ? LowRank.fusedTolerance(a, c, b) : LowRank.twoStageTolerance(a, c, b);
                String why = fused ? "stage-one order bound carried through |B|, plus 2 gamma(r+1) of the streamed sum"
                        : "stage-one order bound plus one fp16 ulp of T, carried through |B|, plus the second GEMV's bound";
                long bytes = 2L * m * k + 2L * r * k + 2L * n * r + 4 * mn + (fused ? 0 : 4L * m * r);
                return new Prepared(s, in, new Expected.Within(NpyArray.ofFloat32(gold, m, n), tol, why), bytes,
                        2.0 * m * r * ((double) k + n), "fp16");
            }
            default:
                throw new IllegalStateException("unhandled op " + s.kind());
        }
    }

    private static Activations.Fp16Values fp16(int rows, int cols, SplittableRandom rnd) {
        return (Activations.Fp16Values) Activations.random(ActivationFormat.FP16, rows, cols, rnd);
    }

    private static int[] toInt(long[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.toIntExact(v[i]);
        }
        return out;
    }
}
