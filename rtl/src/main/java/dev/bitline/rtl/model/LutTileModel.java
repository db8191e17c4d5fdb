package dev.bitline.rtl.model;

import dev.bitline.rtl.gen.LutTileParams;
import dev.bitline.sim.numeric.Fp16;

/**
 * Cycle model of the LUT tile, written from the lut-core functional definition rather than from
 * the RTL: a stored entry is the independent sum T'[e] = sum_j (2 bit_j(e) - 1) a_j (the RTL walks
 * Gray code), a lookup with the sign bit set reads entry ~e and negates it (the RTL folds the
 * sign into its adder), and the accumulator adds entry * 2^plane. Control (accept, plane counter,
 * clear on the first plane, out_valid after the last) is the protocol documented in
 * {@link dev.bitline.rtl.gen.LutTile}; all registers reset to 0.
 *
 * <p>fp16 tiles follow lut-core's {@code Fp16Datapath} step for step on fp16 bit patterns:
 * negate the looked-up entry, {@link Fp16#scalbFtz} by the plane, {@link Fp16#addFtz} into the
 * accumulator (from +0 on a group's first plane). A NaN accumulator reads as the canonical
 * quiet NaN 0x7E00 (the hardware adder's only NaN; NaN payloads are not modelled).
 */
public final class LutTileModel implements CycleModel {
    private final LutTileParams p;
    private final int e;
    private final int wmax;
    private final PortLayout.Slot rst;
    private final PortLayout.Slot inValid;
    private final PortLayout.Slot inFirst;
    private final PortLayout.Slot inPlanes;
    private final PortLayout.Slot act;
    private final PortLayout.Slot tables;
    private final PortLayout.Slot wcode;
    private final int outReady;
    private final int outValid;
    private final int accWord0;
    // state
    private boolean busy;
    private boolean clr;
    private boolean done;
    private int plane;
    private int lastPlane;
    private final long[][] tbl;
    private final int[][] w;
    private final long[][] acc;

    public LutTileModel(LutTileParams p, PortLayout l) {
        this.p = p;
        this.e = p.entries();
        this.wmax = p.weightBits();
        rst = l.input("rst");
        inValid = l.input("in_valid");
        inFirst = l.input("in_first");
        inPlanes = wmax > 1 ? l.input("in_planes_m1") : null;
        act = p.precompute() ? l.input("act") : null;
        tables = p.precompute() ? null : l.input("tables");
        wcode = l.input("wcode");
        outReady = l.output("in_ready").word();
        outValid = l.output("out_valid").word();
        accWord0 = l.output("acc_0_0").word();
        tbl = new long[p.m()][e];
        w = new int[p.n()][p.k()];
        acc = new long[p.m()][p.n()];
    }

    private boolean last() {
        return plane == lastPlane;
    }

    @Override
    public void eval(long[] in, long[] out) {
        out[outReady] = !busy || last() ? 1 : 0;
        out[outValid] = done ? 1 : 0;
        int o = accWord0;
        for (int r = 0; r < p.m(); r++) {
            for (int c = 0; c < p.n(); c++) {
                long v = acc[r][c];
                out[o++] = !p.fp16() ? PortLayout.wrap(v, p.accBits()) : Fp16.isNaN((short) v) ? Fp16.NaN : v;
            }
        }
    }

    @Override
    public void tick(long[] in) {
        if (in[rst.word()] != 0) {
            busy = clr = done = false;
            plane = lastPlane = 0;
            for (long[] t : tbl) {
                java.util.Arrays.fill(t, 0);
            }
            for (int[] x : w) {
                java.util.Arrays.fill(x, 0);
            }
            for (long[] a : acc) {
                java.util.Arrays.fill(a, 0);
            }
            return;
        }
        boolean ready = !busy || last();
        boolean accept = in[inValid.word()] != 0 && ready;
        // datapath, from the registers before the edge
        if (busy) {
            int k = p.k();
            boolean clear = clr && plane == 0;
            for (int c = 0; c < p.n(); c++) {
                int index = 0;
                for (int j = 0; j < k; j++) {
                    index |= ((w[c][j] >>> plane) & 1) << j;
                }
                boolean negative = (index >>> (k - 1)) != 0;
                int entry = negative ? ~index & (e - 1) : index & (e - 1);
                for (int r = 0; r < p.m(); r++) {
                    if (p.fp16()) {
                        short v = (short) tbl[r][entry];
                        short scaled = Fp16.scalbFtz(negative ? Fp16.negate(v) : v, plane);
                        acc[r][c] = Fp16.addFtz(clear ? Fp16.POSITIVE_ZERO : (short) acc[r][c], scaled) & 0xFFFF;
                        continue;
                    }
                    long term = tbl[r][entry] << plane;
                    long base = clear ? 0 : acc[r][c];
                    acc[r][c] = PortLayout.signExtend(base + (negative ? -term : term), p.accBits());
                }
            }
        }
        done = busy && last();
        if (accept) {
            loadGroup(in);
            busy = true;
            clr = in[inFirst.word()] != 0;
            plane = 0;
            lastPlane = wmax > 1 ? (int) Math.min(in[inPlanes.word()], wmax - 1) : 0;
        } else if (busy) {
            if (last()) {
                busy = false;
            } else {
                plane++;
            }
        }
    }

    private void loadGroup(long[] in) {
        int k = p.k();
        int a = p.actBits();
        for (int r = 0; r < p.m(); r++) {
            if (act != null) {
                long[] xs = new long[k];
                for (int j = 0; j < k; j++) {
                    xs[j] = PortLayout.signExtend(PortLayout.field(in, act.word(), (r * k + j) * a, a), a);
                }
                for (int x = 0; x < e; x++) {
                    tbl[r][x] = symmetrizedEntry(xs, x);
                }
            } else {
                int tb = p.tableBits();
                for (int x = 0; x < e; x++) {
                    long f = PortLayout.field(in, tables.word(), (r * e + x) * tb, tb);
                    tbl[r][x] = p.fp16() ? f : PortLayout.signExtend(f, tb);
                }
            }
        }
        for (int c = 0; c < p.n(); c++) {
            for (int j = 0; j < k; j++) {
                w[c][j] = (int) PortLayout.field(in, wcode.word(), (c * k + j) * wmax, wmax);
            }
        }
    }

    /** T'[e] = sum_j (2 bit_j(e) - 1) a_j; bit k-1 of a stored index is 0. */
    public static long symmetrizedEntry(long[] a, int index) {
        long s = 0;
        for (int j = 0; j < a.length; j++) {
            s += ((index >>> j) & 1) != 0 ? a[j] : -a[j];
        }
        return s;
    }
}
