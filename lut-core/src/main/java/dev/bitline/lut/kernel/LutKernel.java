package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;

/**
 * Fast CPU LUT mpGEMV/mpGEMM for int8 activations and 1..4-bit (or 8-bit) weights, T-MAC
 * style: weights are re-packed offline into one table index per g weights per bit-plane, so
 * the inner loop is only table lookups and adds.
 *
 * <p>Design (see docs/lut-kernel.md):
 * <ul>
 *   <li>Tables are the plain (non-mirrored) 2^g-entry sums of g int8 activations, held in a
 *       {@code short[]} (|entry| <= 8 * 128 fits). Mirroring would halve the table but costs
 *       a conditional negate per lookup, which in scalar Java is dearer than the L1 space.</li>
 *   <li>Loop order is group-major: for each quantization group, build that group's tables
 *       (a few KB, L1-resident) and sweep every weight row; the weight index bytes are laid
 *       out [group][row][plane][bytes] so the sweep reads them strictly sequentially.</li>
 *   <li>Per (row, group, plane) the lookups accumulate in an int; planes are combined with
 *       shifts into a long; the zero-point / offset correction and the scale are applied once
 *       per (row, group) exactly as {@code LutGemm} and {@code ReferenceGemm} do, so the
 *       output is bit-identical to both.</li>
 *   <li>g = 8 (one byte per index, 256-entry tables) halves the lookups of g = 4 (two nibbles
 *       per byte, 16-entry tables); the table build grows to 256 adds per 8 activations,
 *       which is amortised over all N rows.</li>
 * </ul>
 * Instances are immutable after {@link #prepare} and may be shared; the per-call scratch
 * ({@link Scratch}) is not thread-safe, use one per thread.
 */
public final class LutKernel {
    private final int n;
    private final int k;
    private final int g;
    private final int planes;
    private final int groupSize;
    private final int groups;
    /** index bytes per (row, group, plane) = groupSize / 8 */
    private final int bytesPerPlane;
    private final byte[] index;
    /** s / 2 per [group][row] */
    private final double[] halfScale;
    /** 2 * levelOffset - 2z per [group][row]: X2 = 2 levelScale sum(a u) + offset * sum(a) */
    private final long[] offset;
    private final long twiceLevelScale;

    private LutKernel(int n, int k, int g, int planes, int groupSize, byte[] index, double[] halfScale,
                      long[] offset, long twiceLevelScale) {
        this.n = n;
        this.k = k;
        this.g = g;
        this.planes = planes;
        this.groupSize = groupSize;
        this.groups = (k + groupSize - 1) / groupSize;
        this.bytesPerPlane = groupSize / 8;
        this.index = index;
        this.halfScale = halfScale;
        this.offset = offset;
        this.twiceLevelScale = twiceLevelScale;
    }

    /**
     * Offline packing of the weights (the part T-MAC does at model conversion time).
     *
     * @param g 4 or 8 activations per table
     * @throws IllegalArgumentException if the group size is not a multiple of 8
     */
    public static LutKernel prepare(PackedWeights w, int g) {
        if (g != 4 && g != 8) {
            throw new IllegalArgumentException("kernel table width g must be 4 or 8, got " + g);
        }
        if (w.groupSize() % 8 != 0) {
            throw new IllegalArgumentException("kernel needs a quantization group size that is a multiple of 8, got "
                    + w.groupSize());
        }
        int n = w.n();
        int k = w.k();
        int p = w.format().planes();
        int gs = w.groupSize();
        int groups = w.groups();
        int bpp = gs / 8;
        byte[] index = new byte[groups * n * p * bpp];
        int words = w.wordsPerRow();
        long[] planesArr = w.planes();
        for (int gi = 0; gi < groups; gi++) {
            for (int row = 0; row < n; row++) {
                for (int pl = 0; pl < p; pl++) {
                    int o = ((gi * n + row) * p + pl) * bpp;
                    int rowBase = (pl * n + row) * words;
                    for (int j = 0; j < bpp; j++) {
                        int col = gi * gs + j * 8; // 8 weights of this plane per byte
                        int b = 0;
                        if (col < k) {
                            long word = planesArr[rowBase + (col >>> 6)] >>> (col & 63);
                            b = (int) (word & 0xFF); // col is a multiple of 8: never straddles words
                        }
                        // g = 8: the byte is the index; g = 4: low nibble = first chunk, high = second
                        index[o + j] = (byte) b;
                    }
                }
            }
        }
        double[] hs = new double[groups * n];
        long[] off = new long[groups * n];
        WeightFormat f = w.format();
        for (int gi = 0; gi < groups; gi++) {
            for (int row = 0; row < n; row++) {
                hs[gi * n + row] = w.scale(row, gi) / 2.0;
                off[gi * n + row] = 2L * f.levelOffset() - w.twiceZero(row, gi);
            }
        }
        return new LutKernel(n, k, g, p, gs, index, hs, off, 2L * f.levelScale());
    }

