package dev.bitline.rtl.model;

import dev.bitline.pim.mac.AccumulatorFormat;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.mac.MacUnit;
import dev.bitline.rtl.gen.PimMac;
import dev.bitline.rtl.gen.PimMacParams;
import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;

/**
 * Cycle model of the PIM MAC generator: a thin adapter that decodes the command and operands
 * and lets the pim module's {@link MacUnit} compute every MAC: INT8/INT16/INT4 inputs with INT32
 * products and accumulator, or bf16/fp16 inputs with fp32 products and accumulator (the pim
 * configs' {@code product: fp32, accumulator: fp32}). The result register resets to 0. For float
 * units the register holds fp32 bits: LOAD keeps {@code acc_in} as given, a MAC stores the
 * unit's result as {@link Float#floatToIntBits} (every NaN canonical, as the hardware's adders
 * return it).
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
    private long bits;

    public PimMacModel(PimMacParams p, PortLayout l) {
        this.p = p;
        InputFormat in = p.format();
        AccumulatorFormat a = p.isFloat() ? AccumulatorFormat.FP32 : AccumulatorFormat.INT32;
        unit = new MacUnit(in, a, a, p.lanes());
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
        out[result] = p.isFloat() ? bits : PortLayout.wrap((long) acc, PimMacParams.ACC_BITS);
    }

    @Override
    public void tick(long[] in) {
        if (in[rst.word()] != 0) {
            acc = 0;
            bits = 0;
            return;
        }
        int c = (int) in[cmd.word()];
        if (c == PimMac.MAC) {
            int b = p.inputBits();
            for (int i = 0; i < p.lanes(); i++) {
                ws[i] = operand(PortLayout.field(in, w.word(), i * b, b));
                xs[i] = operand(PortLayout.field(in, x.word(), i * b, b));
            }
            acc = unit.mac(acc, ws, 0, xs, 0, p.lanes());
            bits = Float.floatToIntBits((float) acc) & 0xFFFF_FFFFL;
        } else if (c == PimMac.CLEAR) {
            acc = 0;
            bits = 0;
        } else if (c == PimMac.LOAD) {
            bits = in[accIn.word()];
            acc = p.isFloat() ? Float.intBitsToFloat((int) bits) : PortLayout.signExtend(bits, PimMacParams.ACC_BITS);
        }
    }

    private double operand(long field) {
        return switch (p.format()) {
            case BF16 -> Bf16.toDouble((short) field);
            case FP16 -> Fp16.toDouble((short) field);
            default -> PortLayout.signExtend(field, p.inputBits());
        };
    }
}
