package dev.bitline.lut.functional;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.numeric.Fp16;

/**
 * The FP16 datapath of the authors' public LUT Tensor Core RTL, bit for bit: FP16 tables,
 * FP16 accumulation, round-to-nearest-even, no denormals. This is what a generated LUT tile
 * must reproduce on every cycle; {@link LutGemm} is the exact/double model of the same
 * algorithm.
 *
 * <p>Per output O[m, n], starting from +0:
 * <ol>
 *   <li>activations are read as fp16 without denormals ({@link Fp16#toFloatFtz}); non-fp16
 *       activation formats are first rounded to fp16 (RNE);</li>
 *   <li>for each chunk of g activations (K order, zero padded) every stored table entry is
 *       the left-to-right FP16 sum (flush-to-zero) of its signed activations: symmetrized
 *       entries {@code +-a_0 +- a_1 ... +- a_{g-1}}, plain entries the sum of the selected
 *       ones (entry 0 is +0);</li>
 *   <li>for each plane b = 0 .. P-1 (one cycle each): the g weight bits of the plane form the
 *       index; with symmetrized tables the sign bit selects negation (a sign-bit flip, exact)
 *       of entry ~index; the entry is scaled by 2^b (exponent + b, flushed if the result is
 *       subnormal) and added into the accumulator with FP16 RNE, flush-to-zero.</li>
 * </ol>
 * The result is the raw dot product of the lmma instruction — {@code sum_k a_k q'_k} with the
 * bipolar reinterpreted weights q' = 2u - (2^W - 1) (symmetrized) or {@code sum_k a_k u_k}
 * (plain tables) — without scales or zero points, which the surrounding element-wise
 * operators apply.
 */
public final class Fp16Datapath {
    private Fp16Datapath() {}

    /** O[M,N] as fp16 bit patterns, row-major. Table precision in {@code cfg} is ignored (always fp16). */
    public static short[] multiply(Activations a, PackedWeights w, LutConfig cfg) {
        if (a.k() != w.k()) {
            throw new IllegalArgumentException("K mismatch: activations " + a.k() + ", weights " + w.k());
        }
        int m = a.m();
        int n = w.n();
        int k = a.k();
        int g = cfg.g();
        int planes = w.format().planes();
        int chunks = (k + g - 1) / g;
        int entries = cfg.storedEntries();
        boolean sym = cfg.symmetric();
        int signPos = cfg.signBit().position(g);
        short[] out = new short[m * n];
        short[] table = new short[chunks * entries];
        short[] act = new short[g];
        int words = w.wordsPerRow();
        long[] pl = w.planes();
        for (int row = 0; row < m; row++) {
            for (int c = 0; c < chunks; c++) {
                for (int j = 0; j < g; j++) {
                    int col = c * g + j;
                    act[j] = col < k ? toFp16(a, row, col) : Fp16.POSITIVE_ZERO;
                }
                for (int r = 0; r < entries; r++) {
                    int i = sym ? insertZeroBit(r, signPos) : r;
                    table[c * entries + r] = entry(act, i, g, sym);
                }
            }
            for (int col = 0; col < n; col++) {
                short acc = Fp16.POSITIVE_ZERO;
                for (int c = 0; c < chunks; c++) {
                    for (int p = 0; p < planes; p++) {
                        int idx = index(pl, (p * n + col) * words, c * g, g, words);
                        short v;
                        if (!sym) {
                            v = table[c * entries + idx];
                        } else {
                            int rIdx = (idx & ((1 << signPos) - 1)) | ((idx >>> (signPos + 1)) << signPos);
                            v = ((idx >>> signPos) & 1) == 0
                                    ? table[c * entries + rIdx]
                                    : Fp16.negate(table[c * entries + (rIdx ^ (entries - 1))]);
                        }
                        acc = Fp16.addFtz(acc, Fp16.scalbFtz(v, p));
                    }
                }
                out[row * n + col] = acc;
            }
        }
        return out;
    }

    /** One table entry: left-to-right fp16 FTZ sum of the signed (or selected) activations. */
    static short entry(short[] act, int i, int g, boolean sym) {
        short s = 0;
        boolean first = true;
        for (int j = 0; j < g; j++) {
            boolean set = ((i >>> j) & 1) != 0;
            if (!set && !sym) {
                continue;
            }
            short term = set ? act[j] : Fp16.negate(act[j]);
            s = first ? Fp16.fromFloatFtz(Fp16.toFloatFtz(term)) : Fp16.addFtz(s, term);
            first = false;
        }
        return s;
    }

    private static short toFp16(Activations a, int row, int col) {
        if (a instanceof Activations.Fp16Values) {
            return ((Activations.Fp16Values) a).data()[row * a.k() + col];
        }
        return Fp16.fromDouble(a.value(row, col));
    }

    private static int insertZeroBit(int r, int pos) {
        return (r & ((1 << pos) - 1)) | ((r >>> pos) << (pos + 1));
    }

    private static int index(long[] planes, int base, int bit, int g, int words) {
        int wi = bit >>> 6;
        int off = bit & 63;
        long v = planes[base + wi] >>> off;
        if (off + g > 64 && wi + 1 < words) {
            v |= planes[base + wi + 1] << (64 - off);
        }
        return (int) (v & ((1L << g) - 1));
    }
}
