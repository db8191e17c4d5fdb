package dev.bitline.rtl.model;

import dev.bitline.pim.mac.AccumulatorFormat;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.mac.MacUnit;
import dev.bitline.rtl.gen.PimMac;
import dev.bitline.rtl.gen.PimMacParams;

/**
 * Cycle model of the PIM MAC generator: a thin adapter that decodes the command and operands
 * and lets the pim module's {@link MacUnit} (INT8/INT4 inputs, INT32 products and accumulator)
 * compute every MAC; the result register resets to 0.
 */
public final class PimMacModel implements CycleModel {
    private final PimMacParams p;
    private final MacUnit unit;
    private final PortLayout.Slot rst;
    private final PortLayout.Slot cmd;
    private final PortLayout.Slot w;
    private final PortLayout.Slot x;
    private final PortLayout.Slot accIn;
    private final int result;
    private final double[] ws;
    private final double[] xs;
    private double acc;

    public PimMacModel(PimMacParams p, PortLayout l) {
        this.p = p;
        InputFormat in = p.inputBits() == 8 ? InputFormat.INT8 : InputFormat.INT4;
        unit = new MacUnit(in, AccumulatorFormat.INT32, AccumulatorFormat.INT32, p.lanes());
        rst = l.input("rst");
        cmd = l.input("cmd");
        w = l.input("w");
        x = l.input("x");
        accIn = l.input("acc_in");
        result = l.output("result").word();
        ws = new double[p.lanes()];
        xs = new double[p.lanes()];
    }

    @Override
    public void eval(long[] in, long[] out) {
        out[result] = PortLayout.wrap((long) acc, PimMacParams.ACC_BITS);
    }

    @Override
    public void tick(long[] in) {
        if (in[rst.word()] != 0) {
            acc = 0;
            return;
        }
        int c = (int) in[cmd.word()];
        if (c == PimMac.MAC) {
            int b = p.inputBits();
            for (int i = 0; i < p.lanes(); i++) {
                ws[i] = PortLayout.signExtend(PortLayout.field(in, w.word(), i * b, b), b);
                xs[i] = PortLayout.signExtend(PortLayout.field(in, x.word(), i * b, b), b);
            }
            acc = unit.mac(acc, ws, 0, xs, 0, p.lanes());
        } else if (c == PimMac.CLEAR) {
            acc = 0;
        } else if (c == PimMac.LOAD) {
            acc = PortLayout.signExtend(in[accIn.word()], PimMacParams.ACC_BITS);
        }
    }
}
