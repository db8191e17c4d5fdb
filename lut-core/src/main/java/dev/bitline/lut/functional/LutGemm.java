package dev.bitline.lut.functional;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.sim.numeric.Fp16;

/**
 * Bit-exact functional model of LUT-based mixed-precision GEMM, O[M,N] = A[M,K] x W[N,K]^T.
 *
 * <p>Per row of A and per chunk of g consecutive activations a table is precomputed; for every
 * weight row and bit-plane the g weight bits of the chunk form the table index; looked-up
 * entries are shifted by the plane number and accumulated (bit-serial). Symmetrized tables
 * (LUT Tensor Core) hold T'[i] = sum_j (2 bit_j(i) - 1) a_j for the 2^(g-1) indices whose sign
 * bit is 0 and recover the rest as T'[i] = -T'[~i]; weights are read through the
 * {@link Reinterpretation}. Plain tables (T-MAC without mirroring) hold
 * T[i] = sum_{j: bit_j(i) = 1} a_j for all 2^g indices.
 *
 * <p>Per quantization group the model forms the integer (or float) group sum
 * {@code J2 = planeMul * sum_planes 2^b T[idx_b] - zero * sum(a)}, which equals
 * {@code 2 * sum_k a_k (level_k - z)}, and accumulates {@code (s / 2) * J2} over groups in
 * order in double. The reference ({@link ReferenceGemm}) accumulates {@code s * X} with
 * {@code X = sum_k a_k (level_k - z)}; since {@code (s/2) * J2} and {@code s * X} are the same
 * real number, a single correctly rounded double product makes them equal bit for bit. That is
 * why integer activations with {@link TablePrecision#EXACT} give results equal to the
 * reference, not merely close.
 *
 * <p>Requirements: A.k == W.k; the quantization group size is a multiple of g (so no table
 * straddles two groups). K need not be a multiple of g or of the group size: the last chunk
 * is padded with zero activations and zero weight bits.
 */
public final class LutGemm {
    private static final double U64 = 0x1p-53;

    private LutGemm() {}

    /** Runs the GEMM with the given configuration. */
    public static LutResult multiply(Activations a, PackedWeights w, LutConfig cfg) {
        Plan plan = new Plan(a, w, cfg);
        double[] out = new double[plan.m * plan.n];
        long negations = 0;
        Tables t = new Tables(plan);
        for (int row = 0; row < plan.m; row++) {
            t.build(a, row);
            for (int col = 0; col < plan.n; col++) {
                double o = 0.0;
                for (int gi = 0; gi < plan.groups; gi++) {
                    int c0 = gi * plan.chunksPerGroup;
                    int c1 = Math.min(plan.chunks, c0 + plan.chunksPerGroup);
                    Epilogue ep = plan.epilogue(col, gi);
                    double term;
                    if (t.exactInt) {
                        long acc = 0;
                        for (int c = c0; c < c1; c++) {
                            for (int p = 0; p < plan.planes; p++) {
                                int idx = plan.index(p, col, c);
                                long v = t.lookupLong(c, idx);
                                if (plan.cfg.symmetric() && ((idx >>> plan.signPos) & 1) != 0) {
                                    negations++;
                                }
                                acc += v << p;
                            }
                        }
                        long j2 = ep.planeMul * acc - ep.zero * t.groupSumLong[gi];
                        term = ep.scale * (double) j2;
                    } else {
                        double acc = 0.0;
                        for (int c = c0; c < c1; c++) {
                            if (t.int8) {
                                long qacc = 0;
                                for (int p = 0; p < plan.planes; p++) {
                                    int idx = plan.index(p, col, c);
                                    if (plan.cfg.symmetric() && ((idx >>> plan.signPos) & 1) != 0) {
                                        negations++;
                                    }
                                    qacc += t.lookupQ(c, idx) << p;
                                }
                                acc += t.qScale[c] * (double) qacc;
                            } else {
                                for (int p = 0; p < plan.planes; p++) {
                                    int idx = plan.index(p, col, c);
                                    if (plan.cfg.symmetric() && ((idx >>> plan.signPos) & 1) != 0) {
                                        negations++;
                                    }
                                    acc += Math.scalb(t.lookupDouble(c, idx), p);
                                }
                            }
                        }
                        double j2 = ep.planeMul * acc - ep.zero * t.groupSumDouble[gi];
                        term = ep.scale * j2;
                    }
                    o += term;
                }
                out[row * plan.n + col] = o;
            }
        }
        return new LutResult(plan.m, plan.n, out, plan.counts(negations));
    }

