package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;

/**
 * The honest baseline for {@link LutKernel}: dequantize-then-multiply on the same data, int8
 * activations times packed N-bit weight codes, the way llama.cpp-style scalar code does it.
 * Weights are stored as contiguous P-bit codes (32 / P per int, P = 1, 2, 4, 8; 3-bit codes
 * use 10 per int), unpacked in the inner loop with shifts and masks and multiplied into an int
 * accumulator; the zero point and offset are hoisted out of the loop (sum(a u) per group plus
 * one correction with sum(a)), and the scale is applied once per (row, group). The epilogue is
 * the same arithmetic as LutKernel/LutGemm, so the outputs are bit-identical.
 *
 * <p>Two variants: {@link #gemv} unpacks in the inner loop (fused); {@link #gemvUnpackRow}
 * first unpacks a row's codes into an int8 buffer and then runs a plain dot product, which is
 * the form the JIT can auto-vectorize. The benchmark reports both.
 */
public final class BaselineKernel {
    private final int n;
    private final int k;
    private final int bits;
    private final int codesPerWord;
    private final int groupSize;
    private final int groups;
    private final int wordsPerGroup;
    /** codes, [row][group][word] */
    private final int[] words;
    /** s / 2 per [row][group] */
    private final double[] halfScale;
    private final long[] offset;
    private final long twiceLevelScale;

    private BaselineKernel(int n, int k, int bits, int groupSize, int[] words, double[] halfScale,
                           long[] offset, long twiceLevelScale) {
        this.n = n;
        this.k = k;
        this.bits = bits;
        this.codesPerWord = bits == 3 ? 10 : 32 / bits;
        this.groupSize = groupSize;
        this.groups = (k + groupSize - 1) / groupSize;
        this.wordsPerGroup = (groupSize + codesPerWord - 1) / codesPerWord;
        this.words = words;
        this.halfScale = halfScale;
        this.offset = offset;
        this.twiceLevelScale = twiceLevelScale;
    }

    /** Packs the codes contiguously (the storage a dequantizing kernel would ship). */
    public static BaselineKernel prepare(PackedWeights w) {
        WeightFormat f = w.format();
        int bits = f.planes();
        int cpw = bits == 3 ? 10 : 32 / bits;
        int gs = w.groupSize();
        int groups = w.groups();
        int wpg = (gs + cpw - 1) / cpw;
        int n = w.n();
        int k = w.k();
        int[] words = new int[n * groups * wpg];
        double[] hs = new double[n * groups];
        long[] off = new long[n * groups];
        for (int row = 0; row < n; row++) {
            for (int gi = 0; gi < groups; gi++) {
                int base = (row * groups + gi) * wpg;
                for (int i = 0; i < gs; i++) {
                    int col = gi * gs + i;
                    int code = col < k ? w.code(row, col) : 0;
                    words[base + i / cpw] |= code << ((i % cpw) * bits);
                }
                hs[row * groups + gi] = w.scale(row, gi) / 2.0;
                off[row * groups + gi] = 2L * f.levelOffset() - w.twiceZero(row, gi);
            }
        }
        return new BaselineKernel(n, k, bits, gs, words, hs, off, 2L * f.levelScale());
    }

    /** Per-thread working memory: padded activations, group sums, one unpacked row. */
    public static final class Scratch {
        final byte[] act;
        final int[] actInt;
        final long[] sumA;
        final int[] row;

        public Scratch(BaselineKernel kernel) {
            this.act = new byte[kernel.groups * kernel.groupSize + 32];
            this.actInt = new int[kernel.groups * kernel.groupSize];
            this.sumA = new long[kernel.groups];
            this.row = new int[kernel.groups * kernel.groupSize + 32];
        }
    }

    public Scratch newScratch() {
        return new Scratch(this);
    }

    private void loadActivations(byte[] a, int aOffset, Scratch s) {
        System.arraycopy(a, aOffset, s.act, 0, k);
        java.util.Arrays.fill(s.act, k, s.act.length, (byte) 0);
        for (int gi = 0; gi < groups; gi++) {
            long sum = 0;
            for (int i = 0; i < groupSize; i++) {
                sum += s.act[gi * groupSize + i];
                s.actInt[gi * groupSize + i] = s.act[gi * groupSize + i];
            }
            s.sumA[gi] = sum;
        }
    }

    /** out[0..N) = W x a, codes unpacked in the inner loop. Overwrites out. */
    public void gemv(byte[] a, int aOffset, double[] out, int outOffset, Scratch s) {
        loadActivations(a, aOffset, s);
        final byte[] act = s.act;
        final int[] wd = words;
        for (int row = 0; row < n; row++) {
            double o = 0.0;
            int w = row * groups * wordsPerGroup;
            for (int gi = 0; gi < groups; gi++) {
                int x = gi * groupSize;
                int acc;
                switch (bits) {
                    case 1: acc = dot1(act, x, wd, w, wordsPerGroup); break;
                    case 2: acc = dot2(act, x, wd, w, wordsPerGroup); break;
                    case 4: acc = dot4(act, x, wd, w, wordsPerGroup); break;
                    case 8: acc = dot8(act, x, wd, w, wordsPerGroup); break;
                    default: acc = dotGeneric(act, x, wd, w, wordsPerGroup); break;
                }
                w += wordsPerGroup;
                int hg = row * groups + gi;
                long x2 = twiceLevelScale * acc + offset[hg] * s.sumA[gi];
                o += halfScale[hg] * (double) x2;
            }
            out[outOffset + row] = o;
        }
    }

