package dev.bitline.rtl.cosim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.rtl.emit.VerilogEmitter;
import dev.bitline.rtl.gen.Params;
import dev.bitline.rtl.hdl.Hdl;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PortLayout;
import dev.bitline.rtl.unit.RtlUnit;
import dev.bitline.rtl.unit.Units;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each generator co-simulated against its Java cycle model for 10^5 random cycles, with the
 * directed patterns of {@link Stimulus} (all-zero / all-one weights, max / min activations,
 * reset mid-stream) inside them; designs are small and builds are cached, so a second run
 * costs seconds.
 */
class CosimTest {
    static final long CYCLES = 100_000;

    @TempDir
    Path tmp;

    @BeforeEach
    void needsVerilator() {
        assumeTrue(Tools.available("verilator"), "verilator not on PATH: co-simulation skipped");
    }

    private static RtlUnit unit(String name, String... params) {
        return Units.parse(name, Params.parse(List.of(params)));
    }

    private Cosim.Result cosim(RtlUnit u, long cycles) {
        Module top = u.build();
        assertEquals(List.of(), Verilator.lint(VerilogEmitter.emit(top.elaborate()), top.name()), "lint");
        return Cosim.run(top, u::model, u.stimulus(), cycles, 1, tmp.resolve("mismatch.vcd"));
    }

    private static void assertCovered(RtlUnit u, long cycles) {
        // the directed patterns all occur within the run
        Stimulus s = new Stimulus(PortLayout.of(u.build()), u.stimulus(), 1);
        long[] f = new long[PortLayout.of(u.build()).inWords()];
        for (long c = 0; c < cycles; c++) {
            s.next(f);
        }
        for (Stimulus.Pattern p : Stimulus.Pattern.values()) {
            assertTrue(s.cyclesWith(p) > 1000, p + " only " + s.cyclesWith(p) + " cycles");
        }
    }

    @Test
    void lutTileMatchesItsModel() {
        RtlUnit u = unit("lut-tile", "m=2", "n=3", "k=4", "w=4");
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertEquals(0, r.status());
        assertCovered(u, CYCLES);
    }

