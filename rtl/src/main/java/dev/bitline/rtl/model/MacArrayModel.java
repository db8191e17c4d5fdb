package dev.bitline.rtl.model;

import dev.bitline.rtl.gen.MacArrayParams;

/**
 * Cycle model of the MAC array: dequantize (u - z) and register the operands on a valid input,
 * then accumulate sum_j a_j (u_j - z) into every (row, column) accumulator the next cycle;
 * out_valid follows one cycle later. Registers reset to 0.
 */
public final class MacArrayModel implements CycleModel {
    private final MacArrayParams p;
    private final PortLayout.Slot rst;
    private final PortLayout.Slot inValid;
    private final PortLayout.Slot inFirst;
    private final PortLayout.Slot act;
    private final PortLayout.Slot wcode;
    private final PortLayout.Slot zp;
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
                out[o++] = PortLayout.wrap(acc[r][c], p.accBits());
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
        if (v1) {
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
        if (v1) {
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
}