    /** Per-thread working memory: tables of one group and padded activations. */
    public static final class Scratch {
        final short[] tables;
        final int[] act;
        final int[] lo = new int[16];
        final int[] hi = new int[16];

        public Scratch(LutKernel kernel) {
            this.tables = new short[kernel.groupSize / kernel.g << kernel.g];
            this.act = new int[kernel.groups * kernel.groupSize];
        }
    }

    public Scratch newScratch() {
        return new Scratch(this);
    }

    public int n() {
        return n;
    }

    public int k() {
        return k;
    }

    public int g() {
        return g;
    }

    int groups() {
        return groups;
    }

    /** Bytes of table-index data one GEMV reads. */
    long indexBytes() {
        return index.length;
    }

    /** out[0..N) = W x a for one activation row (int8, length K). Overwrites out. */
    public void gemv(byte[] a, int aOffset, double[] out, int outOffset, Scratch s) {
        int[] act = s.act;
        for (int i = 0; i < k; i++) {
            act[i] = a[aOffset + i];
        }
        for (int i = k; i < act.length; i++) {
            act[i] = 0;
        }
        java.util.Arrays.fill(out, outOffset, outOffset + n, 0.0);
        short[] t = s.tables;
        for (int gi = 0; gi < groups; gi++) {
            int a0 = gi * groupSize;
            long sumA = 0;
            for (int i = 0; i < groupSize; i++) {
                sumA += act[a0 + i];
            }
            if (g == 8) {
                buildTables8(act, a0, t, 0, s.lo, s.hi);
                if (bytesPerPlane == 16 && !NO_UNROLL) {
                    sweep8Group128(gi, sumA, t, out, outOffset);
                } else {
                    sweep8(gi, sumA, t, out, outOffset);
                }
            } else {
                buildTables4(act, a0, t, 0);
                if (bytesPerPlane == 16 && !NO_UNROLL) {
                    sweep4Group128(gi, sumA, t, out, outOffset);
                } else {
                    sweep4(gi, sumA, t, out, outOffset);
                }
            }
        }
    }

    /**
     * O[M,N] = A[M,K] x W^T for int8 A (row-major), out row-major M x N (overwritten), one
     * {@link #gemv} per activation row. (A blocked variant that built 4 rows' tables side by
     * side and read each weight row's indices once for all of them measured 2-3x slower —
     * 32 KB of tables fill L1 — and was removed; see docs/lut-kernel.md.)
     */
    public void gemm(byte[] a, int m, double[] out, Scratch s) {
        for (int row = 0; row < m; row++) {
            gemv(a, row * k, out, row * n, s);
        }
    }

    /** 256-entry tables, one per 8 activations: T[i] = sum of a_j over the set bits j of i. */
    private void buildTables8(int[] act, int a0, short[] t, int t0, int[] lo, int[] hi) {
        int tables = groupSize / 8;
        for (int c = 0; c < tables; c++) {
            int base = t0 + (c << 8);
            int x = a0 + c * 8;
            // two 16-entry halves, then every byte index is low-half + high-half
            for (int i = 1; i < 16; i++) {
                int low = Integer.numberOfTrailingZeros(i);
                lo[i] = lo[i & (i - 1)] + act[x + low];
                hi[i] = hi[i & (i - 1)] + act[x + 4 + low];
            }
            for (int h = 0; h < 16; h++) {
                int hv = hi[h];
                int b = base + (h << 4);
                for (int l = 0; l < 16; l++) {
                    t[b + l] = (short) (hv + lo[l]);
                }
            }
        }
    }

