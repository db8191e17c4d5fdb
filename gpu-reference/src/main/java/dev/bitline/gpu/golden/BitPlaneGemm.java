package dev.bitline.gpu.golden;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;

/**
 * Arbitrary-precision integer GEMM as a sum of 1-bit GEMMs, the scheme that runs any bit
 * width on the binary (b1) mode of integer tensor cores: each operand is split into its
 * bit-planes, every pair of planes is one binary GEMM (a popcount of AND or XOR over K), and
 * the plane results are shifted and added.
 *
 * <p>Every {@link WeightFormat} maps a code {@code c = sum_b 2^b bit_b} to the level
 * {@code s c + o}, so for X (scale sx, offset ox) and W (sw, ow)
 * <pre>
 *   sum_k lx lw = sx sw sum_{b,c} 2^(b+c) popc(X_b &amp; W_c)
 *               + sx ow sum_b 2^b popc(X_b) + ox sw sum_c 2^c popc(W_c) + K ox ow
 * </pre>
 * ({@link #andPopcount}: unsigned, offset-binary signed, ternary and bipolar alike). For
 * bipolar-INT operands (every bit reads -1/+1, levels odd and symmetric) the binary dot
 * product is {@code K - 2 popc(x XOR w)}, so {@code sum_k lx lw = sum_{b,c} 2^(b+c)
 * (K - 2 popc(X_b ^ W_c))} with no correction terms ({@link #xorPopcount}); that symmetric form
 * is why bipolar-INT needs no zero-point epilogue. Both are exact in a long and equal
 * {@link IntGemm#multiply(PackedWeights, PackedWeights)}, which the property tests check.
 *
 * <p>The activation operand X is packed in a {@link PackedWeights} as well (M rows of K): the
 * type is the shared bit-plane container, its scales are unused here.
 */
public final class BitPlaneGemm {
    private BitPlaneGemm() {}

    /**
     * popc(X_b[row] op W_c[col]) over K with op AND or XOR: one element of one binary GEMM.
     * Padding bits past K are 0 in both operands, so neither form counts them.
     */
    static long count(PackedWeights x, int b, int row, PackedWeights w, int c, int col, boolean xor) {
        long[] xp = x.planes();
        long[] wp = w.planes();
        int words = x.wordsPerRow();
        int xo = (b * x.n() + row) * words;
        int wo = (c * w.n() + col) * words;
        long s = 0;
        for (int i = 0; i < words; i++) {
            s += Long.bitCount(xor ? xp[xo + i] ^ wp[wo + i] : xp[xo + i] & wp[wo + i]);
        }
        return s;
    }

    /** popc of one plane row (the correction terms of the AND form). */
    static long ones(PackedWeights x, int b, int row) {
        long[] xp = x.planes();
        int words = x.wordsPerRow();
        int o = (b * x.n() + row) * words;
        long s = 0;
        for (int i = 0; i < words; i++) {
            s += Long.bitCount(xp[o + i]);
        }
        return s;
    }

    /** The AND-popcount decomposition, for any pair of formats. */
    public static long[] andPopcount(PackedWeights x, PackedWeights w) {
        IntGemm.checkK(x.k(), w.k());
        WeightFormat fx = x.format();
        WeightFormat fw = w.format();
        long sx = fx.levelScale();
        long ox = fx.levelOffset();
        long sw = fw.levelScale();
        long ow = fw.levelOffset();
        int m = x.n();
        int n = w.n();
        long k = x.k();
        long[] out = new long[m * n];
        for (int i = 0; i < m; i++) {
            long xOnes = 0;
            for (int b = 0; b < fx.planes(); b++) {
                xOnes += ones(x, b, i) << b;
            }
            for (int j = 0; j < n; j++) {
                long both = 0;
                long wOnes = 0;
                for (int c = 0; c < fw.planes(); c++) {
                    wOnes += ones(w, c, j) << c;
                    for (int b = 0; b < fx.planes(); b++) {
                        both += count(x, b, i, w, c, j, false) << (b + c);
                    }
                }
                out[i * n + j] = sx * sw * both + sx * ow * xOnes + ox * sw * wOnes + k * ox * ow;
            }
        }
        return out;
    }

    /** The XOR-popcount form of two bipolar-INT operands. */
    public static long[] xorPopcount(PackedWeights x, PackedWeights w) {
        IntGemm.checkK(x.k(), w.k());
        if (!(x.format() instanceof WeightFormat.Bipolar) || !(w.format() instanceof WeightFormat.Bipolar)) {
            throw new IllegalArgumentException("XOR form needs bipolar operands, got " + x.format().name()
                    + " and " + w.format().name());
        }
        int m = x.n();
        int n = w.n();
        long k = x.k();
        long[] out = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long s = 0;
                for (int b = 0; b < x.format().planes(); b++) {
                    for (int c = 0; c < w.format().planes(); c++) {
                        s += (k - 2 * count(x, b, i, w, c, j, true)) << (b + c);
                    }
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }
}
