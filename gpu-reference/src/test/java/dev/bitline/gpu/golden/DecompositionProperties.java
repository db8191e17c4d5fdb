package dev.bitline.gpu.golden;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.sim.numeric.Fp16;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every decomposition of an integer GEMM equals the direct form exactly. */
class DecompositionProperties {

    static WeightFormat format(int kind, int bits) {
        switch (kind) {
            case 0: return new WeightFormat.UInt(bits);
            case 1: return new WeightFormat.SInt(bits);
            case 2: return new WeightFormat.Bipolar(bits);
            default: return new WeightFormat.Ternary();
        }
    }

    static PackedWeights randomLevels(WeightFormat f, int rows, int k, SplittableRandom rnd, int fill) {
        int[] lv = new int[rows * k];
        for (int i = 0; i < lv.length; i++) {
            int code = fill == 0 ? rnd.nextInt(f.maxValidCode() + 1) : (fill == 1 ? f.maxValidCode() : 0);
            lv[i] = f.levelOf(code);
        }
        return PackedWeights.fromLevels(f, rows, k, k, lv);
    }

    @Property(tries = 60, seed = "14")
    void bitPlaneGemmEqualsDirect(@ForAll @IntRange(min = 0, max = 3) int kx, @ForAll @IntRange(min = 1, max = 8) int bx,
                                  @ForAll @IntRange(min = 0, max = 3) int kw, @ForAll @IntRange(min = 1, max = 8) int bw,
                                  @ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = 1, max = 5) int n,
                                  @ForAll @IntRange(min = 1, max = 200) int k, @ForAll @IntRange(min = 0, max = 2) int fill,
                                  @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PackedWeights x = randomLevels(format(kx, bx), m, k, rnd, fill);
        PackedWeights w = randomLevels(format(kw, bw), n, k, rnd, fill == 1 ? 2 : 0);
        long[] direct = IntGemm.multiply(x, w);
        assertArrayEquals(direct, BitPlaneGemm.andPopcount(x, w));
        if (kx == 2 && kw == 2) {
            assertArrayEquals(direct, BitPlaneGemm.xorPopcount(x, w));
        }
    }

    @Property(tries = 30, seed = "14")
    void bipolarXorFormEqualsDirect(@ForAll @IntRange(min = 1, max = 8) int bx, @ForAll @IntRange(min = 1, max = 8) int bw,
                                    @ForAll @IntRange(min = 1, max = 300) int k, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PackedWeights x = randomLevels(new WeightFormat.Bipolar(bx), 3, k, rnd, 0);
        PackedWeights w = randomLevels(new WeightFormat.Bipolar(bw), 4, k, rnd, 0);
        assertArrayEquals(IntGemm.multiply(x, w), BitPlaneGemm.xorPopcount(x, w));
    }

    @Property(tries = 40, seed = "14")
    void lowRankFormsEqualTheDenseProduct(@ForAll @IntRange(min = 1, max = 3) int m, @ForAll @IntRange(min = 1, max = 40) int k,
                                          @ForAll @IntRange(min = 1, max = 9) int r, @ForAll @IntRange(min = 1, max = 7) int n,
                                          @ForAll @IntRange(min = 1, max = 10) int block, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] a = ints(m * k, rnd);
        long[] c = ints(r * k, rnd);
        long[] b = ints(n * r, rnd);
        long[] dense = LowRank.gemm(a, LowRank.compose(b, c, n, r, k), m, k, n);
        assertArrayEquals(dense, LowRank.twoStage(a, c, b, m, k, r, n));
        assertArrayEquals(dense, LowRank.fusedStreaming(a, c, b, m, k, r, n, block));
    }

    @Property(tries = 40, seed = "14")
    void llmInt8SplitIsExactOnInt8Levels(@ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = 2, max = 64) int k,
                                         @ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 0, max = 4) int outliers,
                                         @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // int8 levels with +-127 in every row outside the outlier columns (column 0 is never
        // an outlier): absmax quantization is then the identity; outlier columns hold
        // integers beyond the threshold that fp16 and fp32 carry exactly
        boolean[] isOut = new boolean[k];
        for (int i = 0; i < outliers; i++) {
            isOut[1 + rnd.nextInt(k - 1)] = true;
        }
        double threshold = 200;
        double[] xv = new double[m * k];
        double[] wv = new double[n * k];
        fill(xv, m, k, isOut, rnd, true);
        fill(wv, n, k, isOut, rnd, false);
        Activations x = fp16(m, k, xv);
        Activations w = fp16(n, k, wv);
        OutlierGemm.Result r = OutlierGemm.multiply(x, w, threshold);
        for (int kk = 0; kk < k; kk++) {
            assertEquals(isOut[kk], r.outlier()[kk]);
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int kk = 0; kk < k; kk++) {
                    s += (long) xv[i * k + kk] * (long) wv[j * k + kk];
                }
                assertEquals((double) s, r.out()[i * n + j], 0.0);
            }
        }
    }

    private static void fill(double[] v, int rows, int k, boolean[] isOut, SplittableRandom rnd, boolean isX) {
        for (int i = 0; i < rows; i++) {
            for (int kk = 0; kk < k; kk++) {
                if (isOut[kk]) {
                    v[i * k + kk] = isX ? (rnd.nextBoolean() ? 1 : -1) * (200 + rnd.nextInt(300)) : rnd.nextInt(-7, 8);
                } else {
                    v[i * k + kk] = rnd.nextInt(-127, 128);
                }
            }
            v[i * k] = rnd.nextBoolean() ? 127 : -127;
        }
    }

    private static Activations fp16(int m, int k, double[] v) {
        short[] d = new short[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = Fp16.fromDouble(v[i]);
        }
        return new Activations.Fp16Values(m, k, d);
    }

    private static long[] ints(int len, SplittableRandom rnd) {
        long[] v = new long[len];
        for (int i = 0; i < len; i++) {
            v[i] = rnd.nextInt(-1000, 1001);
        }
        return v;
    }
}