    /** Counts of a GEMM without running it (data-independent fields; negations = -1, unknown). */
    public static LutCounts counts(int m, int n, int k, WeightFormat f, int groupSize, LutConfig cfg) {
        return Plan.counts(m, n, k, f.planes(), groupSize, cfg, -1);
    }

    /**
     * Error of int8-quantized tables against the unquantized ones for these activations:
     * max |q * scale - T| over all stored entries, that maximum relative to the largest |T| of
     * the same table (max over tables), and the mean absolute error.
     */
    public static TableQuantError tableQuantizationError(Activations a, LutConfig cfg) {
        LutConfig exact = cfg.withTable(TablePrecision.EXACT);
        LutConfig quant = cfg.withTable(TablePrecision.INT8);
        Plan pe = Plan.forTables(a, exact);
        Plan pq = Plan.forTables(a, quant);
        Tables te = new Tables(pe);
        Tables tq = new Tables(pq);
        double maxAbs = 0;
        double maxRel = 0;
        double sumAbs = 0;
        long entries = 0;
        for (int row = 0; row < a.m(); row++) {
            te.build(a, row);
            tq.build(a, row);
            for (int c = 0; c < pe.chunks; c++) {
                double tableMax = 0;
                double tableErr = 0;
                for (int e = 0; e < pe.entries; e++) {
                    double exactV = te.exactInt ? te.longTab[c * pe.entries + e] : te.dblTab[c * pe.entries + e];
                    double q = tq.qScale[c] * (double) tq.qTab[c * pq.entries + e];
                    double err = Math.abs(q - exactV);
                    tableMax = Math.max(tableMax, Math.abs(exactV));
                    tableErr = Math.max(tableErr, err);
                    sumAbs += err;
                    entries++;
                }
                maxAbs = Math.max(maxAbs, tableErr);
                if (tableMax > 0) {
                    maxRel = Math.max(maxRel, tableErr / tableMax);
                }
            }
        }
        return new TableQuantError(maxAbs, maxRel, entries == 0 ? 0 : sumAbs / entries, entries);
    }

