package dev.bitline.lut.ppa;

import dev.bitline.sim.quant.ActivationFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Area and power of a dequantize-then-MAC dot-product array with the same peak throughput as a
 * LUT array at a given weight precision, from the same {@link CostModel}.
 *
 * <p>P = m*n*k/W multipliers (LUT array's shape, W = weight bits) in dot products of length
 * {@code mac.k}, {@code mac.m} rows sharing each weight, so {@code P/(mac.m*mac.k)} columns. Per
 * cycle: P multiplies (int8 or fp16); per output an adder tree of k-1 adders (integer products
 * widen by ceil(log2 k) bits; floats add at the accumulation precision) and one accumulator
 * add + register; operand registers for (rows + columns) * k activations/weights; one dequantize
 * step per weight entering the array (zero-point subtract, an 8-bit add, for integer activations;
 * a scale multiply in fp16 for floating-point activations).
 */
public final class MacPpa {
    private MacPpa() {}

    public static PpaResult evaluate(String name, MacDesign mac, LutDesign lutShape, int weightBits,
            ActivationFormat act, CostModel c, double clockHz) {
        return evaluate(name, mac, lutShape, weightBits, act, c, clockHz, null);
    }

    /**
     * Plus SRAM buffers when {@code buffers} is non-null: each cycle the array reads rows x k
     * activations and columns x k packed W-bit weights (dequantized after the read).
     */
    public static PpaResult evaluate(String name, MacDesign mac, LutDesign lutShape, int weightBits,
            ActivationFormat act, CostModel c, double clockHz, BufferSizes buffers) {
        LutDesign.requireCosted(act);
        double p = (double) lutShape.m() * lutShape.n() * lutShape.k() / weightBits;
        double cols = p / ((double) mac.m() * mac.k());
        double outputs = mac.m() * cols;
        List<PartUse> parts = new ArrayList<>();

        CostModel.Cost mul = !act.isInteger() ? c.fp16Mul() : c.intMul(act.bits());
        parts.add(new PartUse("multiplier", !act.isInteger() ? "fp16 mul" : "int mul " + act.bits(), p,
                mul.areaUm2(), p * mul.energyPj()));

        boolean fp32 = mac.fpAccumulate() == FpAccumulate.FP32;
        CostModel.Cost treeAdd;
        String treeUnit;
        if (!act.isInteger()) {
            treeAdd = fp32 ? c.fp32Add() : c.fp16Add();
            treeUnit = fp32 ? "fp32 add" : "fp16 add";
        } else {
            int bits = 2 * act.bits() + LutDesign.ceilLog2(mac.k());
            treeAdd = c.intAdd(bits);
            treeUnit = "int add " + bits;
        }
        double treeAdders = outputs * (mac.k() - 1);
        parts.add(new PartUse("adder tree", treeUnit, treeAdders, treeAdd.areaUm2(), treeAdders * treeAdd.energyPj()));

        CostModel.Cost accAdd;
        int accBits;
        if (!act.isInteger()) {
            accAdd = fp32 ? c.fp32Add() : c.fp16Add();
            accBits = fp32 ? 32 : 16;
        } else {
            accAdd = c.intAdd(mac.intAccBits());
            accBits = mac.intAccBits();
        }
        parts.add(new PartUse("accumulator adder", !act.isInteger() ? "fp add " + accBits : "int add " + accBits,
                outputs, accAdd.areaUm2(), outputs * accAdd.energyPj()));
        CostModel.Cost dff = c.dffBit();
        double accRegBits = outputs * accBits;
        parts.add(new PartUse("accumulator register", "dff bit", accRegBits, dff.areaUm2(), accRegBits * dff.energyPj()));

        double operandBits = (mac.m() + cols) * mac.k() * act.bits();
        parts.add(new PartUse("operand register", "dff bit", operandBits, dff.areaUm2(), operandBits * dff.energyPj()));

        double weightsIn = cols * mac.k();
        CostModel.Cost deq = !act.isInteger() ? c.fp16Mul() : c.intAdd(8);
        parts.add(new PartUse("dequantize", !act.isInteger() ? "fp16 mul" : "int add 8", weightsIn,
                deq.areaUm2(), weightsIn * deq.energyPj()));

        if (buffers != null) {
            long opBytes = buffers.operandBytes();
            parts.add(new PartUse("activation buffer (SRAM)", "SRAM " + opBytes + " B", 1, c.sramAreaUm2(opBytes),
                    (double) mac.m() * mac.k() * act.bits() / 64 * c.sramRead64Pj(opBytes)));
            long wBytes = buffers.weightBytes();
            parts.add(new PartUse("weight buffer (SRAM)", "SRAM " + wBytes + " B", 1, c.sramAreaUm2(wBytes),
                    cols * mac.k() * weightBits / 64 * c.sramRead64Pj(wBytes)));
        }
        return new PpaResult(name, weightBits, act, parts, 2.0 * p, clockHz);
    }
}
