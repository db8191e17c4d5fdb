package dev.bitline.lut.ppa;

import dev.bitline.sim.quant.ActivationFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Area and power of a LUT dot-product array from component counts and per-component costs.
 *
 * <p>Per cycle the array does one lookup per (row, column) cell: a k-activation table entry picked
 * by k weight bits of one bit plane, shifted by the plane index and accumulated. A W-bit weight
 * takes W cycles, so useful throughput is 2*m*n*k/W operations per cycle (one k-long dot product
 * of W-bit weights = k multiply-accumulates). Parts and activity:
 * <ul>
 *   <li>table storage, m*E*Tb bits, rewritten once per W cycles (a new k-group every W planes);
 *   <li>entry-select muxes, (E-1) 2:1 muxes per bit per cell, every cycle;
 *   <li>before negation elimination: per column k-1 XORs flipping the index when the sign bit is
 *       set, and per cell a negator (Tb XOR + Tb half adders for integers, one XOR for floats);
 *   <li>after elimination: the sign drives add/subtract in the accumulator (XOR per input bit,
 *       carry-in for the +1; one XOR for floats);
 *   <li>plane shifter per cell: ceil(log2 maxW) mux stages (integers) or a small exponent adder
 *       (floats);
 *   <li>accumulator adder and register per cell, every cycle;
 *   <li>weight registers, k*n*maxW bits; k*n*W bits written per W cycles;
 *   <li>precompute adders unless fused: per row, (k-1)+(E-1) adds for symmetric tables (first entry,
 *       then a Gray-code walk) or 2^k-1-k for plain tables (entry 0 and single terms are free),
 *       once per W cycles.
 * </ul>
 * Memory traffic (activations, tables, weights from buffers) is outside the array in both this
 * and the MAC model and is not counted; leakage is not modelled.
 */
public final class LutPpa {
    private LutPpa() {}

    public static PpaResult evaluate(String name, LutDesign d, int weightBits, ActivationFormat act,
            CostModel c, double clockHz) {
        return evaluate(name, d, weightBits, act, c, clockHz, null);
    }

    /**
     * Energy per cycle of a tile that is stalled or idle: its flip-flops (tables, accumulators,
     * weights) are clocked but hold their values; nothing else switches.
     */
    public static double idleEnergyPerCyclePj(LutDesign d, ActivationFormat act, CostModel c) {
        LutDesign.requireCosted(act);
        CostModel.Cost bit = d.tableStorage() == TableStorage.DFF ? c.dffBit() : c.latchBit();
        int accBits = !act.isInteger() ? (d.fpAccumulate() == FpAccumulate.FP32 ? 32 : 16) : d.intAccBits();
        double tableBits = (double) d.m() * d.entries() * d.tableBits(act);
        double dffBits = (double) d.m() * d.n() * accBits + (double) d.k() * d.n() * d.maxWeightBits();
        return tableBits * c.holdEnergyPj(bit) + dffBits * c.holdEnergyPj(c.dffBit());
    }

