package dev.bitline.lut.ppa;

import dev.bitline.sim.quant.ActivationFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Component counts and cost arithmetic of the PPA models, checked by hand. */
class PpaModelTest {
    static final TechTable T45 = new TechTable("test 45nm", new TechTable.Node(45, 0.9), new TechTable.Node(45, 0.9),
            List.of(new TechTable.SizedOp(8, 0.03, 36), new TechTable.SizedOp(16, 0.05, 67), new TechTable.SizedOp(32, 0.1, 137)),
            List.of(new TechTable.SizedOp(8, 0.2, 282), new TechTable.SizedOp(32, 3.1, 3495)),
            new TechTable.Op(0.4, 1360), new TechTable.Op(1.1, 1640), new TechTable.Op(0.9, 4184), new TechTable.Op(3.7, 7700),
            new TechTable.Cells("NanGate45", 4.522, 2.660, 1.862, 1.596, 2.660), 0.25,
            java.util.Optional.of(new TechTable.Sram("test", 0.346, 0.7,
                    List.of(new TechTable.SramRead(8, 10), new TechTable.SramRead(32, 20), new TechTable.SramRead(1024, 100)))));
    static final CostModel C45 = new CostModel(T45);
    /** LUT Tensor Core tile: M2 N64 K4, up to 4-bit weights, symmetrized, no negator, fused. */
    static final LutDesign LUT_TC = new LutDesign(2, 64, 4, 4, true, true, true, TableStorage.DFF, false, 32, FpAccumulate.FP16);
    static final MacDesign MAC = new MacDesign(8, 16, 32, FpAccumulate.FP16);