    /**
     * A bound on |LUT result - exact result| for every output, valid for every table precision
     * when no table entry overflows its format (see docs/lut-functional.md for the derivation):
     * sum over groups of |s|/2 * (planeMul (2^P - 1) sum_chunks E_c + u64 S (planeMul (2^P - 1)
     * + |z'|) (chunks P + len + groups + 8)), where E_c bounds one entry's error and S is the
     * group's sum of |a|. The reference itself is computed in double and its own rounding is
     * covered by the u64 term, so |LUT - reference| is within this bound as well.
     */
    public static double[] errorBound(Activations a, PackedWeights w, LutConfig cfg) {
        Plan plan = new Plan(a, w, cfg);
        Tables t = new Tables(plan);
        double[] bound = new double[plan.m * plan.n];
        double[] chunkAbs = new double[plan.chunks];
        double[] chunkErr = new double[plan.chunks];
        double[] groupAbs = new double[plan.groups];
        double planeRange = (1L << plan.planes) - 1;
        // the exact integer path makes the same two roundings as the reference: bound 0
        double u = t.exactInt ? 0.0 : U64;
        for (int row = 0; row < plan.m; row++) {
            t.build(a, row);
            java.util.Arrays.fill(groupAbs, 0);
            for (int c = 0; c < plan.chunks; c++) {
                double s = 0;
                for (int j = 0; j < plan.g; j++) {
                    int col = c * plan.g + j;
                    if (col < plan.k) {
                        s += Math.abs(a.value(row, col));
                    }
                }
                s *= 1 + 4 * plan.g * U64;
                chunkAbs[c] = s;
                chunkErr[c] = t.entryErrorBound(c, s);
                groupAbs[c / plan.chunksPerGroup] += s;
            }
            for (int col = 0; col < plan.n; col++) {
                double b = 0;
                for (int gi = 0; gi < plan.groups; gi++) {
                    int c0 = gi * plan.chunksPerGroup;
                    int c1 = Math.min(plan.chunks, c0 + plan.chunksPerGroup);
                    Epilogue ep = plan.epilogue(col, gi);
                    double tableErr = 0;
                    for (int c = c0; c < c1; c++) {
                        tableErr += chunkErr[c];
                    }
                    int len = Math.min(plan.k, (gi + 1) * w.groupSize()) - gi * w.groupSize();
                    double mag = ep.planeMul * planeRange + Math.abs(ep.zero);
                    double ops = (c1 - c0) * plan.planes + len + plan.groups + 8;
                    b += Math.abs(ep.scale) * (ep.planeMul * planeRange * tableErr
                            + u * groupAbs[gi] * mag * ops * 1.01);
                }
                bound[row * plan.n + col] = b;
            }
        }
        return bound;
    }

    /** Scale and zero correction of one (weight row, group): out += scale * (planeMul * acc - zero * sum(a)). */
    private record Epilogue(double scale, long zero, long planeMul) {}

    /** Shape, validation and weight-side constants of one GEMM. */
    private static final class Plan {
        final Activations a;
        final PackedWeights w;
        final LutConfig cfg;
        final int m;
        final int n;
        final int k;
        final int g;
        final int planes;
        final int chunks;
        final int groups;
        final int chunksPerGroup;
        final int entries;
        final int signPos;
        final int words;

        Plan(Activations a, PackedWeights w, LutConfig cfg) {
            if (a.k() != w.k()) {
                throw new IllegalArgumentException("K mismatch: activations are " + a.m() + "x" + a.k()
                        + ", weights " + w.n() + "x" + w.k());
            }
            if (w.groupSize() % cfg.g() != 0) {
                throw new IllegalArgumentException("quantization group size " + w.groupSize()
                        + " must be a multiple of the LUT activation group g = " + cfg.g());
            }
            this.a = a;
            this.w = w;
            this.cfg = cfg;
            this.m = a.m();
            this.n = w.n();
            this.k = a.k();
            this.g = cfg.g();
            this.planes = w.format().planes();
            this.chunks = (k + g - 1) / g;
            this.groups = w.groups();
            this.chunksPerGroup = w.groupSize() / g;
            this.entries = cfg.storedEntries();
            this.signPos = cfg.signBit().position(g);
            this.words = w.wordsPerRow();
        }

        private Plan(Activations a, LutConfig cfg) {
            this.a = a;
            this.w = null;
            this.cfg = cfg;
            this.m = a.m();
            this.n = 0;
            this.k = a.k();
            this.g = cfg.g();
            this.planes = 0;
            this.chunks = (k + g - 1) / g;
            this.groups = 0;
            this.chunksPerGroup = 0;
            this.entries = cfg.storedEntries();
            this.signPos = cfg.signBit().position(g);
            this.words = 0;
        }

        static Plan forTables(Activations a, LutConfig cfg) {
            return new Plan(a, cfg);
        }

        /** The g-bit table index of plane p, weight row col, chunk c. */
        int index(int p, int row, int c) {
            int bit = c * g;
            int base = (p * n + row) * words;
            int wi = bit >>> 6;
            int off = bit & 63;
            long v = w.planes()[base + wi] >>> off;
            if (off + g > 64 && wi + 1 < words) {
                v |= w.planes()[base + wi + 1] << (64 - off);
            }
            return (int) (v & ((1L << g) - 1));
        }

