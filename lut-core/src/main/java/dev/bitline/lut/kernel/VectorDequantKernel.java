package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The best dequantize-then-multiply baseline built for {@link VectorLutKernel}: the same Vector
 * API, the same row blocking, threads and epilogue, but no tables. Weight rows sit in the 32
 * int16 lanes of a 512-bit vector; one short per lane holds 16 / bits consecutive codes of its
 * row (3-bit codes take 4 bits). Per activation {@code a_k} the kernel extracts the codes with
 * a shift and a mask and does {@code acc += code * a_k} (a broadcast multiply-add in int16),
 * flushing to int32 before int16 could overflow. This is the vectorised form of what
 * {@link BaselineKernel} does in scalar code, and the LUT kernel's speedup is quoted against
 * it. 1..4-bit weights only (8-bit products overflow int16 pairs).
 */
public final class VectorDequantKernel implements QuantGemm {
    static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    static final int ROWS = 32;

    private final int n;
    private final int k;
    private final int groupSize;
    private final int groups;
    private final int blocks;
    private final int bits;
    private final int codesPerShort;
    private final int vectorsPerGroup;
    /** vectors accumulated in int16 before the int32 flush */
    private final int span;
    private final short[] codes;
    private final float[] scales;
    private final int[] offsets;
    private final double twiceLevelScale;

    private VectorDequantKernel(PackedWeights w, int bits, short[] codes, float[] scales, int[] offsets) {
        this.n = w.n();
        this.k = w.k();
        this.groupSize = w.groupSize();
        this.groups = w.groups();
        this.blocks = (n + ROWS - 1) / ROWS;
        this.bits = bits;
        this.codesPerShort = 16 / bits;
        this.vectorsPerGroup = (groupSize + codesPerShort - 1) / codesPerShort;
        int mask = (1 << bits) - 1;
        this.span = Math.max(1, Short.MAX_VALUE / (codesPerShort * mask * 128));
        this.codes = codes;
        this.scales = scales;
        this.offsets = offsets;
        this.twiceLevelScale = 2.0 * w.format().levelScale();
    }

    /** Short lane s holds row 16 (s & 1) + s / 2: the int32 split then yields rows in order. */
    static int rowOfLane(int s) {
        return 16 * (s & 1) + (s >> 1);
    }

    /** @throws IllegalArgumentException for 8-bit weights */
    public static VectorDequantKernel prepare(PackedWeights w) {
        WeightFormat f = w.format();
        if (f.planes() > 4) {
            throw new IllegalArgumentException("vector dequantize baseline supports 1..4-bit weights, got " + f.name());
        }
        int bits = f.planes() == 3 ? 4 : f.planes();
        int cps = 16 / bits;
        int gs = w.groupSize();
        int groups = w.groups();
        int vpg = (gs + cps - 1) / cps;
        int n = w.n();
        int k = w.k();
        int blocks = (n + ROWS - 1) / ROWS;
        short[] codes = new short[blocks * groups * vpg * ROWS];
        float[] scales = new float[blocks * groups * ROWS];
        int[] offsets = new int[blocks * groups * ROWS];
        for (int rb = 0; rb < blocks; rb++) {
            for (int gi = 0; gi < groups; gi++) {
                for (int s = 0; s < ROWS; s++) {
                    int row = rb * ROWS + rowOfLane(s);
                    if (row >= n) {
                        continue;
                    }
                    for (int v = 0; v < vpg; v++) {
                        int c = 0;
                        for (int t = 0; t < cps; t++) {
                            int i = v * cps + t;
                            int col = gi * gs + i;
                            if (i < gs && col < k) {
                                c |= w.code(row, col) << (bits * t);
                            }
                        }
                        codes[((rb * groups + gi) * vpg + v) * ROWS + s] = (short) c;
                    }
                }
                for (int r = 0; r < ROWS; r++) {
                    int row = rb * ROWS + r;
                    if (row < n) {
                        scales[(rb * groups + gi) * ROWS + r] = w.scale(row, gi);
                        offsets[(rb * groups + gi) * ROWS + r] = 2 * f.levelOffset() - w.twiceZero(row, gi);
                    }
                }
            }
        }
        return new VectorDequantKernel(w, bits, codes, scales, offsets);
    }

    @Override
    public String name() {
        return "dequant-vector";
    }