    static Optional<PartUse> part(PpaResult r, String name) {
        return r.parts().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Test
    void scalingFactorsFollowStillmakerBaas() {
        TechScaling.Factors same = TechScaling.between(45, 0.9, 45, 0.9);
        assertEquals(1.0, same.area(), 1e-12);
        assertEquals(1.0, same.energy(), 1e-12);
        // 7 nm, 0.7 V: area row 0.059; energy (0.1776*0.49 - 0.09097*0.7 + 0.02447) / (1.103*0.81 - 0.362*0.9 + 0.2767)
        TechScaling.Factors f7 = TechScaling.between(45, 0.9, 7, 0.7);
        assertEquals(0.059, f7.area(), 1e-12);
        assertEquals(0.0478151 / 0.84433, f7.energy(), 1e-6);
        // 28 nm: a third of the way from 32 nm to 20 nm
        TechScaling.Factors f28 = TechScaling.between(45, 0.9, 28, 0.9);
        assertEquals(0.46 * 2 / 3 + 0.21 / 3, f28.area(), 1e-12);
        assertEquals((0.541209 * 2 / 3 + 0.20079 / 3) / 0.84433, f28.energy(), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> TechScaling.between(45, 0.9, 5, 0.7));
    }

    @Test
    void adderCostsInterpolateBetweenTableRows() {
        assertEquals(36, C45.intAdd(8).areaUm2(), 1e-12);
        assertEquals(36 + (67 - 36) * 0.25, C45.intAdd(10).areaUm2(), 1e-9);
        assertEquals(0.03 + 0.02 * 0.25, C45.intAdd(10).energyPj(), 1e-12);
        assertEquals(137 * 2, C45.intAdd(64).areaUm2(), 1e-9);
        assertEquals(36.0 * 5 / 8, C45.intAdd(5).areaUm2(), 1e-12);
        assertEquals(282, C45.intMul(8).areaUm2(), 1e-9);
        assertEquals(3495, C45.intMul(32).areaUm2(), 1e-6);
        // cells: energy from the 8-bit adder's energy per area
        assertEquals(4.522 * 0.03 / 36, C45.dffBit().energyPj(), 1e-15);
    }

    @Test
    void lutTensorCoreTileCountsByHand() {
        PpaResult r = LutPpa.evaluate("lut", LUT_TC, 2, ActivationFormat.INT8, C45, 1e9);
        // table: 2 rows x 8 entries x 10 bits (int8 + ceil(log2 4))
        assertEquals(160, part(r, "table storage").orElseThrow().count());
        // 8:1 select = 7 mux2 per bit, per cell: 128 cells x 7 x 10
        assertEquals(8960, part(r, "entry-select mux").orElseThrow().count());
        // shifter for up to 4 planes: 2 stages x (10 + 3) bits per cell
        assertEquals(128 * 2 * 13, part(r, "plane shifter").orElseThrow().count());
        assertEquals(128 * 13, part(r, "add/sub select").orElseThrow().count());
        assertEquals(128, part(r, "accumulator adder").orElseThrow().count());
        assertEquals(128 * 32, part(r, "accumulator register").orElseThrow().count());
        assertEquals(4 * 64 * 4, part(r, "weight register").orElseThrow().count());
        assertFalse(part(r, "table precompute").isPresent());
        assertFalse(part(r, "negator").isPresent());
        // throughput: 2 * M*N*K / W ops per cycle
        assertEquals(512, r.opsPerCycle());
        assertEquals(0.512, r.tops(), 1e-12);
        double area = 160 * 4.522 + 8960 * 1.862 + 128 * 26 * 1.862 + 128 * 13 * 1.596 + 128 * 137 + 128 * 32 * 4.522
                + 1024 * 4.522;
        assertEquals(area, r.areaUm2(), 1e-6);
    }

    @Test
    void unpuHasSixteenEntriesAndInArrayPrecompute() {
        LutDesign unpu = LUT_TC.withSymmetrized(false).withPrecomputeFused(false);
        PpaResult r = LutPpa.evaluate("unpu", unpu, 2, ActivationFormat.INT8, C45, 1e9);
        assertEquals(2 * 16 * 10, part(r, "table storage").orElseThrow().count());
        assertEquals(128 * 15 * 10, part(r, "entry-select mux").orElseThrow().count());
        // 2^4 - 1 - 4 = 11 adds per table (entry 0 and single activations are free), one unit per row
        assertEquals(2 * 11, part(r, "table precompute").orElseThrow().count());
        assertFalse(part(r, "add/sub select").isPresent());
    }

    @Test
    void ablationStepsChangeOnlyTheirComponents() {
        LutDesign unpu = LUT_TC.withSymmetrized(false).withPrecomputeFused(false);
        LutDesign reinterp = unpu.withSymmetrized(true);
        LutDesign noNeg = reinterp.withNegationEliminated(true);
        LutDesign fused = noNeg.withPrecomputeFused(true);
        PpaResult a = LutPpa.evaluate("a", unpu, 2, ActivationFormat.INT8, C45, 1e9);
        PpaResult b = LutPpa.evaluate("b", reinterp, 2, ActivationFormat.INT8, C45, 1e9);
        PpaResult c = LutPpa.evaluate("c", noNeg, 2, ActivationFormat.INT8, C45, 1e9);
        PpaResult d = LutPpa.evaluate("d", fused, 2, ActivationFormat.INT8, C45, 1e9);
        assertTrue(part(b, "negator").isPresent() && part(b, "index flip").isPresent());
        assertTrue(a.areaUm2() > b.areaUm2() && b.areaUm2() > c.areaUm2() && c.areaUm2() > d.areaUm2());
        assertTrue(a.powerMw() > b.powerMw() && b.powerMw() > c.powerMw() && c.powerMw() > d.powerMw());
        // fusion removes exactly the precompute adders: (k-1) + (E-1) = 10 adds of 10 bits per row
        PartUse pre = part(c, "table precompute").orElseThrow();
        assertEquals(20, pre.count());
        assertEquals(pre.areaUm2(), c.areaUm2() - d.areaUm2(), 1e-9);
        assertEquals(pre.energyPerCyclePj(), c.energyPerCyclePj() - d.energyPerCyclePj(), 1e-12);
        assertEquals(20 * C45.intAdd(10).energyPj() / 2, pre.energyPerCyclePj(), 1e-12);
    }

    @Test
    void lutHardwareIsFixedAcrossWeightBitsWhileTheMacBaselineShrinks() {
        for (ActivationFormat act : new ActivationFormat[] {ActivationFormat.INT8, ActivationFormat.FP16, ActivationFormat.BF16}) {
            PpaResult l1 = LutPpa.evaluate("l", LUT_TC, 1, act, C45, 1e9);
            PpaResult l4 = LutPpa.evaluate("l", LUT_TC, 4, act, C45, 1e9);
            assertEquals(l1.areaUm2(), l4.areaUm2(), 1e-9);
            assertEquals(4 * l4.tops(), l1.tops(), 1e-12);
            PpaResult m1 = MacPpa.evaluate("m", MAC, LUT_TC, 1, act, C45, 1e9);
            PpaResult m4 = MacPpa.evaluate("m", MAC, LUT_TC, 4, act, C45, 1e9);
            assertEquals(l1.tops(), m1.tops(), 1e-12); // same peak throughput
            assertEquals(l4.tops(), m4.tops(), 1e-12);
            assertEquals(512, part(m1, "multiplier").orElseThrow().count());
            assertEquals(128, part(m4, "multiplier").orElseThrow().count());
            // the LUT advantage falls with weight bits
            double r1 = l1.topsPerMm2() / m1.topsPerMm2();
            double r4 = l4.topsPerMm2() / m4.topsPerMm2();
            assertTrue(r1 > r4);
        }
    }

    @Test
    void macBaselineCountsByHand() {
        // W1 A8: 512 int8 multipliers in 16-long dot products, 8 rows x 4 columns = 32 outputs
        PpaResult m = MacPpa.evaluate("mac", MAC, LUT_TC, 1, ActivationFormat.INT8, C45, 1e9);
        assertEquals(32 * 15, part(m, "adder tree").orElseThrow().count());
        assertEquals("int add 20", part(m, "adder tree").orElseThrow().unit());
        assertEquals(32, part(m, "accumulator adder").orElseThrow().count());
        assertEquals((8 + 4) * 16 * 8, part(m, "operand register").orElseThrow().count());
        assertEquals(4 * 16, part(m, "dequantize").orElseThrow().count());
        assertEquals(1024, m.opsPerCycle());
        // energy efficiency is ops per pJ
        assertEquals(m.opsPerCycle() / m.energyPerCyclePj(), m.topsPerW(), 1e-12);
        assertEquals(m.energyPerCyclePj() * 1e-12 * 1e9 * 1e3, m.powerMw(), 1e-12);
    }

    @Test
    void buffersAreCountedOnBothSidesWhenAskedFor() {
        assertEquals(10, C45.sramRead64Pj(8 * 1024), 1e-9);
        assertEquals(10 * Math.sqrt(2), C45.sramRead64Pj(16 * 1024), 1e-9);
        assertEquals(20, C45.sramRead64Pj(32 * 1024), 1e-9);
        assertEquals(32 * 1024 * 8 * 0.346 / 0.7, C45.sramAreaUm2(32 * 1024), 1e-6);
        BufferSizes b = new BufferSizes(32 * 1024, 16 * 1024);
        PpaResult plain = LutPpa.evaluate("l", LUT_TC, 2, ActivationFormat.INT8, C45, 1e9);
        PpaResult fused = LutPpa.evaluate("l", LUT_TC, 2, ActivationFormat.INT8, C45, 1e9, b);
        // fused: 2 tables x 8 entries x 10 bits every 2 cycles from the 32 KiB table buffer
        assertEquals(2 * 8 * 10 / 2.0 / 64 * 20, part(fused, "table buffer (SRAM)").orElseThrow().energyPerCyclePj(), 1e-9);
        // weights: k x n = 256 bits per cycle from the 16 KiB weight buffer
        assertEquals(256 / 64.0 * C45.sramRead64Pj(16 * 1024), part(fused, "weight buffer (SRAM)").orElseThrow().energyPerCyclePj(), 1e-9);
        assertEquals(plain.areaUm2() + C45.sramAreaUm2(32 * 1024) + C45.sramAreaUm2(16 * 1024), fused.areaUm2(), 1e-6);
        // unfused: the precompute unit reads 2 x 4 int8 activations every 2 cycles instead
        PpaResult unfused = LutPpa.evaluate("l", LUT_TC.withPrecomputeFused(false), 2, ActivationFormat.INT8, C45, 1e9, b);
        assertEquals(2 * 4 * 8 / 2.0 / 64 * 20, part(unfused, "activation buffer (SRAM)").orElseThrow().energyPerCyclePj(), 1e-9);
        PpaResult mac = MacPpa.evaluate("m", MAC, LUT_TC, 2, ActivationFormat.INT8, C45, 1e9, b);
        assertEquals(8 * 16 * 8 / 64.0 * 20, part(mac, "activation buffer (SRAM)").orElseThrow().energyPerCyclePj(), 1e-9);
    }

    @Test
    void idleTilesOnlyPayFlipFlopHold() {
        // 160 table bits + 128 x 32 accumulator bits + 4 x 64 x 4 weight bits, each at a quarter write
        double idle = LutPpa.idleEnergyPerCyclePj(LUT_TC, ActivationFormat.INT8, C45);
        assertEquals((160 + 128 * 32 + 1024) * C45.dffBit().energyPj() * 0.25, idle, 1e-12);
        assertTrue(idle < LutPpa.evaluate("l", LUT_TC, 2, ActivationFormat.INT8, C45, 1e9).energyPerCyclePj() / 5);
    }

    @Test
    void badDesignsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new LutDesign(2, 64, 4, 4, false, true, true, TableStorage.DFF, false, 32, FpAccumulate.FP16));
        assertThrows(IllegalArgumentException.class, () -> LutPpa.evaluate("x", LUT_TC, 5, ActivationFormat.INT8, C45, 1e9));
        var fp32 = assertThrows(IllegalArgumentException.class,
                () -> MacPpa.evaluate("m", MAC, LUT_TC, 2, ActivationFormat.FP32, C45, 1e9));
        assertTrue(fp32.getMessage().contains("no fp32-activation datapath"), fp32.getMessage());
    }
}
