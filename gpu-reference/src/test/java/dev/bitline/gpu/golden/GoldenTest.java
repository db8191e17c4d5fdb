package dev.bitline.gpu.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoldenTest {

    static Activations.Fp16Values fp16(int m, int k, double... v) {
        short[] d = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Fp16.fromDouble(v[i]);
        }
        return new Activations.Fp16Values(m, k, d);
    }

    @Test
    void fp16GemmByHand() {
        Activations a = fp16(2, 3, 1, 2, 3, -1, 0.5, 0.25);
        Activations w = fp16(2, 3, 1, 1, 1, 2, 0, -4);
        assertArrayEquals(new float[] {6f, -10f, -0.25f, -3f}, FloatGemm.multiply(a, w));
    }

    @Test
    void fp32AccumulationRoundsInKOrder() {
        // 2^24 + 1 + 1: in k order each +1 is lost (ties to even); the exact sum is 2^24 + 2
        Activations a = fp16(1, 3, 4096, 1, 1);
        Activations w = fp16(1, 3, 4096, 1, 1);
        assertEquals(0x1p24f, FloatGemm.multiply(a, w)[0]);
        Activations a2 = fp16(1, 3, 1, 1, 4096);
        assertEquals(0x1p24f + 2, FloatGemm.multiply(a2, fp16(1, 3, 1, 1, 4096))[0]);
        // the two orders differ by 2, within the order tolerance 2 gamma(2) S
        assertTrue(2 <= FloatGemm.orderTolerance(3, 0x1p24 + 2));
    }

    @Test
    void bf16ProductsAreExact() {
        short[] a = {Bf16.fromFloat(1.0078125f), Bf16.fromFloat(-3.5f)};
        short[] w = {Bf16.fromFloat(1.0078125f), Bf16.fromFloat(2f)};
        float got = FloatGemm.multiply(new Activations.Bf16Values(1, 2, a), new Activations.Bf16Values(1, 2, w))[0];
        assertEquals(1.0078125 * 1.0078125 - 7, got, 0.0);
    }

    @Test
    void mixedFormatsRejected() {
        Activations a = fp16(1, 2, 1, 2);
        Activations b = new Activations.Bf16Values(1, 2, new short[2]);
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.multiply(a, b));
        assertThrows(IllegalArgumentException.class, () -> FloatGemm.multiply(a, fp16(1, 3, 1, 2, 3)));
    }

    @Test
    void gpuOrderStaysWithinTheTolerance() {
        SplittableRandom rnd = new SplittableRandom(14);
        for (ActivationFormat f : new ActivationFormat[] {ActivationFormat.FP16, ActivationFormat.BF16}) {
            Activations a = Activations.random(f, 3, 4096, rnd);
            Activations w = Activations.random(f, 16, 4096, rnd);
            float[] gold = FloatGemm.multiply(a, w);
            float[] gpu = OtherOrder.gemm(a, w);
            double[] tol = FloatGemm.orderTolerances(a, w);
            int differ = 0;
            for (int i = 0; i < gold.length; i++) {
                assertTrue(Math.abs(gold[i] - gpu[i]) <= tol[i], f + " element " + i);
                differ += gold[i] != gpu[i] ? 1 : 0;
            }
            // the tolerance is needed: the orders really do disagree on most elements
            assertTrue(differ > gold.length / 2, f + ": " + differ);
        }
    }

    @Test
    void dequantizedWeightsMatchAnFp32Kernel() {
        // what a CUDA kernel does: fp16 scale * ((2 level - 2z) * 0.5f) in fp32, then __float2half_rn
        SplittableRandom rnd = new SplittableRandom(3);
        for (int bits = 1; bits <= 8; bits++) {
            for (WeightFormat f : new WeightFormat[] {new WeightFormat.UInt(bits), new WeightFormat.SInt(bits)}) {
                PackedWeights w = PackedWeights.random(f, 8, 256, 32, rnd);
                short[] gold = Dequantize.toFp16(w);
                for (int row = 0; row < w.n(); row++) {
                    for (int col = 0; col < w.k(); col++) {
                        int gi = col / w.groupSize();
                        float diff = (2 * w.level(row, col) - w.twiceZero(row, gi)) * 0.5f;
                        short kernel = Fp16.fromFloat(w.scale(row, gi) * diff);
                        assertEquals(kernel, gold[row * w.k() + col], f.name());
                    }
                }
            }
        }
    }

    @Test
    void dequantRejectsNonFp16Scales() {
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(3), 1, 4, 4, new int[] {1, 2, 3, 4},
                new float[] {1.0f + 0x1p-20f}, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> Dequantize.toFp16(w));
    }

    @Test
    void w5GemvByHand() {
        // uint5 levels 0..31, zero 15.5 (twice 31), scale 0.5: weights (l - 15.5) / 2
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(5), 1, 4, 4, new int[] {0, 31, 16, 15},
                new float[] {0.5f}, new int[] {31});
        assertArrayEquals(new short[] {Fp16.fromDouble(-7.75), Fp16.fromDouble(7.75), Fp16.fromDouble(0.25),
            Fp16.fromDouble(-0.25)}, Dequantize.toFp16(w));
        float got = Dequantize.gemm(fp16(1, 4, 1, 1, 2, 4), w)[0];
        assertEquals(-7.75 + 7.75 + 0.5 - 1.0, got, 0.0);
    }

    @Test
    void lutGoldenEqualsIntegerProductForUnitScales() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (WeightFormat f : new WeightFormat[] {new WeightFormat.Ternary(), new WeightFormat.UInt(3),
            new WeightFormat.SInt(6), new WeightFormat.Bipolar(5)}) {
            int[] lv = new int[5 * 128];
            for (int i = 0; i < lv.length; i++) {
                lv[i] = f.levelOf(rnd.nextInt(f.maxValidCode() + 1));
            }
            PackedWeights w = PackedWeights.fromLevels(f, 5, 128, 32, lv);
            Activations.Int8 a = (Activations.Int8) Activations.random(ActivationFormat.INT8, 2, 128, rnd);
            long[] exact = IntGemm.multiply(a, w);
            double[] lut = LutReference.multiply(a, w);
            for (int i = 0; i < exact.length; i++) {
                assertEquals((double) exact[i], lut[i], 0.0, f.name());
            }
        }
    }

    @Test
    void lowRankFusedAvoidsTheFp16RoundTrip() {
        SplittableRandom rnd = new SplittableRandom(5);
        Activations.Fp16Values a = (Activations.Fp16Values) Activations.random(ActivationFormat.FP16, 2, 512, rnd);
        Activations.Fp16Values c = (Activations.Fp16Values) Activations.random(ActivationFormat.FP16, 32, 512, rnd);
        Activations.Fp16Values b = (Activations.Fp16Values) Activations.random(ActivationFormat.FP16, 64, 32, rnd);
        float[] two = LowRank.twoStage(a, c, b);
        float[] fused = LowRank.fused(a, c, b);
        double[] exact = new double[two.length];
        float[] t = LowRank.project(a, c);
        double errTwo = 0;
        double errFused = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 64; j++) {
                double s = 0;
                for (int q = 0; q < 32; q++) {
                    s += (double) t[i * 32 + q] * b.value(j, q);
                }
                exact[i * 64 + j] = s;
                errTwo += Math.abs(two[i * 64 + j] - s);
                errFused += Math.abs(fused[i * 64 + j] - s);
            }
        }
        assertNotEquals(0.0, errTwo);
        assertTrue(errFused < errTwo / 10, errFused + " vs " + errTwo);
        // a GPU order of stage one (strided lanes + tree) stays in the documented bounds
        float[] tg = OtherOrder.gemm(a, c);
        double[] tolF = LowRank.fusedTolerance(a, c, b);
        double[] tolT = LowRank.twoStageTolerance(a, c, b);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 64; j++) {
                float of = 0f;
                float ot = 0f;
                for (int q = 31; q >= 0; q--) { // and the second stage reversed
                    of = Math.fma(tg[i * 32 + q], (float) b.value(j, q), of);
                    ot = Math.fma(Fp16.toFloat(Fp16.fromFloat(tg[i * 32 + q])), (float) b.value(j, q), ot);
                }
                assertTrue(Math.abs(of - fused[i * 64 + j]) <= tolF[i * 64 + j]);
                assertTrue(Math.abs(ot - two[i * 64 + j]) <= tolT[i * 64 + j]);
            }
        }
    }

    @Test
    void llmInt8KeepsOutliersInFp16() {
        // column 1 holds an outlier (8 >= 6): it is excluded from the int8 scales
        Activations x = fp16(2, 3, 1, 8, -0.5, 0.25, 0.5, 1);
        Activations w = fp16(2, 3, 1, 2, 3, -1, 0.5, 0.25);
        OutlierGemm.Result r = OutlierGemm.multiply(x, w, 6.0);
        assertEquals(1, r.outlierCount());
        assertTrue(r.outlier()[1]);
        assertEquals(1.0, r.rowAbsMax()[0]);
        assertEquals(3.0, r.colAbsMax()[0]);
        assertEquals(16f, r.outlierPart()[0]);
        // row 0 . col 0: int8 part (127 * 42 + (-64) * 127) * (1/127) * (3/127) ~ 1 - 1.5, exact -0.5
        double exact = 1 + 16 - 1.5;
        assertEquals(exact, r.out()[0], 0.02);
        // without a threshold the outlier crushes the int8 resolution of row 0
        OutlierGemm.Result none = OutlierGemm.multiply(x, w, 1e9);
        assertEquals(0, none.outlierCount());
        assertTrue(Math.abs(none.out()[0] - exact) >= Math.abs(r.out()[0] - exact));
    }
}