    /**
     * As {@link #evaluate(String, LutDesign, int, ActivationFormat, CostModel, double)}, plus SRAM buffers
     * when {@code buffers} is non-null: fused, the tile reads M tables of E x Tb bits per W cycles
     * from its table buffer; unfused, the precompute unit reads M x K activations per W cycles from
     * an activation buffer; the weight buffer delivers K x N bits per cycle.
     */
    public static PpaResult evaluate(String name, LutDesign d, int weightBits, ActivationFormat act,
            CostModel c, double clockHz, BufferSizes buffers) {
        LutDesign.requireCosted(act);
        if (weightBits < 1 || weightBits > d.maxWeightBits()) {
            throw new IllegalArgumentException("weight bits " + weightBits + " outside 1.." + d.maxWeightBits());
        }
        List<PartUse> parts = new ArrayList<>();
        int e = d.entries();
        int tb = d.tableBits(act);
        double cells = (double) d.m() * d.n();
        double w = weightBits;

        CostModel.Cost bit = d.tableStorage() == TableStorage.DFF ? c.dffBit() : c.latchBit();
        double tableBits = (double) d.m() * e * tb;
        parts.add(new PartUse("table storage", d.tableStorage().name().toLowerCase() + " bit", tableBits,
                bit.areaUm2(), tableBits * (bit.energyPj() / w + c.holdEnergyPj(bit))));

        CostModel.Cost mux = c.mux2();
        double muxes = cells * (e - 1) * tb;
        parts.add(new PartUse("entry-select mux", "mux2", muxes, mux.areaUm2(), muxes * mux.energyPj()));

        CostModel.Cost xor = c.xor2();
        if (d.symmetrized() && !d.negationEliminated()) {
            double flips = (double) d.n() * (d.k() - 1);
            parts.add(new PartUse("index flip", "xor2", flips, xor.areaUm2(), flips * xor.energyPj()));
            if (!act.isInteger()) {
                parts.add(new PartUse("negator", "xor2", cells, xor.areaUm2(), cells * xor.energyPj()));
            } else {
                CostModel.Cost neg = xor.plus(c.halfAdder()).times(tb);
                parts.add(new PartUse("negator", "xor2+half adder x" + tb, cells, neg.areaUm2(), cells * neg.energyPj()));
            }
        }
        int shiftedBits = tb + d.maxWeightBits() - 1;
        if (d.symmetrized() && d.negationEliminated()) {
            int xors = !act.isInteger() ? 1 : shiftedBits;
            double n = cells * xors;
            parts.add(new PartUse("add/sub select", "xor2", n, xor.areaUm2(), n * xor.energyPj()));
        }

        if (d.maxWeightBits() > 1) {
            if (!act.isInteger()) {
                CostModel.Cost expAdd = c.intAdd(act == ActivationFormat.BF16 ? 8 : 5);
                parts.add(new PartUse("plane scale (exponent add)", "int add", cells, expAdd.areaUm2(), cells * expAdd.energyPj()));
            } else {
                double n = cells * LutDesign.ceilLog2(d.maxWeightBits()) * shiftedBits;
                parts.add(new PartUse("plane shifter", "mux2", n, mux.areaUm2(), n * mux.energyPj()));
            }
        }

        CostModel.Cost accAdd;
        int accBits;
        if (!act.isInteger()) {
            boolean fp32 = d.fpAccumulate() == FpAccumulate.FP32;
            accAdd = fp32 ? c.fp32Add() : c.fp16Add();
            accBits = fp32 ? 32 : 16;
        } else {
            accAdd = c.intAdd(d.intAccBits());
            accBits = d.intAccBits();
        }
        parts.add(new PartUse("accumulator adder", !act.isInteger() ? "fp add " + accBits : "int add " + accBits,
                cells, accAdd.areaUm2(), cells * accAdd.energyPj()));
        CostModel.Cost dff = c.dffBit();
        double accRegBits = cells * accBits;
        parts.add(new PartUse("accumulator register", "dff bit", accRegBits, dff.areaUm2(), accRegBits * dff.energyPj()));

        double weightRegBits = (double) d.k() * d.n() * d.maxWeightBits();
        double weightWrites = (double) d.k() * d.n(); // k*n*W bits per W cycles
        parts.add(new PartUse("weight register", "dff bit", weightRegBits, dff.areaUm2(),
                weightWrites * dff.energyPj() + weightRegBits * c.holdEnergyPj(dff)));

        if (!d.precomputeFused()) {
            int adds = d.symmetrized() ? (d.k() - 1) + (e - 1) : (1 << d.k()) - 1 - d.k();
            CostModel.Cost add = !act.isInteger() ? c.fp16Add() : c.intAdd(tb);
            double n = (double) d.m() * adds;
            parts.add(new PartUse("table precompute", !act.isInteger() ? "fp16 add" : "int add " + tb, n,
                    add.areaUm2(), n * add.energyPj() / w));
        }
        if (buffers != null) {
            long opBytes = buffers.operandBytes();
            double bitsPerCycle = d.precomputeFused()
                    ? (double) d.m() * e * tb / w
                    : (double) d.m() * d.k() * act.bits() / w;
            parts.add(new PartUse(d.precomputeFused() ? "table buffer (SRAM)" : "activation buffer (SRAM)",
                    "SRAM " + opBytes + " B", 1, c.sramAreaUm2(opBytes), bitsPerCycle / 64 * c.sramRead64Pj(opBytes)));
            long wBytes = buffers.weightBytes();
            parts.add(new PartUse("weight buffer (SRAM)", "SRAM " + wBytes + " B", 1, c.sramAreaUm2(wBytes),
                    (double) d.k() * d.n() / 64 * c.sramRead64Pj(wBytes)));
        }
        double ops = 2.0 * d.m() * d.n() * d.k() / w;
        return new PpaResult(name, weightBits, act, parts, ops, clockHz);
    }
}
