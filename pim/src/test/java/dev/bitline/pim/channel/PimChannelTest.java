package dev.bitline.pim.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.pim.Presets;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PimChannelTest {
    static final List<String> NAMES = Presets.names();
    static final PimSystem[] SYSTEMS = NAMES.stream().map(n -> Presets.load(n)).toArray(PimSystem[]::new);

    static CommandBuffer trace(PimSystem sys, int n, int k, int batch, boolean ticked, boolean numerics) {
        CommandBuffer b = new CommandBuffer();
        GemvRun.run(sys, n, k, batch, sys.precisions().get(0),
                GemvRun.Options.defaults().withTicked(ticked).withNumerics(numerics).withSink(b));
        return b;
    }

    /** The event-driven driver and the ticked reference give the identical command trace. */
    @Property(tries = 25, seed = "20261202")
    void eventEqualsTicked(@ForAll @IntRange(min = 0, max = 4) int preset, @ForAll @IntRange(min = 1, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 2000) int k, @ForAll @IntRange(min = 1, max = 2) int batch,
            @ForAll boolean perBankAct) {
        PimSystem sys = perBankAct ? Presets.load(NAMES.get(preset), "unit.activateGranularity=per-bank") : SYSTEMS[preset];
        CommandBuffer ev = trace(sys, n, k, batch, false, false);
        CommandBuffer tk = trace(sys, n, k, batch, true, false);
        assertTrue(ev.size() > 0);
        assertEquals(-1, ev.firstDifference(tk), NAMES.get(preset) + " " + n + "x" + k);
    }

    /** Every preset's runs obey every row of its standard, as the independent checker reads them. */
    /**
     * Per-bank refresh during PIM work (refreshGranularity: per-bank): every REFpb the interval
     * asks for is issued (a whole round at one row switch), none of REFab, the checker finds no
     * violation, the output is still the reference's, event == ticked; on AiM it costs more time
     * than all-bank refresh (16 REFpb tRREFD apart + tRFCpb > one tRFC).
     */
    @Test
    void perBankRefreshDuringPimWork() {
        for (String preset : new String[] {"aim-gddr6", "hbm-pim"}) {
            PimSystem pb = Presets.load(preset, "dram.organization.channels=1", "refreshGranularity=per-bank");
            PimSystem ab = Presets.load(preset, "dram.organization.channels=1");
            InputFormat f = pb.precisions().get(0);
            CommandBuffer ev = new CommandBuffer();
            GemvResult r = GemvRun.run(pb, 512, 2048, 1, f, GemvRun.Options.defaults().withCheck(true).withSink(ev));
            assertTrue(r.check().clean(), preset + ": " + r.check().summary(5));
            assertTrue(r.verified(), preset);
            long refPb = 0, refAb = 0;
            for (CommandRecord x : ev.asList()) {
                if (x.command().name().equals("REFpb")) refPb++;
                if (x.command().name().equals("REFab")) refAb++;
            }
            long interval = pb.dram().param("tREFIpb");
            int units = pb.geometry().rankUnits(), banks = pb.geometry().banksPerRankUnit();
            long due = units * (r.cycles() / interval);
            assertEquals(0, refAb, preset);
            assertTrue(refPb >= due - 2L * banks * units && refPb <= due, preset + ": " + refPb + " REFpb, " + due + " due");
            CommandBuffer tk = trace(pb, 512, 2048, 1, true, false);
            assertEquals(-1, trace(pb, 512, 2048, 1, false, false).firstDifference(tk), preset + ": event == ticked");
            GemvResult all = GemvRun.run(ab, 512, 2048, 1, f, GemvRun.Options.defaults().withNumerics(false));
            System.out.printf("%s 512x2048, one channel: per-bank refresh %d cycles (refresh %.1f%%), all-bank %d (%.1f%%)%n",
                    preset, r.cycles(), 100 * r.loss().get(Loss.REFRESH), all.cycles(), 100 * all.loss().get(Loss.REFRESH));
            // a round costs (banks - 1) tRREFD + tRFCpb against one tRFC: dearer on AiM (15 x 16 + 105 >
            // 210), about even on HBM2 (tRFC 350)
            if (preset.equals("aim-gddr6")) assertTrue(r.cycles() > all.cycles(), preset);
            assertEquals(all.cycles(), r.cycles(), 0.1 * all.cycles(), preset);
        }
    }

    @Test
    void checkerFindsNoViolationOnAnyPreset() {
        for (int p = 0; p < SYSTEMS.length; p++) {
            // one channel with a larger matrix runs for many tREFI, so refreshes are checked too
            PimSystem oneChannel = Presets.load(NAMES.get(p), "dram.organization.channels=1");
            for (Object[] run : new Object[][] {{SYSTEMS[p], 300, 2100}, {SYSTEMS[p], 37, 129}, {oneChannel, 1024, 2048}}) {
                PimSystem sys = (PimSystem) run[0];
                int n = (Integer) run[1], k = (Integer) run[2];
                GemvResult r = GemvRun.run(sys, n, k, 1, sys.precisions().get(0),
                        GemvRun.Options.defaults().withCheck(true).withNumerics(false));
                CheckReport c = r.check();
                assertTrue(c.clean(), sys.name() + " " + n + "x" + k + ": " + c.summary(5));
                assertEquals(r.commands(), c.commands());
            }
            assertTrue(GemvRun.run(oneChannel, 1024, 2048, 1, oneChannel.precisions().get(0),
                    GemvRun.Options.defaults().withNumerics(false)).cycles() > 3 * oneChannel.dram().param("tREFI"), NAMES.get(p));
        }
    }

    @Test
    void checkerFlagsInjectedPimViolations() {
        PimSystem sys = SYSTEMS[NAMES.indexOf("pim-gpt")];
        CommandBuffer b = trace(sys, 4096, 4096, 1, false, false);
        PimIsa isa = sys.isa();
        // 1) the first MAC after an all-bank activate moved 3 cycles earlier: tRCDMAC
        // 2) a REFab with its banks still open (the PREA before it dropped)
        // 3) two all-bank MACs 1 cycle apart: tMAC
        int[] kinds = {0, 1, 2};
        for (int kind : kinds) {
            CommandBuffer bad = new CommandBuffer();
            boolean done = false;
            long shiftFrom = -1;
            for (int i = 0; i < b.size(); i++) {
                CommandRecord r = b.get(i);
                if (r.channel() != 0) continue;
                CommandRecord prev = i > 0 ? b.get(i - 1) : null;
                if (!done && kind == 0 && r.command().equals(isa.mac()) && prev != null && prev.command().equals(isa.activateAll())) {
                    r = new CommandRecord(r.cycle() - 3, r.command(), r.channel(), r.pseudoChannel(), r.rank(), r.bankGroup(), r.bank(), r.row(), r.column());
                    done = true;
                } else if (!done && kind == 1 && r.command().equals(isa.prechargeAll()) && refreshBeforeActivate(b, i, isa)) {
                    done = true;
                    continue;
                } else if (!done && kind == 2 && r.command().equals(isa.mac()) && prev != null && prev.command().equals(isa.mac())
                        && r.cycle() - prev.cycle() > 1) {
                    r = new CommandRecord(prev.cycle() + 1, r.command(), r.channel(), r.pseudoChannel(), r.rank(), r.bankGroup(), r.bank(), r.row(), r.column());
                    done = true;
                }
                bad.onCommand(r.cycle(), r.command(), r.channel(), r.pseudoChannel(), r.rank(), r.bankGroup(), r.bank(), r.row(), r.column());
            }
            assertTrue(done, "injection " + kind + " found no place");
            CheckReport rep = TimingChecker.check(sys.dram(), bad);
            assertFalse(rep.clean(), "injection " + kind + " not flagged");
        }
    }

    /** True when the PREA at i is followed (on its channel, before any activate) by a REFab. */
    private static boolean refreshBeforeActivate(CommandBuffer b, int i, PimIsa isa) {
        for (int j = i + 1; j < b.size(); j++) {
            CommandRecord n = b.get(j);
            if (n.channel() != b.get(i).channel()) continue;
            if (n.command().equals(isa.refreshAll())) return true;
            if (n.command().equals(isa.activateAll()) || n.command().equals(isa.activate())) return false;
        }
        return false;
    }

    /** A unit never takes columns faster than its clock, on any placement the standard offers (was 170% on buffer-die). */
    @Test
    void utilizationNeverExceedsPeakOnAnyPlacement() {
        for (String name : NAMES) {
            for (dev.bitline.pim.config.Placement p : dev.bitline.pim.config.Placement.values()) {
                PimSystem sys;
                try {
                    sys = Presets.load(name, "unit.placement=" + p.name().toLowerCase().replace('_', '-'));
                } catch (RuntimeException e) {
                    continue; // a placement the geometry does not allow
                }
                GemvResult r = GemvRun.run(sys, 512, 2048, 1, sys.precisions().get(0),
                        GemvRun.Options.defaults().withNumerics(false).withCheck(true));
                assertTrue(r.utilization() <= 1.0, name + " " + p + ": " + r.utilization());
                assertTrue(r.check().clean(), name + " " + p + ": " + r.check().summary(3));
            }
        }
    }

    /** REFab blocks the die: refreshes are taken at row switches and WR_GB / RD_MAC wait tRFC after them. */
    @Test
    void refreshIsTakenAtRowSwitches() {
        PimSystem sys = Presets.load("pim-gpt", "dram.organization.channels=1");
        CommandBuffer b = trace(sys, 1024, 2048, 1, false, false);
        PimIsa isa = sys.isa();
        int refs = 0;
        long lastRef = -1;
        for (int i = 0; i < b.size(); i++) {
            CommandRecord r = b.get(i);
            if (r.command().equals(isa.refreshAll())) {
                refs++;
                lastRef = r.cycle();
                // the next activate opens the row of the program's next sweep, not the one it left
                assertTrue(i > 0, "refresh first");
            } else if (lastRef >= 0 && (r.command().equals(isa.writeBuffer()) || r.command().equals(isa.readResult()))) {
                assertTrue(r.cycle() - lastRef >= sys.dram().param("tRFC"), "buffer command within tRFC of REFab at " + r.cycle());
            }
        }
        assertTrue(refs > 0);
        // no forced mid-sweep refresh: every ACT_AB follows a MAC-free gap (PREA before it), and
        // the number of row activations equals the program's row switches
        long acts = b.asList().stream().filter(r -> r.command().equals(isa.activateAll())).count();
        GemvResult noRef = GemvRun.run(Presets.load("pim-gpt", "dram.organization.channels=1", "refresh=false"), 1024, 2048, 1,
                InputFormat.BF16, GemvRun.Options.defaults().withNumerics(false));
        assertEquals(noRef.commands(), b.size() - refs, "refresh added commands besides REFab");
        assertTrue(acts > 0);
    }

    /** Without a sink the event driver counts MAC streams in closed form: the same result as issuing them. */
    @Test
    void bulkStreamsCountLikeIssuedOnes() {
        for (PimSystem base : SYSTEMS) {
            for (PimSystem sys : new PimSystem[] {base, Presets.load(NAMES.get(java.util.Arrays.asList(SYSTEMS).indexOf(base)),
                    "dram.organization.channels=1")}) {
                for (int[] shape : new int[][] {{1024, 2048}, {300, 2100}, {37, 129}}) {
                    GemvRun.Options o = GemvRun.Options.defaults().withNumerics(false);
                    GemvResult plain = GemvRun.run(sys, shape[0], shape[1], 1, sys.precisions().get(0), o);
                    GemvResult watched = GemvRun.run(sys, shape[0], shape[1], 1, sys.precisions().get(0), o.withSink(new CommandBuffer()));
                    String what = sys.name() + " " + shape[0] + "x" + shape[1];
                    assertEquals(watched.cycles(), plain.cycles(), what);
                    assertEquals(watched.commands(), plain.commands(), what);
                    assertEquals(watched.decisions(), plain.decisions(), what);
                    assertEquals(watched.energy().total(), plain.energy().total(), 1e-9 * watched.energy().total(), what);
                    for (Loss l : Loss.values()) assertEquals(watched.loss().get(l), plain.loss().get(l), 1e-9, what + " " + l);
                }
            }
        }
    }

    @Test
    void timingIsIdenticalWithAndWithoutNumerics() {
        for (PimSystem sys : SYSTEMS) {
            CommandBuffer with = trace(sys, 200, 1000, 1, false, true);
            CommandBuffer without = trace(sys, 200, 1000, 1, false, false);
            assertEquals(-1, with.firstDifference(without), sys.name());
        }
    }

    @Test
    void outputsAreVerifiedOnEveryPreset() {
        for (PimSystem sys : SYSTEMS) {
            GemvResult r = GemvRun.run(sys, 333, 1111, 2, sys.precisions().get(0), GemvRun.Options.defaults());
            assertNotNull(r.output());
            assertTrue(r.verified(), sys.name());
            assertTrue(r.maxErrorRatio() <= 1, sys.name() + " error ratio " + r.maxErrorRatio());
        }
    }

    @Test
    void runsAreBitIdenticalPerSeed() {
        PimSystem sys = SYSTEMS[0];
        GemvResult a = GemvRun.run(sys, 200, 900, 1, sys.precisions().get(0), GemvRun.Options.defaults());
        GemvResult b = GemvRun.run(sys, 200, 900, 1, sys.precisions().get(0), GemvRun.Options.defaults());
        assertEquals(a.cycles(), b.cycles());
        assertTrue(java.util.Arrays.deepEquals(a.output(), b.output()));
        assertEquals(a.energy(), b.energy());
    }

    @Test
    void integerPrecisionRunsWhereTheUnitHasIt() {
        PimSystem sys = Presets.load("pim-gpt", "energy.macPj.int8=0.3");
        GemvResult r = GemvRun.run(sys, 100, 700, 1, InputFormat.INT8, GemvRun.Options.defaults());
        assertTrue(r.verified());
        assertEquals(0.0, r.maxErrorRatio());
    }
}
