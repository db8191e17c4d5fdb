package dev.bitline.rtl.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.rtl.cosim.Tools;
import dev.bitline.rtl.emit.VerilogEmitter;
import dev.bitline.rtl.gen.MacArray;
import dev.bitline.rtl.gen.MacArrayParams;
import dev.bitline.rtl.hdl.Hdl;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import org.junit.jupiter.api.Test;

class YosysTest {

    @Test
    void parsesStatAndPricesCells() {
        SynthReport r = Yosys.parse("t", """
                   Number of cells:                 6
                     $_AND_                          2
                     $_XOR_                          1
                     $_SDFFE_PP0P_                   3
                """);
        assertEquals(6, r.cellCount());
        assertEquals(3, r.flipFlops());
        assertEquals(2 * 1.064 + 1.596 + 3 * (4.522 + 1.064 + 1.862), r.areaUm2(), 1e-9);
        assertEquals(r.areaUm2() / 0.798, r.gateEquivalents(), 1e-9);
        assertEquals(4.522, SynthReport.cellAreaUm2("$_DFF_P_"), 1e-12);
        assertEquals(4.522 + 1.064, SynthReport.cellAreaUm2("$_SDFF_PP0_"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> SynthReport.cellAreaUm2("$_WEIRD_"));
    }

    @Test
    void aHierarchicalStatCountsTheHierarchyTotalsOnly() {
        SynthReport r = Yosys.parse("top", """
                === leaf ===
                   Number of cells:                 7
                     $_AND_                          4
                     $_XOR_                          3
                === top ===
                   Number of cells:                  6
                     $_DFF_P_                        4
                     leaf                            2
                === design hierarchy ===
                   top                               1
                     leaf                            2
                   Number of cells:                 18
                     $_AND_                          8
                     $_DFF_P_                        4
                     $_XOR_                          6
                """);
        assertEquals(18, r.cellCount());
        assertEquals(4, r.flipFlops());
    }

    @Test
    void hierarchicalSynthesisCountsEveryInstance() {
        assumeTrue(Tools.available("yosys"), "yosys not on PATH: synthesis skipped");
        Module leaf = new Module("inc8");
        leaf.output("y", 8).set(leaf.input("x", 8).add(Hdl.lit(1, 8)));
        Module top = new Module("two_inc");
        Port x = top.input("x", 8);
        Reg q = top.reg("r", 8);
        q.set(top.instance("u1", leaf).in("x", x).out("y").xor(top.instance("u2", leaf).in("x", x.not()).out("y")));
        top.output("q", 8).set(q);
        java.util.Map<String, String> v = VerilogEmitter.emit(top.elaborate());
        SynthReport flat = Yosys.synth(v, "two_inc", true);
        SynthReport hier = Yosys.synth(v, "two_inc", false);
        assertEquals(8, hier.flipFlops(), hier.cells().toString());
        assertTrue(hier.cells().keySet().stream().noneMatch(k -> k.equals("inc8")), hier.cells().toString());
        // two incrementers' worth of gates, within what flattening can share
        assertTrue(hier.cellCount() >= flat.cellCount() && hier.cellCount() < 3 * flat.cellCount(), hier + " vs " + flat);
    }

    @Test
    void synthesizesACounterToTheExpectedFlipFlops() {
        assumeTrue(Tools.available("yosys"), "yosys not on PATH: synthesis skipped");
        Module m = new Module("cnt8");
        Port en = m.input("en", 1);
        Reg c = m.reg("c", 8);
        c.enable(en);
        c.set(c.add(Hdl.lit(1, 8)));
        m.output("q", 8).set(c);
        SynthReport r = Yosys.synth(VerilogEmitter.emit(m.elaborate()), "cnt8");
        assertEquals(8, r.flipFlops(), r.cells().toString());
        assertTrue(r.cells().keySet().stream().allMatch(k -> SynthReport.cellAreaUm2(k) > 0));
        assertTrue(r.cellCount() > 8 && r.cellCount() < 60, r.cells().toString());
    }

    @Test
    void macArraySynthesizesWithMultipliers() {
        assumeTrue(Tools.available("yosys"), "yosys not on PATH: synthesis skipped");
        Module top = MacArray.build(new MacArrayParams(1, 1, 2, 2, 4, 12));
        SynthReport r = Yosys.synth(VerilogEmitter.emit(top.elaborate()), top.name());
        // operand registers 2 x 2 x 4 bits + accumulator 12 + 3 valid/first/done, less one per
        // weight register: u - z of 2-bit values spans -3..3, so its bits 3 and 2 are always equal
        // and Yosys merges the two flip-flops
        assertEquals(16 + 12 + 3 - 2, r.flipFlops(), r.cells().toString());
        assertTrue(r.cells().containsKey("$_XOR_") || r.cells().containsKey("$_XNOR_"), r.cells().toString());
    }
}