    private static int dot1(byte[] a, int x, int[] wd, int w, int count) {
        int acc = 0;
        for (int i = 0; i < count; i++, x += 32) {
            int v = wd[w + i];
            for (int t = 0; t < 32; t++) {
                acc += a[x + t] * ((v >>> t) & 1);
            }
        }
        return acc;
    }

    private static int dot2(byte[] a, int x, int[] wd, int w, int count) {
        int acc = 0;
        for (int i = 0; i < count; i++, x += 16) {
            int v = wd[w + i];
            for (int t = 0; t < 16; t++) {
                acc += a[x + t] * ((v >>> (2 * t)) & 3);
            }
        }
        return acc;
    }

    private static int dot4(byte[] a, int x, int[] wd, int w, int count) {
        int acc = 0;
        for (int i = 0; i < count; i++, x += 8) {
            int v = wd[w + i];
            for (int t = 0; t < 8; t++) {
                acc += a[x + t] * ((v >>> (4 * t)) & 15);
            }
        }
        return acc;
    }

    private static int dot8(byte[] a, int x, int[] wd, int w, int count) {
        int acc = 0;
        for (int i = 0; i < count; i++, x += 4) {
            int v = wd[w + i];
            for (int t = 0; t < 4; t++) {
                acc += a[x + t] * ((v >>> (8 * t)) & 255);
            }
        }
        return acc;
    }

    private static int dotGeneric(byte[] a, int x, int[] wd, int w, int count) {
        int acc = 0;
        for (int i = 0; i < count; i++, x += 10) {
            int v = wd[w + i];
            for (int t = 0; t < 10; t++) {
                acc += a[x + t] * ((v >>> (3 * t)) & 7);
            }
        }
        return acc;
    }

    /**
     * out[0..N) = W x a, each row's codes first unpacked into an int buffer, then a plain
     * int dot product per group (the form C2 can auto-vectorize: int multiply and add
     * reduction over two int arrays). Same results as {@link #gemv}.
     */
    public void gemvUnpackRow(byte[] a, int aOffset, double[] out, int outOffset, Scratch s) {
        loadActivations(a, aOffset, s);
        final int[] act = s.actInt;
        final int[] buf = s.row;
        final int[] wd = words;
        final int totalWords = groups * wordsPerGroup;
        for (int row = 0; row < n; row++) {
            int w = row * totalWords;
            switch (groupSize % codesPerWord == 0 ? bits : 0) {
                case 1: unpack(wd, w, totalWords, buf, 1, 32); break;
                case 2: unpack(wd, w, totalWords, buf, 2, 16); break;
                case 4: unpack(wd, w, totalWords, buf, 4, 8); break;
                case 8: unpack(wd, w, totalWords, buf, 8, 4); break;
                default: unpackPerGroup(wd, w, buf); break;
            }
            double o = 0.0;
            for (int gi = 0; gi < groups; gi++) {
                int x = gi * groupSize;
                int acc = 0;
                for (int i = x; i < x + groupSize; i++) {
                    acc += act[i] * buf[i];
                }
                int hg = row * groups + gi;
                long x2 = twiceLevelScale * acc + offset[hg] * s.sumA[gi];
                o += halfScale[hg] * (double) x2;
            }
            out[outOffset + row] = o;
        }
    }

    /** Codes of consecutive words to consecutive ints (group size is a multiple of cpw here). */
    private static void unpack(int[] wd, int w, int count, int[] buf, int bits, int cpw) {
        int mask = (1 << bits) - 1;
        int x = 0;
        for (int i = 0; i < count; i++, x += cpw) {
            int v = wd[w + i];
            for (int t = 0; t < cpw; t++) {
                buf[x + t] = (v >>> (t * bits)) & mask;
            }
        }
    }

    private void unpackPerGroup(int[] wd, int w, int[] buf) {
        int mask = (1 << bits) - 1;
        for (int gi = 0; gi < groups; gi++) {
            int x = gi * groupSize;
            int i = 0;
            for (int wi = 0; wi < wordsPerGroup; wi++) {
                int v = wd[w + gi * wordsPerGroup + wi];
                for (int t = 0; t < codesPerWord && i < groupSize; t++, i++) {
                    buf[x + i] = (v >>> (t * bits)) & mask;
                }
            }
        }
    }

    public int n() {
        return n;
    }

    public int k() {
        return k;
    }

    /** Bytes one GEMV reads: packed codes, double scales and long offsets. */
    public long weightBytes() {
        return 4L * words.length + 8L * halfScale.length + 8L * offset.length;
    }
}