    @Override
    public int n() {
        return n;
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public long weightBytes() {
        return 2L * codes.length + 4L * scales.length + 4L * offsets.length;
    }

    @Override
    public void gemm(byte[] a, int m, double[] out, int threads) {
        if (a.length < (long) m * k || out.length < (long) m * n) {
            throw new IllegalArgumentException("gemm: need " + m + "x" + k + " activations and " + m + "x" + n
                    + " outputs, got " + a.length + " and " + out.length);
        }
        int stride = groups * vectorsPerGroup * codesPerShort;
        short[] act = new short[m * stride];
        long[] sumA = new long[m * groups];
        for (int mi = 0; mi < m; mi++) {
            for (int gi = 0; gi < groups; gi++) {
                for (int i = 0; i < groupSize; i++) {
                    int col = gi * groupSize + i;
                    short v = col < k ? a[mi * k + col] : 0;
                    act[mi * stride + gi * vectorsPerGroup * codesPerShort + i] = v;
                    sumA[mi * groups + gi] += v;
                }
            }
        }
        RowBlocks.run(blocks, threads, (from, to) -> sweep(act, stride, sumA, m, out, from, to));
    }

    private void sweep(short[] act, int stride, long[] sumA, int m, double[] out, int from, int to) {
        int[] su = new int[ROWS];
        double[] acc = new double[m * ROWS];
        for (int rb = from; rb < to; rb++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int gi = 0; gi < groups; gi++) {
                int o = (rb * groups + gi) * vectorsPerGroup * ROWS;
                int sc = (rb * groups + gi) * ROWS;
                for (int mi = 0; mi < m; mi++) {
                    int x = mi * stride + gi * vectorsPerGroup * codesPerShort;
                    switch (bits) {
                        case 1: groupSums1(act, x, o, su); break;
                        case 2: groupSums2(act, x, o, su); break;
                        default: groupSums4(act, x, o, su); break;
                    }
                    VectorLutKernel.epilogue(su, ROWS, scales, offsets, 0, sc, twiceLevelScale,
                            (double) sumA[mi * groups + gi], acc, mi * ROWS);
                }
            }
            int rows = Math.min(ROWS, n - rb * ROWS);
            for (int mi = 0; mi < m; mi++) {
                System.arraycopy(acc, mi * ROWS, out, mi * n + rb * ROWS, rows);
            }
        }
    }

    /*
     * su[r] = sum over the group of a_k u[r][k] for the 32 rows of a block, one method per code
     * width so that every shift count is a compile-time constant: C2 in JDK 17 does not
     * intrinsify a vector shift by a variable count, and the fallback it then compiles also
     * pollutes the type profiles that the LUT kernel's shifts share (measured: the LUT kernel
     * ran 1.6x slower when this kernel had run first).
     */

    private void groupSums1(short[] act, int x, int o, int[] su) {
        IntVector lo = IntVector.zero(I);
        IntVector hi = lo;
        for (int v0 = 0; v0 < vectorsPerGroup; v0 += span) {
            int v1 = Math.min(vectorsPerGroup, v0 + span);
            ShortVector acc = ShortVector.zero(S);
            for (int v = v0; v < v1; v++) {
                ShortVector w = ShortVector.fromArray(S, codes, o + v * ROWS);
                int xa = x + v * 16;
                for (int t = 0; t < 16; t++) {
                    acc = acc.add(w.and((short) 1).mul(act[xa + t]));
                    w = w.lanewise(VectorOperators.LSHR, 1);
                }
            }
            IntVector e = acc.reinterpretShape(I, 0).reinterpretAsInts();
            lo = lo.add(e.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            hi = hi.add(e.lanewise(VectorOperators.ASHR, 16));
        }
        lo.intoArray(su, 0);
        hi.intoArray(su, 16);
    }

    private void groupSums2(short[] act, int x, int o, int[] su) {
        IntVector lo = IntVector.zero(I);
        IntVector hi = lo;
        for (int v0 = 0; v0 < vectorsPerGroup; v0 += span) {
            int v1 = Math.min(vectorsPerGroup, v0 + span);
            ShortVector acc = ShortVector.zero(S);
            for (int v = v0; v < v1; v++) {
                ShortVector w = ShortVector.fromArray(S, codes, o + v * ROWS);
                int xa = x + v * 8;
                for (int t = 0; t < 8; t++) {
                    acc = acc.add(w.and((short) 3).mul(act[xa + t]));
                    w = w.lanewise(VectorOperators.LSHR, 2);
                }
            }
            IntVector e = acc.reinterpretShape(I, 0).reinterpretAsInts();
            lo = lo.add(e.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            hi = hi.add(e.lanewise(VectorOperators.ASHR, 16));
        }
        lo.intoArray(su, 0);
        hi.intoArray(su, 16);
    }

    private void groupSums4(short[] act, int x, int o, int[] su) {
        IntVector lo = IntVector.zero(I);
        IntVector hi = lo;
        for (int v0 = 0; v0 < vectorsPerGroup; v0 += span) {
            int v1 = Math.min(vectorsPerGroup, v0 + span);
            ShortVector acc = ShortVector.zero(S);
            for (int v = v0; v < v1; v++) {
                ShortVector w = ShortVector.fromArray(S, codes, o + v * ROWS);
                int xa = x + v * 4;
                for (int t = 0; t < 4; t++) {
                    acc = acc.add(w.and((short) 15).mul(act[xa + t]));
                    w = w.lanewise(VectorOperators.LSHR, 4);
                }
            }
            IntVector e = acc.reinterpretShape(I, 0).reinterpretAsInts();
            lo = lo.add(e.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            hi = hi.add(e.lanewise(VectorOperators.ASHR, 16));
        }
        lo.intoArray(su, 0);
        hi.intoArray(su, 16);
    }
}