    @Test
    void fusedLutTileWithOddShapeMatchesItsModel() {
        Cosim.Result r = cosim(unit("lut-tile", "m=1", "n=2", "k=3", "w=3", "a=6", "acc=24", "precompute=false"), CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
    }

    @Test
    void macArrayMatchesItsModel() {
        RtlUnit u = unit("mac-array", "rows=2", "cols=2", "k=4", "w=2");
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertCovered(u, CYCLES);
    }

    @Test
    void pimMacMatchesThePimModelsMacUnitIncludingSaturation() {
        assertIntegerPimMacMatchesIncludingSaturation("int8");
    }

    /** INT16 x INT16 -> INT32 (products up to 2^30, so the tree itself clips on corner operands). */
    @Test
    void int16PimMacMatchesThePimModelsMacUnitIncludingSaturation() {
        assertIntegerPimMacMatchesIncludingSaturation("int16");
    }

    private void assertIntegerPimMacMatchesIncludingSaturation(String format) {
        RtlUnit u = unit("pim-mac", "lanes=8", "format=" + format);
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertCovered(u, CYCLES);
        // the run clips at both INT32 limits many times (loads next to them, then MACs)
        PortLayout l = PortLayout.of(u.build());
        CycleModel m = u.model(l);
        Stimulus s = new Stimulus(l, u.stimulus(), 1);
        long[] in = new long[l.inWords()];
        long[] out = new long[l.outWords()];
        long atMax = 0;
        long atMin = 0;
        for (long c = 0; c < CYCLES; c++) {
            s.next(in);
            m.eval(in, out);
            long v = PortLayout.signExtend(out[l.output("result").word()], 32);
            atMax += v == Integer.MAX_VALUE ? 1 : 0;
            atMin += v == Integer.MIN_VALUE ? 1 : 0;
            m.tick(in);
        }
        assertTrue(atMax > 1000 && atMin > 1000, atMax + " / " + atMin);
    }

    @Test
    void int4PimMacMatches() {
        Cosim.Result r = cosim(unit("pim-mac", "lanes=4", "format=int4"), 20_000);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
    }

    /** fp16 tables (random, subnormal, +-0, inf, NaN, max, min) through the fp16 PEs, Fp16Datapath's numerics. */
    @Test
    void fp16LutTileMatchesTheFp16Datapath() {
        RtlUnit u = unit("lut-tile", "m=2", "n=3", "k=4", "w=4", "fp16=true");
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertCovered(u, CYCLES);
    }

    @Test
    void fp16MacArrayMatchesItsModel() {
        RtlUnit u = unit("mac-array", "rows=2", "cols=2", "k=3", "w=2", "fp16=true");
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertCovered(u, CYCLES);
    }

    /**
     * bf16 x bf16 -> fp32 MACs against MacUnit(BF16, FP32, FP32): random operands and the float
     * corners (+-0, +-inf, NaN, max, min subnormal/normal), fp32 loads at the limits, reset
     * mid-stream; the run produces every kind of fp32 result many times.
     */
    @Test
    void bf16PimMacMatchesMacUnitWithFp32Accumulation() {
        RtlUnit u = unit("pim-mac", "lanes=8", "format=bf16");
        Cosim.Result r = cosim(u, CYCLES);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
        assertEquals(CYCLES, r.cycles());
        assertCovered(u, CYCLES);
        PortLayout l = PortLayout.of(u.build());
        CycleModel m = u.model(l);
        Stimulus s = new Stimulus(l, u.stimulus(), 1);
        long[] in = new long[l.inWords()];
        long[] out = new long[l.outWords()];
        long[] kinds = new long[5]; // zero, subnormal, normal, infinite, NaN
        for (long c = 0; c < CYCLES; c++) {
            s.next(in);
            m.eval(in, out);
            float v = Float.intBitsToFloat((int) out[l.output("result").word()]);
            kinds[v == 0 ? 0 : Float.isNaN(v) ? 4 : Float.isInfinite(v) ? 3 : Math.abs(v) < Float.MIN_NORMAL ? 1 : 2]++;
            m.tick(in);
        }
        for (int k = 0; k < kinds.length; k++) {
            assertTrue(kinds[k] > 1000, java.util.Arrays.toString(kinds));
        }
    }

    @Test
    void fp16PimMacMatches() {
        Cosim.Result r = cosim(unit("pim-mac", "lanes=4", "format=fp16"), 20_000);
        assertNull(r.mismatch(), String.valueOf(r.mismatch()));
    }

    /** A model that differs from the hardware in one accumulator bit from a given cycle on. */
    private static CycleModel broken(CycleModel good, PortLayout l, long from) {
        int word = l.output("acc_1_2").word();
        return new CycleModel() {
            long cycle;

            @Override
            public void eval(long[] in, long[] out) {
                good.eval(in, out);
                if (cycle >= from) {
                    out[word] ^= 1L << 3;
                }
            }

            @Override
            public void tick(long[] in) {
                good.tick(in);
                cycle++;
            }
        };
    }

    @Test
    void aDifferenceIsReportedWithCycleSignalValuesAndAVcd() throws Exception {
        RtlUnit u = unit("lut-tile", "m=2", "n=3", "k=4", "w=4");
        Path vcd = tmp.resolve("out").resolve("mismatch.vcd");
        Cosim.Result r = Cosim.run(u.build(), l -> broken(u.model(l), l, 12_345), u.stimulus(), CYCLES, 1, vcd);
        assertNotNull(r.mismatch());
        assertEquals(12_345, r.mismatch().cycle());
        assertEquals("acc_1_2", r.mismatch().signal());
        assertTrue(r.mismatch().toString().startsWith("cycle 12345: acc_1_2 = "), r.mismatch().toString());
        assertTrue(!r.passed());
        assertEquals(vcd, r.vcd());
        String text = Files.readString(vcd);
        assertTrue(text.contains("$var") && text.contains("acc_1_2"), "VCD has the signals");
        assertTrue(text.contains("#" + (12_345 - Cosim.WINDOW) * 10) && text.contains("#" + (12_345 + Cosim.WINDOW - 1) * 10),
                "VCD covers the window around the mismatch");
        assertTrue(!text.contains("#" + (12_345 - Cosim.WINDOW - 1) * 10 + "\n"), "and starts at the window");
    }

    /** A counter that ends simulation with $finish (mode 0) or $fatal (mode 1) at 100. */
    static Module stopper() {
        Module m = new Module("stopper");
        Port mode = m.input("mode", 1);
        Port q = m.output("q", 8);
        Reg c = m.reg("count", 8);
        c.set(c.add(Hdl.lit(1, 8)));
        q.set(c);
        m.finishWhen(c.eq(100).and(mode.not()));
        m.fatalWhen(c.eq(100).and(mode), "count reached 100");
        return m;
    }

    @Test
    void finishAndFatalComeBackAsStatus() {
        Module top = stopper();
        PortLayout l = PortLayout.of(top);
        Path exe = Verilator.build(VerilogEmitter.emit(top.elaborate()), l);
        for (int mode = 0; mode < 2; mode++) {
            try (HarnessProcess h = new HarnessProcess(exe, l)) {
                long[][] ins = new long[300][l.inWords()];
                long[][] outs = new long[300][l.outWords()];
                ins[0][l.input("rst").word()] = 1;
                for (long[] f : ins) {
                    f[l.input("mode").word()] = mode;
                }
                int done = h.step(ins, outs, 300);
                // reset in cycle 0, count 0 in cycle 1, ..., 100 at the start of cycle 101
                assertEquals(102, done, "mode " + mode);
                assertEquals(100, outs[done - 1][l.output("q").word()]);
                assertEquals(mode == 0 ? 1 : 2, h.status());
                if (mode == 1) {
                    assertTrue(h.firstStderrLine().contains("count reached 100"), h.firstStderrLine());
                }
            }
        }
        // through Cosim: $fatal fails the run with the message
        Cosim.Result r = Cosim.run(top, lay -> new CycleModel() {
            long n;

            @Override
            public void eval(long[] in, long[] out) {
                out[lay.output("q").word()] = n & 0xFF;
            }

            @Override
            public void tick(long[] in) {
                n = in[lay.input("rst").word()] != 0 ? 0 : n + 1;
            }
        }, Map.of("rst", new Stimulus.Role.Reset(), "mode", new Stimulus.Role.Control(1.0)), 1000, 1, null);
        assertEquals(2, r.status());
        assertTrue(!r.passed());
        assertTrue(r.statusMessage().contains("count reached 100"), r.statusMessage());
    }
}