    private void sweep8(int gi, long sumA, short[] t, double[] out, int outOffset) {
        final byte[] idx = index;
        final int bpp = bytesPerPlane;
        final int p = planes;
        int o = gi * n * p * bpp;
        int hb = gi * n;
        for (int row = 0; row < n; row++) {
            long su = 0;
            for (int pl = 0; pl < p; pl++) {
                int acc = 0;
                int tb = 0;
                for (int j = 0; j < bpp; j++) {
                    acc += t[tb + (idx[o + j] & 0xFF)];
                    tb += 256;
                }
                su += (long) acc << pl;
                o += bpp;
            }
            long x2 = twiceLevelScale * su + offset[hb + row] * sumA;
            out[outOffset + row] += halfScale[hb + row] * (double) x2;
        }
    }

    static final boolean NO_UNROLL = Boolean.getBoolean("lut.noUnroll");

    /**
     * {@link #sweep8} for group size 128 (16 index bytes per plane), unrolled by hand: the
     * JIT's pre/main/post loop split costs more than the 16 lookups it wraps.
     */
    private void sweep8Group128(int gi, long sumA, short[] t, double[] out, int outOffset) {
        final byte[] idx = index;
        final int p = planes;
        int o = gi * n * p * 16;
        int hb = gi * n;
        for (int row = 0; row < n; row++) {
            long su = 0;
            for (int pl = 0; pl < p; pl++) {
                int acc = t[(idx[o] & 0xFF)]
                        + t[256 + (idx[o + 1] & 0xFF)]
                        + t[512 + (idx[o + 2] & 0xFF)]
                        + t[768 + (idx[o + 3] & 0xFF)]
                        + t[1024 + (idx[o + 4] & 0xFF)]
                        + t[1280 + (idx[o + 5] & 0xFF)]
                        + t[1536 + (idx[o + 6] & 0xFF)]
                        + t[1792 + (idx[o + 7] & 0xFF)]
                        + t[2048 + (idx[o + 8] & 0xFF)]
                        + t[2304 + (idx[o + 9] & 0xFF)]
                        + t[2560 + (idx[o + 10] & 0xFF)]
                        + t[2816 + (idx[o + 11] & 0xFF)]
                        + t[3072 + (idx[o + 12] & 0xFF)]
                        + t[3328 + (idx[o + 13] & 0xFF)]
                        + t[3584 + (idx[o + 14] & 0xFF)]
                        + t[3840 + (idx[o + 15] & 0xFF)];
                su += (long) acc << pl;
                o += 16;
            }
            long x2 = twiceLevelScale * su + offset[hb + row] * sumA;
            out[outOffset + row] += halfScale[hb + row] * (double) x2;
        }
    }

    /** {@link #sweep4} for group size 128, unrolled by hand. */
    private void sweep4Group128(int gi, long sumA, short[] t, double[] out, int outOffset) {
        final byte[] idx = index;
        final int p = planes;
        int o = gi * n * p * 16;
        int hb = gi * n;
        for (int row = 0; row < n; row++) {
            long su = 0;
            for (int pl = 0; pl < p; pl++) {
                int acc = sum4x16(t, 0, idx, o);
                su += (long) acc << pl;
                o += 16;
            }
            long x2 = twiceLevelScale * su + offset[hb + row] * sumA;
            out[outOffset + row] += halfScale[hb + row] * (double) x2;
        }
    }

    /** Sum of the 16 g = 8 lookups of one (row, group-of-128, plane); tables start at {@code base}. */
    private static int sum8x16(short[] t, int base, byte[] idx, int o) {
        return t[base + (idx[o] & 0xFF)]
                + t[base + 256 + (idx[o + 1] & 0xFF)]
                + t[base + 512 + (idx[o + 2] & 0xFF)]
                + t[base + 768 + (idx[o + 3] & 0xFF)]
                + t[base + 1024 + (idx[o + 4] & 0xFF)]
                + t[base + 1280 + (idx[o + 5] & 0xFF)]
                + t[base + 1536 + (idx[o + 6] & 0xFF)]
                + t[base + 1792 + (idx[o + 7] & 0xFF)]
                + t[base + 2048 + (idx[o + 8] & 0xFF)]
                + t[base + 2304 + (idx[o + 9] & 0xFF)]
                + t[base + 2560 + (idx[o + 10] & 0xFF)]
                + t[base + 2816 + (idx[o + 11] & 0xFF)]
                + t[base + 3072 + (idx[o + 12] & 0xFF)]
                + t[base + 3328 + (idx[o + 13] & 0xFF)]
                + t[base + 3584 + (idx[o + 14] & 0xFF)]
                + t[base + 3840 + (idx[o + 15] & 0xFF)];
    }

