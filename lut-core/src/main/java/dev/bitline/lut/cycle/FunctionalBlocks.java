package dev.bitline.lut.cycle;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.LutResult;
import java.util.Arrays;

/**
 * Computes output blocks with the bit-exact functional model ({@link LutGemm}) as the cycle model
 * finishes them: the block's rows of A and rows of W are cut out and multiplied, and the result is
 * written into the full output. Every output element is written exactly once per run; the count
 * is checked so that a timing bug that skipped or repeated a block cannot go unnoticed.
 */
public final class FunctionalBlocks implements BlockKernel {
    private final Activations a;
    private final PackedWeights w;
    private final LutConfig cfg;
    private final double[] out;
    private final boolean[] written;
    private long writes;

    public FunctionalBlocks(Activations a, PackedWeights w, LutConfig cfg) {
        if (a.k() != w.k()) {
            throw new IllegalArgumentException("K mismatch: activations " + a.k() + ", weights " + w.k());
        }
        this.a = a;
        this.w = w;
        this.cfg = cfg;
        this.out = new double[a.m() * w.n()];
        this.written = new boolean[out.length];
    }

    @Override
    public void computeBlock(int m0, int m1, int n0, int n1) {
        LutResult r = LutGemm.multiply(rows(a, m0, m1), rows(w, n0, n1), cfg);
        int n = w.n();
        for (int i = m0; i < m1; i++) {
            for (int j = n0; j < n1; j++) {
                int at = i * n + j;
                if (written[at]) {
                    throw new IllegalStateException("output (" + i + ", " + j + ") computed twice");
                }
                written[at] = true;
                writes++;
                out[at] = r.get(i - m0, j - n0);
            }
        }
    }

    /** The output O[M,N] row-major; fails if some element was never computed. */
    public double[] output() {
        if (writes != out.length) {
            throw new IllegalStateException("only " + writes + " of " + out.length + " outputs were computed");
        }
        return out;
    }

    static Activations rows(Activations a, int r0, int r1) {
        if (r0 == 0 && r1 == a.m()) {
            return a;
        }
        int k = a.k();
        int m = r1 - r0;
        int from = r0 * k;
        int to = r1 * k;
        if (a instanceof Activations.Int8 x) {
            return new Activations.Int8(m, k, Arrays.copyOfRange(x.data(), from, to));
        } else if (a instanceof Activations.Fp16Values x) {
            return new Activations.Fp16Values(m, k, Arrays.copyOfRange(x.data(), from, to));
        } else if (a instanceof Activations.Bf16Values x) {
            return new Activations.Bf16Values(m, k, Arrays.copyOfRange(x.data(), from, to));
        } else if (a instanceof Activations.Fp32 x) {
            return new Activations.Fp32(m, k, Arrays.copyOfRange(x.data(), from, to));
        }
        throw new IllegalArgumentException("unknown activation kind " + a.getClass());
    }

    static PackedWeights rows(PackedWeights w, int r0, int r1) {
        if (r0 == 0 && r1 == w.n()) {
            return w;
        }
        int n = r1 - r0;
        int words = w.wordsPerRow();
        int planes = w.format().planes();
        long[] bits = new long[planes * n * words];
        for (int pl = 0; pl < planes; pl++) {
            System.arraycopy(w.planes(), (pl * w.n() + r0) * words, bits, pl * n * words, n * words);
        }
        int g = w.groups();
        return new PackedWeights(w.format(), n, w.k(), w.groupSize(), bits,
                Arrays.copyOfRange(w.scales(), r0 * g, r1 * g), Arrays.copyOfRange(w.twiceZeros(), r0 * g, r1 * g));
    }
}
