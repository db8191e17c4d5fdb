package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD LUT mpGEMV/mpGEMM on the Vector API, T-MAC's scheme: per activation chunk of 4 a
 * 16-entry table of partial sums, looked up for 64 weight rows at once with one byte permute
 * ({@code rearrange}, which C2 compiles to {@code vpermb} on AVX-512 VBMI); bit-serial weight
 * planes, 4-bit indices two to a byte, so W2 costs 2.0 bits per weight plus scales.
 *
 * <p>Exactness. A table entry (a sum of 4 int8) needs 10 bits, a byte lookup gives 8, and T-MAC
 * rounds its tables to int8. To stay exact the activations are split {@code a = 16 ah + al}
 * ({@code al = a & 15} in 0..15, {@code ah = a >> 4} in -8..7) and each chunk gets two byte
 * tables, of al sums (0..60) and of ah sums (-32..28); both are looked up with the same shuffle.
 * Four lookups are summed in bytes (at most 240 unsigned, -128..112 signed), widened to int16
 * lanes, summed over at most 256 activations (where {@code sum(al) + 16 sum(ah)} still fits
 * int16), then to int32 with the plane shift. The per-(row, group) epilogue is the scalar
 * kernels' arithmetic in doubles, {@code out += (s/2) (2 levelScale su + offset sumA)}, every
 * term an exact integer before the one rounded product and sum, so results are bit-identical
 * to {@link LutKernel}, {@code LutGemm} and {@code ReferenceGemm}.
 *
 * <p>Layout (offline, {@link #prepare}): rows in blocks of 64, one byte lane per row;
 * {@code index[block][group][plane][pair][64]} where byte j of a pair holds the plane's bits
 * for 8 consecutive activations (low nibble: chunk 2q, high nibble: chunk 2q + 1). The byte
 * lane to row map {@link #rowOfLane} undoes the two even/odd splits of the widening
 * (bytes to shorts to ints) so that the int32 sums come out in row order. Scales (float) and
 * offsets (int, omitted when one value serves all groups) are [block][group][64].
 *
 * <p>Loop order: row block, group, activation row, plane, pair. A GEMM (m > 1) reuses each
 * block's group of index bytes (2 KB at W2) from L1 for all m rows. Threads split the blocks.
 */
public final class VectorLutKernel implements QuantGemm {
    static final VectorSpecies<Byte> B = ByteVector.SPECIES_512;
    static final VectorSpecies<Short> S = ShortVector.SPECIES_512;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_512;
    static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    static final int ROWS = 64;
    /** Pairs (8 activations) summed in int16 before the int32 flush: 256 activations. */
    static final int SPAN_PAIRS = 32;

    private final int n;
    private final int k;
    private final int planes;
    private final int groupSize;
    private final int groups;
    private final int pairs;
    private final int blocks;
    private final int chunks;
    private final byte[] index;
    private final float[] scales;
    /** 2 levelOffset - 2z per [block][group][64]; null when every group has {@link #uniformOffset}. */
    private final int[] offsets;
    private final int uniformOffset;
    private final double twiceLevelScale;

    private VectorLutKernel(PackedWeights w, byte[] index, float[] scales, int[] offsets, int uniformOffset) {
        this.n = w.n();
        this.k = w.k();
        this.planes = w.format().planes();
        this.groupSize = w.groupSize();
        this.groups = w.groups();
        this.pairs = groupSize / 8;
        this.blocks = (n + ROWS - 1) / ROWS;
        this.chunks = groups * groupSize / 4;
        this.index = index;
        this.scales = scales;
        this.offsets = offsets;
        this.uniformOffset = uniformOffset;
        this.twiceLevelScale = 2.0 * w.format().levelScale();
    }

    /** Bits of the preferred vector shape on this JVM and CPU. */
    public static int preferredBits() {
        return ByteVector.SPECIES_PREFERRED.vectorBitSize();
    }

    /** Row (within a block) held by byte lane j: see the class comment. */
    static int rowOfLane(int j) {
        return 16 * (2 * (j & 1) + ((j >> 1) & 1)) + (j >> 2);
    }

    /**
     * Offline re-packing of the weights.
     *
     * @throws IllegalArgumentException if the group size is not a multiple of 8
     */
    public static VectorLutKernel prepare(PackedWeights w) {
        if (w.groupSize() % 8 != 0) {
            throw new IllegalArgumentException("kernel needs a quantization group size that is a multiple of 8, got "
                    + w.groupSize());
        }
        int n = w.n();
        int k = w.k();
        int p = w.format().planes();
        int gs = w.groupSize();
        int groups = w.groups();
        int pairs = gs / 8;
        int blocks = (n + ROWS - 1) / ROWS;
        long size = (long) blocks * groups * p * pairs * ROWS;
        if (size > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("weight matrix too large for one kernel: " + n + "x" + k);
        }
        byte[] index = new byte[(int) size];
        int words = w.wordsPerRow();
        long[] planesArr = w.planes();
        int[] laneRow = new int[ROWS];
        for (int j = 0; j < ROWS; j++) {
            laneRow[j] = rowOfLane(j);
        }
        int o = 0;
        for (int rb = 0; rb < blocks; rb++) {
            for (int gi = 0; gi < groups; gi++) {
                for (int pl = 0; pl < p; pl++) {
                    for (int q = 0; q < pairs; q++) {
                        int col = gi * gs + q * 8;
                        for (int j = 0; j < ROWS; j++) {
                            int row = rb * ROWS + laneRow[j];
                            int b = 0;
                            if (row < n && col < k) {
                                // col is a multiple of 8: the byte never straddles two words
                                b = (int) (planesArr[(pl * n + row) * words + (col >>> 6)] >>> (col & 63)) & 0xFF;
                            }
                            index[o++] = (byte) b;
                        }
                    }
                }
            }
        }
        WeightFormat f = w.format();
        float[] scales = new float[blocks * groups * ROWS];
        int[] offsets = new int[blocks * groups * ROWS];
        int first = 2 * f.levelOffset() - w.twiceZero(0, 0);
        boolean uniform = true;
        for (int rb = 0; rb < blocks; rb++) {
            for (int gi = 0; gi < groups; gi++) {
                for (int r = 0; r < ROWS; r++) {
                    int row = rb * ROWS + r;
                    if (row < n) {
                        int i = (rb * groups + gi) * ROWS + r;
                        scales[i] = w.scale(row, gi);
                        offsets[i] = 2 * f.levelOffset() - w.twiceZero(row, gi);
                        uniform &= offsets[i] == first;
                    }
                }
            }
        }
        return new VectorLutKernel(w, index, scales, uniform ? null : offsets, first);
    }

    @Override
    public String name() {
        return "lut-vector";
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
        return index.length + 4L * scales.length + (offsets == null ? 0 : 4L * offsets.length);
    }

    /** Per-call tables: al and ah sums per chunk of 4 activations, and sum(a) per group. */
    private record Tables(byte[] lo, byte[] hi, long[] sumA) {}

    /** SPREAD[4u + j]: lane 16c + i takes activation j of chunk 4u + c of a 64-activation vector. */
    private static final VectorShuffle<Byte>[] SPREAD = spread();
    /** BIT[j]: lane 16c + i is all ones where bit j of the entry index i is set. */
    private static final ByteVector[] BIT = bitMasks();

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[] spread() {
        VectorShuffle<Byte>[] s = new VectorShuffle[16];
        for (int u = 0; u < 4; u++) {
            for (int j = 0; j < 4; j++) {
                int[] lanes = new int[64];
                for (int lane = 0; lane < 64; lane++) {
                    lanes[lane] = 4 * (4 * u + lane / 16) + j;
                }
                s[4 * u + j] = VectorShuffle.fromArray(B, lanes, 0);
            }
        }
        return s;
    }

    private static ByteVector[] bitMasks() {
        ByteVector[] m = new ByteVector[4];
        for (int j = 0; j < 4; j++) {
            byte[] lanes = new byte[64];
            for (int lane = 0; lane < 64; lane++) {
                lanes[lane] = (byte) (((lane & 15) >> j & 1) != 0 ? -1 : 0);
            }
            m[j] = ByteVector.fromArray(B, lanes, 0);
        }
        return m;
    }

    /**
     * Tables of all m activation rows, four chunks (64 entries) per vector: each entry is
     * {@code sum_j BIT[j] & a_j}, the activations spread to the 16 entries of their chunk by a
     * constant shuffle. (The scalar build took 0.17 ms per 4096 activations, a third of a GEMV.)
     */
    private Tables buildTables(byte[] a, int m) {
        int stride = chunks * 16;
        int kPad = groups * groupSize;
        byte[] lo = new byte[m * stride + 64];
        byte[] hi = new byte[m * stride + 64];
        long[] sumA = new long[m * groups];
        int padded = (kPad + 63) & ~63;
        byte[] al = new byte[padded];
        byte[] ah = new byte[padded];
        for (int mi = 0; mi < m; mi++) {
            int x = 0;
            for (int gi = 0; gi < groups; gi++) {
                long sum = 0;
                for (int i = 0; i < groupSize; i++, x++) {
                    int v = x < k ? a[mi * k + x] : 0;
                    al[x] = (byte) (v & 15);
                    ah[x] = (byte) (v >> 4);
                    sum += v;
                }
                sumA[mi * groups + gi] = sum;
            }
            for (int c16 = 0; c16 < chunks; c16 += 16) {
                ByteVector vl = ByteVector.fromArray(B, al, 4 * c16);
                ByteVector vh = ByteVector.fromArray(B, ah, 4 * c16);
                for (int u = 0; u < 4 && c16 + 4 * u < chunks; u++) {
                    ByteVector tl = vl.rearrange(SPREAD[4 * u]).and(BIT[0]);
                    ByteVector th = vh.rearrange(SPREAD[4 * u]).and(BIT[0]);
                    for (int j = 1; j < 4; j++) {
                        tl = tl.add(vl.rearrange(SPREAD[4 * u + j]).and(BIT[j]));
                        th = th.add(vh.rearrange(SPREAD[4 * u + j]).and(BIT[j]));
                    }
                    // may run up to 2 chunks into the next row's tables, rewritten when that row is built
                    tl.intoArray(lo, mi * stride + (c16 + 4 * u) * 16);
                    th.intoArray(hi, mi * stride + (c16 + 4 * u) * 16);
                }
            }
        }
        return new Tables(lo, hi, sumA);
    }

    @Override
    public void gemm(byte[] a, int m, double[] out, int threads) {
        if (a.length < (long) m * k || out.length < (long) m * n) {
            throw new IllegalArgumentException("gemm: need " + m + "x" + k + " activations and " + m + "x" + n
                    + " outputs, got " + a.length + " and " + out.length);
        }
        Tables t = buildTables(a, m);
        RowBlocks.run(blocks, threads, (from, to) -> sweep(t, m, out, from, to));
    }

    private void sweep(Tables t, int m, double[] out, int from, int to) {
        int[] su = new int[ROWS];
        double[] acc = new double[m * ROWS];
        for (int rb = from; rb < to; rb++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int gi = 0; gi < groups; gi++) {
                int o = (rb * groups + gi) * planes * pairs * ROWS;
                int sc = (rb * groups + gi) * ROWS;
                for (int mi = 0; mi < m; mi++) {
                    int tb = mi * chunks * 16 + gi * (groupSize / 4) * 16;
                    groupSums(t.lo, t.hi, tb, o, su);
                    epilogue(su, ROWS, scales, offsets, uniformOffset, sc, twiceLevelScale,
                            (double) t.sumA[mi * groups + gi], acc, mi * ROWS);
                }
            }
            int rows = Math.min(ROWS, n - rb * ROWS);
            for (int mi = 0; mi < m; mi++) {
                System.arraycopy(acc, mi * ROWS, out, mi * n + rb * ROWS, rows);
            }
        }
    }

    /** su[r] = sum(a u) of one (block, group, activation row), rows in block order. */
    private void groupSums(byte[] lo, byte[] hi, int tb, int o, int[] su) {
        java.util.Arrays.fill(su, 0);
        for (int pl = 0; pl < planes; pl++) {
            for (int q0 = 0; q0 < pairs; q0 += SPAN_PAIRS) {
                spanSums(lo, hi, tb + q0 * 32, o + q0 * ROWS, Math.min(SPAN_PAIRS, pairs - q0), pl, su);
            }
            o += pairs * ROWS;
        }
    }

    /**
     * su[r] += (sum over {@code count} <= 32 pairs of one plane) << shift. Kept apart from
     * {@link #groupSums} so that the only vectors live across a loop back-edge are the four int16
     * accumulators (with more, C2 in JDK 17 boxed vectors on the heap inside the loop).
     */
    private void spanSums(byte[] lo, byte[] hi, int t, int w, int count, int shift, int[] su) {
        final byte[] idx = index;
        ShortVector le = ShortVector.zero(S);
        ShortVector lo16 = le;
        ShortVector he = le;
        ShortVector ho = le;
        int iters = count >> 1;
        for (int i = 0; i < iters; i++) { // one induction variable: C2 can hoist the range checks
            int ti = t + 64 * i;
            int wi = w + 2 * ROWS * i;
            ByteVector x = ByteVector.fromArray(B, idx, wi);
            ByteVector y = ByteVector.fromArray(B, idx, wi + ROWS);
            VectorShuffle<Byte> x0 = x.and((byte) 15).toShuffle();
            VectorShuffle<Byte> x1 = nibbleHi(x).toShuffle();
            VectorShuffle<Byte> y0 = y.and((byte) 15).toShuffle();
            VectorShuffle<Byte> y1 = nibbleHi(y).toShuffle();
            ByteVector sl = ByteVector.fromArray(B, lo, ti).rearrange(x0)
                    .add(ByteVector.fromArray(B, lo, ti + 16).rearrange(x1))
                    .add(ByteVector.fromArray(B, lo, ti + 32).rearrange(y0))
                    .add(ByteVector.fromArray(B, lo, ti + 48).rearrange(y1));
            ByteVector sh = ByteVector.fromArray(B, hi, ti).rearrange(x0)
                    .add(ByteVector.fromArray(B, hi, ti + 16).rearrange(x1))
                    .add(ByteVector.fromArray(B, hi, ti + 32).rearrange(y0))
                    .add(ByteVector.fromArray(B, hi, ti + 48).rearrange(y1));
            ShortVector l = sl.reinterpretShape(S, 0).reinterpretAsShorts();
            ShortVector h = sh.reinterpretShape(S, 0).reinterpretAsShorts();
            le = le.add(l.and((short) 0xFF));
            lo16 = lo16.add(l.lanewise(VectorOperators.LSHR, 8));
            he = he.add(h.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8));
            ho = ho.add(h.lanewise(VectorOperators.ASHR, 8));
        }
        if ((count & 1) != 0) { // odd pair count: the last pair alone
            t += 64 * iters;
            w += 2 * ROWS * iters;
            ByteVector x = ByteVector.fromArray(B, idx, w);
            VectorShuffle<Byte> x0 = x.and((byte) 15).toShuffle();
            VectorShuffle<Byte> x1 = nibbleHi(x).toShuffle();
            ByteVector sl = ByteVector.fromArray(B, lo, t).rearrange(x0)
                    .add(ByteVector.fromArray(B, lo, t + 16).rearrange(x1));
            ByteVector sh = ByteVector.fromArray(B, hi, t).rearrange(x0)
                    .add(ByteVector.fromArray(B, hi, t + 16).rearrange(x1));
            ShortVector l = sl.reinterpretShape(S, 0).reinterpretAsShorts();
            ShortVector h = sh.reinterpretShape(S, 0).reinterpretAsShorts();
            le = le.add(l.and((short) 0xFF));
            lo16 = lo16.add(l.lanewise(VectorOperators.LSHR, 8));
            he = he.add(h.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 8));
            ho = ho.add(h.lanewise(VectorOperators.ASHR, 8));
        }
        // exact int16 sums of the span (|sum| <= 128 * 256), split to int32 lanes, shifted by plane
        IntVector e = le.add(he.lanewise(VectorOperators.LSHL, 4)).reinterpretShape(I, 0).reinterpretAsInts();
        IntVector od = lo16.add(ho.lanewise(VectorOperators.LSHL, 4)).reinterpretShape(I, 0).reinterpretAsInts();
        // (a shift by a variable count is not intrinsified in JDK 17: it boxed and called out; multiply instead)
        int weight = 1 << shift;
        IntVector.fromArray(I, su, 0).add(e.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .mul(weight)).intoArray(su, 0);
        IntVector.fromArray(I, su, 16).add(e.lanewise(VectorOperators.ASHR, 16).mul(weight)).intoArray(su, 16);
        IntVector.fromArray(I, su, 32).add(od.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
                .mul(weight)).intoArray(su, 32);
        IntVector.fromArray(I, su, 48).add(od.lanewise(VectorOperators.ASHR, 16).mul(weight)).intoArray(su, 48);
    }

    /** High nibble of every byte (shifting as shorts: x86 has no byte shift). */
    private static ByteVector nibbleHi(ByteVector x) {
        return x.reinterpretShape(S, 0).reinterpretAsShorts().lanewise(VectorOperators.LSHR, 4).reinterpretShape(B, 0).reinterpretAsBytes().and((byte) 15);
    }

    /**
     * acc[a0 + r] += (s/2) (2 levelScale su[r] + offset sumA) for rows r < {@code rows} (a
     * multiple of 16) of one (block, group): every term is an exact integer in double, then one
     * rounded product and one rounded sum, as in the scalar kernels. Scales and offsets start
     * at {@code sc}; {@code offsets} null means {@code uniformOffset} for all.
     */
    static void epilogue(int[] su, int rows, float[] scales, int[] offsets, int uniformOffset, int sc,
                         double twiceLevelScale, double sumA, double[] acc, int a0) {
        // Only 512-bit shapes: a second IntVector shape pollutes the shared type profiles of
        // IntVector's methods and C2 then fails to intrinsify their stores (measured: 8% of a
        // GEMV). Two loops rather than a null-or-vector phi: C2 boxes a vector that merges with
        // null, and the epilogue is shared with the dequantize kernel, which has offsets.
        if (offsets == null) {
            DoubleVector off = DoubleVector.broadcast(D, uniformOffset * sumA);
            for (int r = 0; r < rows; r += 16) {
                IntVector s16 = IntVector.fromArray(I, su, r);
                FloatVector f16 = FloatVector.fromArray(F, scales, sc + r);
                for (int part = 0; part < 2; part++) {
                    DoubleVector x2 = ((DoubleVector) s16.convertShape(VectorOperators.I2D, D, part))
                            .mul(twiceLevelScale).add(off);
                    DoubleVector hs = ((DoubleVector) f16.convertShape(VectorOperators.F2D, D, part)).mul(0.5);
                    int at = a0 + r + 8 * part;
                    DoubleVector.fromArray(D, acc, at).add(hs.mul(x2)).intoArray(acc, at);
                }
            }
        } else {
            for (int r = 0; r < rows; r += 16) {
                IntVector s16 = IntVector.fromArray(I, su, r);
                FloatVector f16 = FloatVector.fromArray(F, scales, sc + r);
                IntVector o16 = IntVector.fromArray(I, offsets, sc + r);
                for (int part = 0; part < 2; part++) {
                    DoubleVector x2 = ((DoubleVector) s16.convertShape(VectorOperators.I2D, D, part))
                            .mul(twiceLevelScale)
                            .add(((DoubleVector) o16.convertShape(VectorOperators.I2D, D, part)).mul(sumA));
                    DoubleVector hs = ((DoubleVector) f16.convertShape(VectorOperators.F2D, D, part)).mul(0.5);
                    int at = a0 + r + 8 * part;
                    DoubleVector.fromArray(D, acc, at).add(hs.mul(x2)).intoArray(acc, at);
                }
            }
        }
    }
}