    /** Sum of the 32 g = 4 lookups of one (row, group-of-128, plane); tables start at {@code base}. */
    private static int sum4x16(short[] t, int base, byte[] idx, int o) {
        return t[base + (idx[o] & 15)] + t[base + 16 + ((idx[o] >>> 4) & 15)]
                + t[base + 32 + (idx[o + 1] & 15)] + t[base + 48 + ((idx[o + 1] >>> 4) & 15)]
                + t[base + 64 + (idx[o + 2] & 15)] + t[base + 80 + ((idx[o + 2] >>> 4) & 15)]
                + t[base + 96 + (idx[o + 3] & 15)] + t[base + 112 + ((idx[o + 3] >>> 4) & 15)]
                + t[base + 128 + (idx[o + 4] & 15)] + t[base + 144 + ((idx[o + 4] >>> 4) & 15)]
                + t[base + 160 + (idx[o + 5] & 15)] + t[base + 176 + ((idx[o + 5] >>> 4) & 15)]
                + t[base + 192 + (idx[o + 6] & 15)] + t[base + 208 + ((idx[o + 6] >>> 4) & 15)]
                + t[base + 224 + (idx[o + 7] & 15)] + t[base + 240 + ((idx[o + 7] >>> 4) & 15)]
                + t[base + 256 + (idx[o + 8] & 15)] + t[base + 272 + ((idx[o + 8] >>> 4) & 15)]
                + t[base + 288 + (idx[o + 9] & 15)] + t[base + 304 + ((idx[o + 9] >>> 4) & 15)]
                + t[base + 320 + (idx[o + 10] & 15)] + t[base + 336 + ((idx[o + 10] >>> 4) & 15)]
                + t[base + 352 + (idx[o + 11] & 15)] + t[base + 368 + ((idx[o + 11] >>> 4) & 15)]
                + t[base + 384 + (idx[o + 12] & 15)] + t[base + 400 + ((idx[o + 12] >>> 4) & 15)]
                + t[base + 416 + (idx[o + 13] & 15)] + t[base + 432 + ((idx[o + 13] >>> 4) & 15)]
                + t[base + 448 + (idx[o + 14] & 15)] + t[base + 464 + ((idx[o + 14] >>> 4) & 15)]
                + t[base + 480 + (idx[o + 15] & 15)] + t[base + 496 + ((idx[o + 15] >>> 4) & 15)];
    }

    /** 16-entry tables, one per 4 activations. */
    private void buildTables4(int[] act, int a0, short[] t, int t0) {
        int tables = groupSize / 4;
        for (int c = 0; c < tables; c++) {
            int base = t0 + (c << 4);
            int x = a0 + c * 4;
            t[base] = 0;
            for (int i = 1; i < 16; i++) {
                t[base + i] = (short) (t[base + (i & (i - 1))] + act[x + Integer.numberOfTrailingZeros(i)]);
            }
        }
    }

    private void sweep4(int gi, long sumA, short[] t, double[] out, int outOffset) {
        final byte[] idx = index;
        final int bpp = bytesPerPlane;
        final int p = planes;
        int o = gi * n * p * bpp;
        int hb = gi * n;
        for (int row = 0; row < n; row++) {
            long su = 0;
            for (int pl = 0; pl < p; pl++) {
                int acc = 0;
                int tb = 0;
                for (int j = 0; j < bpp; j++) {
                    int b = idx[o + j];
                    acc += t[tb + (b & 15)] + t[tb + 16 + ((b >>> 4) & 15)];
                    tb += 32;
                }
                su += (long) acc << pl;
                o += bpp;
            }
            long x2 = twiceLevelScale * su + offset[hb + row] * sumA;
            out[outOffset + row] += halfScale[hb + row] * (double) x2;
        }
    }
}