        Epilogue epilogue(int row, int gi) {
            WeightFormat f = w.format();
            double s = w.scale(row, gi);
            int twiceZ = w.twiceZero(row, gi);
            if (cfg.symmetric()) {
                Reinterpretation r = Reinterpretation.of(f, s, twiceZ);
                return new Epilogue(r.scale(), r.zero(), r.planeScale());
            }
            // 2 (level - z) = 2a u + 2b - 2z, and sum_k a_k u_k = sum_b 2^b T_b
            return new Epilogue(s / 2.0, (long) twiceZ - 2L * f.levelOffset(), 2L * f.levelScale());
        }

        LutCounts counts(long negations) {
            return counts(m, n, k, planes, w.groupSize(), cfg, negations);
        }

        static LutCounts counts(int m, int n, int k, int planes, int groupSize, LutConfig cfg, long negations) {
            int g = cfg.g();
            long chunks = (k + g - 1) / g;
            long groups = (k + groupSize - 1) / groupSize;
            long tables = (long) m * chunks;
            int entries = cfg.storedEntries();
            long addsPerTable = 0;
            if (cfg.symmetric()) {
                addsPerTable = (long) entries * (g - 1);
            } else {
                for (int i = 0; i < (1 << g); i++) {
                    addsPerTable += Math.max(0, Integer.bitCount(i) - 1);
                }
            }
            long lookupsPerPlane = (long) m * n * chunks;
            long actSums = (long) m * (k - groups); // sum over groups of (len - 1)
            long tq = cfg.table() == TablePrecision.INT8 ? tables * entries : 0;
            return new LutCounts(m, n, k, g, planes, tables, entries, tables * addsPerTable,
                    lookupsPerPlane, negations, lookupsPerPlane * planes, actSums,
                    (long) m * n * groups, tq);
        }
    }

    /** The tables of one activation row, in the configured precision. */
    private static final class Tables {
        final Plan plan;
        final boolean exactInt;
        final boolean int8;
        final long[] longTab;
        final double[] dblTab;
        final int[] qTab;
        final double[] qScale;
        final long[] groupSumLong;
        final double[] groupSumDouble;
        final double[] scratch;

        Tables(Plan plan) {
            this.plan = plan;
            TablePrecision p = plan.cfg.table();
            this.exactInt = plan.a.format().isInteger() && p == TablePrecision.EXACT;
            this.int8 = p == TablePrecision.INT8;
            int size = plan.chunks * plan.entries;
            this.longTab = exactInt ? new long[size] : null;
            this.dblTab = exactInt ? null : new double[size];
            this.qTab = int8 ? new int[size] : null;
            this.qScale = int8 ? new double[plan.chunks] : null;
            int groups = Math.max(plan.groups, 1);
            this.groupSumLong = new long[groups];
            this.groupSumDouble = new double[groups];
            this.scratch = new double[plan.g];
        }

        /** Full g-bit index of stored entry r (sign bit 0 inserted at signPos when symmetric). */
        int fullIndex(int r) {
            if (!plan.cfg.symmetric()) {
                return r;
            }
            int sp = plan.signPos;
            int low = r & ((1 << sp) - 1);
            int high = r >>> sp;
            return low | (high << (sp + 1));
        }

