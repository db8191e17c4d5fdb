package dev.bitline.rtl.model;

import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.sim.numeric.Fp16;

/**
 * Cycle model of the MAC array: dequantize (u - z) and register the operands on a valid input,
 * then accumulate sum_j a_j (u_j - z) into every (row, column) accumulator the next cycle;
 * out_valid follows one cycle later. Registers reset to 0.
 *
 * <p>fp16 arrays on fp16 bit patterns with the sim module's flush-to-zero operations: a weight
 * is {@link #mulFtz}(fp16(u - z), scale); the dot product sums the products {@code mulFtz(a, w)}
 * pairwise with {@link Fp16#addFtz} (an odd item passes to the next level), and the accumulator
 * adds it (from +0 on in_first). NaN results read as the canonical 0x7E00.
 */
public final class MacArrayModel implements CycleModel {
    private final MacArrayParams p;
    private final PortLayout.Slot rst;
    private final PortLayout.Slot inValid;
    private final PortLayout.Slot inFirst;
    private final PortLayout.Slot act;
    private final PortLayout.Slot wcode;
    private final PortLayout.Slot zp;
    private final PortLayout.Slot scale;
    private final int outValid;
    private final int acc0;
    private boolean v1;
    private boolean f1;
    private boolean done;
    private final long[][] a;
    private final long[][] w;
    private final long[][] acc;

    public MacArrayModel(MacArrayParams p, PortLayout l) {
        this.p = p;
        rst = l.input("rst");
        inValid = l.input("in_valid");
        inFirst = l.input("in_first");
        act = l.input("act");
        wcode = l.input("wcode");
        zp = l.input("zp");
        scale = p.fp16() ? l.input("scale") : null;
        outValid = l.output("out_valid").word();
        acc0 = l.output("acc_0_0").word();
        a = new long[p.rows()][p.k()];
        w = new long[p.cols()][p.k()];
        acc = new long[p.rows()][p.cols()];
    }

    @Override
    public void eval(long[] in, long[] out) {
        out[outValid] = done ? 1 : 0;
        int o = acc0;
        for (int r = 0; r < p.rows(); r++) {
            for (int c = 0; c < p.cols(); c++) {
                long v = acc[r][c];
                out[o++] = !p.fp16() ? PortLayout.wrap(v, p.accBits()) : Fp16.isNaN((short) v) ? Fp16.NaN : v;
            }
        }
    }

    @Override
    public void tick(long[] in) {
        if (in[rst.word()] != 0) {
            v1 = f1 = done = false;
            for (long[] x : a) {
                java.util.Arrays.fill(x, 0);
            }
            for (long[] x : w) {
                java.util.Arrays.fill(x, 0);
            }
            for (long[] x : acc) {
                java.util.Arrays.fill(x, 0);
            }
            return;
        }
        int k = p.k();
        if (v1 && p.fp16()) {
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < p.cols(); c++) {
                    short[] t = new short[k];
                    for (int j = 0; j < k; j++) {
                        t[j] = mulFtz((short) a[r][j], (short) w[c][j]);
                    }
                    int n = k;
                    while (n > 1) {
                        int m = 0;
                        for (int i = 0; i + 1 < n; i += 2) {
                            t[m++] = Fp16.addFtz(t[i], t[i + 1]);
                        }
                        if (n % 2 == 1) {
                            t[m++] = t[n - 1];
                        }
                        n = m;
                    }
                    acc[r][c] = Fp16.addFtz(f1 ? Fp16.POSITIVE_ZERO : (short) acc[r][c], t[0]) & 0xFFFF;
                }
            }
        } else if (v1) {
            for (int r = 0; r < p.rows(); r++) {
                for (int c = 0; c < p.cols(); c++) {
                    long dot = 0;
                    for (int j = 0; j < k; j++) {
                        dot += a[r][j] * w[c][j];
                    }
                    acc[r][c] = PortLayout.signExtend((f1 ? 0 : acc[r][c]) + dot, p.accBits());
                }
            }
        }
        done = v1;
        v1 = in[inValid.word()] != 0;
        f1 = in[inFirst.word()] != 0;
        if (v1 && p.fp16()) {
            for (int r = 0; r < p.rows(); r++) {
                for (int j = 0; j < k; j++) {
                    a[r][j] = PortLayout.field(in, act.word(), (r * k + j) * 16, 16);
                }
            }
            int wb = p.weightBits();
            for (int c = 0; c < p.cols(); c++) {
                long z = PortLayout.field(in, zp.word(), c * wb, wb);
                short s = (short) PortLayout.field(in, scale.word(), c * 16, 16);
                for (int j = 0; j < k; j++) {
                    long u = PortLayout.field(in, wcode.word(), (c * k + j) * wb, wb);
                    w[c][j] = mulFtz(Fp16.fromDouble(u - z), s) & 0xFFFF;
                }
            }
        } else if (v1) {
            int ab = p.actBits();
            int wb = p.weightBits();
            for (int r = 0; r < p.rows(); r++) {
                for (int j = 0; j < k; j++) {
                    a[r][j] = PortLayout.signExtend(PortLayout.field(in, act.word(), (r * k + j) * ab, ab), ab);
                }
            }
            for (int c = 0; c < p.cols(); c++) {
                long z = PortLayout.field(in, zp.word(), c * wb, wb);
                for (int j = 0; j < k; j++) {
                    w[c][j] = PortLayout.field(in, wcode.word(), (c * k + j) * wb, wb) - z;
                }
            }
        }
    }

    /** a x b rounded once to fp16, flush-to-zero (the product of two fp16 values is exact in a double). */
    public static short mulFtz(short a, short b) {
        return Fp16.fromDoubleFtz((double) Fp16.toFloatFtz(a) * (double) Fp16.toFloatFtz(b));
    }
}