        void build(Activations a, int row) {
            int g = plan.g;
            boolean sym = plan.cfg.symmetric();
            for (int c = 0; c < plan.chunks; c++) {
                for (int j = 0; j < g; j++) {
                    int col = c * g + j;
                    scratch[j] = col < plan.k ? a.value(row, col) : 0.0;
                }
                for (int r = 0; r < plan.entries; r++) {
                    int i = fullIndex(r);
                    if (exactInt) {
                        long s = 0;
                        for (int j = 0; j < g; j++) {
                            long v = (long) scratch[j];
                            if (((i >>> j) & 1) != 0) {
                                s += v;
                            } else if (sym) {
                                s -= v;
                            }
                        }
                        longTab[c * plan.entries + r] = s;
                    } else {
                        // left-to-right double sum; RNE is sign-symmetric, so T'[~i] = -T'[i]
                        // holds exactly and the sign-bit convention does not change results
                        double s = 0.0;
                        for (int j = 0; j < g; j++) {
                            if (((i >>> j) & 1) != 0) {
                                s += scratch[j];
                            } else if (sym) {
                                s -= scratch[j];
                            }
                        }
                        dblTab[c * plan.entries + r] = round(s);
                    }
                }
                if (int8) {
                    quantizeTable(c);
                }
            }
            if (plan.groups > 0) {
                int gs = plan.w.groupSize();
                for (int gi = 0; gi < plan.groups; gi++) {
                    long sl = 0;
                    double sd = 0.0;
                    int end = Math.min(plan.k, (gi + 1) * gs);
                    for (int col = gi * gs; col < end; col++) {
                        double v = a.value(row, col);
                        if (exactInt) {
                            sl += (long) v;
                        } else {
                            sd += v;
                        }
                    }
                    groupSumLong[gi] = sl;
                    groupSumDouble[gi] = sd;
                }
            }
        }

        private double round(double s) {
            switch (plan.cfg.table()) {
                case FP32:
                    return (float) s;
                case FP16:
                    return Fp16.toDouble(Fp16.fromDouble(s));
                default:
                    return s;
            }
        }

        private void quantizeTable(int c) {
            int e = plan.entries;
            double max = 0;
            for (int r = 0; r < e; r++) {
                max = Math.max(max, Math.abs(dblTab[c * e + r]));
            }
            // the scale is a binary32, as T-MAC keeps it
            double scale = max == 0 ? 1.0 : (float) (max / 127.0);
            qScale[c] = scale;
            for (int r = 0; r < e; r++) {
                double q = Math.rint(dblTab[c * e + r] / scale);
                qTab[c * e + r] = (int) Math.max(-127, Math.min(127, q));
            }
        }

        private int stored(int idx) {
            int sp = plan.signPos;
            int r = (idx & ((1 << sp) - 1)) | ((idx >>> (sp + 1)) << sp);
            return r;
        }

        long lookupLong(int c, int idx) {
            if (!plan.cfg.symmetric()) {
                return longTab[c * plan.entries + idx];
            }
            int r = stored(idx);
            if (((idx >>> plan.signPos) & 1) == 0) {
                return longTab[c * plan.entries + r];
            }
            return -longTab[c * plan.entries + (r ^ (plan.entries - 1))];
        }

        double lookupDouble(int c, int idx) {
            if (!plan.cfg.symmetric()) {
                return dblTab[c * plan.entries + idx];
            }
            int r = stored(idx);
            if (((idx >>> plan.signPos) & 1) == 0) {
                return dblTab[c * plan.entries + r];
            }
            return -dblTab[c * plan.entries + (r ^ (plan.entries - 1))];
        }

        long lookupQ(int c, int idx) {
            if (!plan.cfg.symmetric()) {
                return qTab[c * plan.entries + idx];
            }
            int r = stored(idx);
            if (((idx >>> plan.signPos) & 1) == 0) {
                return qTab[c * plan.entries + r];
            }
            return -qTab[c * plan.entries + (r ^ (plan.entries - 1))];
        }

        /** Bound on |stored entry - exact entry| for a chunk with sum |a| = s. */
        double entryErrorBound(int c, double s) {
            double sumErr = exactInt ? 0 : plan.g * U64 * s;
            switch (plan.cfg.table()) {
                case FP32:
                    return sumErr + 0x1p-24 * s + 0x1p-150;
                case FP16:
                    return sumErr + 0x1p-11 * s + 0x1p-25;
                case INT8:
                    return qScale[c] / 2 + 2 * U64 * s + sumErr;
                default:
                    return sumErr;
            }
        }
    }
}
