package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerBehaviorTest {
    static final DramSpec SPEC = Presets.load("ddr4-2400-8gb-x8");
    static final int TREFI = SPEC.param("tREFI");

    static List<Long> cyclesOf(CommandBuffer b, String command) {
        List<Long> l = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) if (b.command(i).name().equals(command)) l.add(b.cycle(i));
        return l;
    }

    @Test
    void idleSystemRefreshesExactlyEveryTREFI() {
        DramSystem sys = new DramSystem(SPEC, ControllerConfig.defaults(), null);
        CommandBuffer buf = new CommandBuffer();
        sys.setCommandSink(buf);
        sys.advanceTo(10L * TREFI + 1);
        List<Long> refs = cyclesOf(buf, "REFab");
        assertEquals(10, refs.size());
        for (int k = 0; k < 10; k++) assertEquals((k + 1L) * TREFI, refs.get(k));
        assertTrue(sys.channel(0).decisions() < 100, "idle cycles are not visited: " + sys.channel(0).decisions());
    }

    @Test
    void refreshUnderLoadStaysWithinPostponement() {
        for (int postpone : new int[] {0, 4}) {
            ControllerConfig cfg = ControllerConfig.defaults().withRefresh(RefreshMode.ALLBANK, postpone);
            Traffic.Run r = Traffic.run(SPEC, cfg, Traffic.Kind.RANDOM, 20000, 0, 0.3, 5, true);
            List<Long> refs = cyclesOf(r.trace(), "REFab");
            long due = r.endCycle() / TREFI;
            assertTrue(refs.size() >= due - postpone - 1 && refs.size() <= due + 1,
                    "postpone " + postpone + ": " + refs.size() + " refreshes for " + due + " intervals");
            // k-th refresh no later than (k + postpone + 1) intervals plus the time to close the rank
            long slack = SPEC.param("tRC") + SPEC.param("tRFC") + 64;
            for (int k = 0; k < refs.size(); k++) {
                assertTrue(refs.get(k) <= (k + 1L + postpone) * TREFI + slack, "refresh " + k + " at " + refs.get(k));
                assertTrue(refs.get(k) >= (k + 1L) * TREFI, "refresh " + k + " before it was due");
            }
        }
    }

    @Test
    void perBankRefreshCoversEveryBank() {
        DramSpec lp = Presets.load("lpddr5-6400");
        ControllerConfig cfg = PresetConfigs.forSpec(lp);
        assertEquals(RefreshMode.PERBANK, cfg.refresh());
        DramSystem sys = new DramSystem(lp, cfg, null);
        CommandBuffer buf = new CommandBuffer();
        sys.setCommandSink(buf);
        sys.advanceTo(2L * lp.param("tREFI") + 1);
        boolean[] seen = new boolean[16];
        for (var r : buf.asList()) {
            if (r.command().name().equals("REFpb")) seen[r.bankGroup() * 4 + r.bank()] = true;
        }
        for (boolean s : seen) assertTrue(s);
    }

    /**
     * Two reads arrive together, the older to bank 5 (group 1, bank 1), the younger to bank 2
     * (group 0, bank 2). By age the older bank activates first; round-robin starts its search at
     * bank 1 (DRAMsim3's first search), so bank 2 comes first, and after it the search starts at
     * bank 3, so bank 5 is next.
     */
    @Test
    void roundRobinArbitrationIgnoresAgeAcrossBanks() {
        for (var arb : dev.bitline.dram.controller.Arbitration.values()) {
            ControllerConfig cfg = ControllerConfig.defaults().withRefresh(RefreshMode.NONE, 0).withArbitration(arb);
            DramSystem sys = new DramSystem(SPEC, cfg, null);
            CommandBuffer buf = new CommandBuffer();
            sys.setCommandSink(buf);
            assertTrue(sys.trySubmit(sys.mapping().encode(0, 0, 0, 1, 1, 7, 0), false, 0, 0));
            assertTrue(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 2, 9, 0), false, 0, 1));
            sys.drain();
            List<int[]> acts = new ArrayList<>();
            for (var r : buf.asList()) {
                if (r.command().name().equals("ACT")) acts.add(new int[] {r.bankGroup(), r.bank()});
            }
            assertEquals(2, acts.size());
            boolean rr = arb == dev.bitline.dram.controller.Arbitration.ROUND_ROBIN;
            assertArrayEquals(rr ? new int[] {0, 2} : new int[] {1, 1}, acts.get(0), arb.toString());
            assertArrayEquals(rr ? new int[] {1, 1} : new int[] {0, 2}, acts.get(1), arb.toString());
        }
    }

    /** Per channel, cycles in which two commands issued; checks each pair is one row + one column. */
    static int sameCyclePairs(DramSpec spec) {
        Traffic.Run r = Traffic.run(spec, PresetConfigs.forSpec(spec), Traffic.Kind.RANDOM, 3000, 0, 0.3, 3, true);
        CommandBuffer t = r.trace().sortedByCycle();
        int pairs = 0;
        for (int i = 1; i < t.size(); i++) {
            var a = t.get(i - 1);
            var b = t.get(i);
            if (a.cycle() == b.cycle() && a.channel() == b.channel()) {
                pairs++;
                assertNotEquals(a.command().isColumn(), b.command().isColumn(), a + " / " + b);
            }
        }
        return pairs;
    }

    /** HBM's separate row and column buses carry one command each per cycle; DDR4's one bus one. */
    @Test
    void hbmIssuesARowAndAColumnCommandInOneCycle() {
        DramSpec hbm = Presets.load("hbm2-2gbps");
        assertEquals(dev.bitline.dram.spec.CommandBus.ROW_COLUMN, hbm.commandBus());
        assertTrue(sameCyclePairs(hbm) > 0, "random traffic on HBM2 uses both buses in some cycle");
        assertEquals(dev.bitline.dram.spec.CommandBus.SINGLE, SPEC.commandBus());
        assertEquals(0, sameCyclePairs(SPEC));
    }

    /** DDR5's two-cycle commands (ACT, RD, WR) leave the command bus idle in their second cycle. */
    @Test
    void ddr5TwoCycleCommandsHoldTheBus() {
        DramSpec ddr5 = Presets.load("ddr5-4800-16gb-x8");
        assertEquals(2, ddr5.command("ACT").cycles());
        assertEquals(1, ddr5.command("PRE").cycles());
        Traffic.Run r = Traffic.run(ddr5, PresetConfigs.forSpec(ddr5), Traffic.Kind.RANDOM, 3000, 0, 0.3, 3, true);
        CommandBuffer t = r.trace().sortedByCycle();
        long[] lastEnd = new long[ddr5.organization().channels()];
        int adjacentAfterOneCycle = 0;
        for (var c : t.asList()) {
            assertTrue(c.cycle() >= lastEnd[c.channel()], "bus still held at " + c);
            if (c.cycle() == lastEnd[c.channel()]) adjacentAfterOneCycle++;
            lastEnd[c.channel()] = c.cycle() + c.command().cycles();
        }
        assertTrue(adjacentAfterOneCycle > 0, "back-to-back commands exist, so the rule was exercised");
    }

    /** Issues reads to one bank: the given rows, spaced {@code gap} cycles apart. */
    static CommandBuffer oneBank(ControllerConfig cfg, int[] rows, long gap, List<Long> order) {
        DramSystem sys = new DramSystem(SPEC, cfg.withRefresh(RefreshMode.NONE, 0),
                (tag, w, arr, done) -> order.add(tag));
        CommandBuffer buf = new CommandBuffer();
        sys.setCommandSink(buf);
        for (int i = 0; i < rows.length; i++) {
            long a = sys.mapping().encode(0, 0, 0, 1, 2, rows[i], i % 16);
            assertTrue(sys.trySubmit(a, false, i * gap, i));
        }
        sys.drain();
        return buf;
    }

    @Test
    void openPageKeepsTheRowForHits() {
        CommandBuffer b = oneBank(ControllerConfig.defaults(), new int[] {7, 7, 7, 7}, 200, new ArrayList<>());
        assertEquals(1, cyclesOf(b, "ACT").size());
        assertEquals(4, cyclesOf(b, "RD").size());
        assertEquals(0, cyclesOf(b, "PRE").size());
    }

    @Test
    void closedPagePrechargesAfterTheLastHit() {
        CommandBuffer sparse = oneBank(ControllerConfig.defaults().withPagePolicy(PagePolicy.CLOSED, 0),
                new int[] {7, 7, 7, 7}, 200, new ArrayList<>());
        assertEquals(4, cyclesOf(sparse, "ACT").size(), "every sparse request reopens the row");
        assertEquals(4, cyclesOf(sparse, "RDA").size());
        CommandBuffer dense = oneBank(ControllerConfig.defaults().withPagePolicy(PagePolicy.CLOSED, 0),
                new int[] {7, 7, 7, 7}, 0, new ArrayList<>());
        assertEquals(1, cyclesOf(dense, "ACT").size(), "queued hits are served before closing");
        assertEquals(3, cyclesOf(dense, "RD").size());
        assertEquals(1, cyclesOf(dense, "RDA").size());
    }

    @Test
    void timeoutPageClosesIdleRows() {
        ControllerConfig cfg = ControllerConfig.defaults().withPagePolicy(PagePolicy.TIMEOUT, 100);
        CommandBuffer slow = oneBank(cfg, new int[] {7, 7}, 400, new ArrayList<>());
        List<Long> pre = cyclesOf(slow, "PRE");
        List<Long> rd = cyclesOf(slow, "RD");
        assertEquals(1, pre.size(), "drain() returns before the last row's timeout");
        assertEquals(2, cyclesOf(slow, "ACT").size());
        assertEquals(rd.get(0) + 100, pre.get(0), "closed exactly pageTimeout after the last access");
        CommandBuffer fast = oneBank(cfg, new int[] {7, 7}, 50, new ArrayList<>());
        assertEquals(1, cyclesOf(fast, "ACT").size(), "second request hits before the timeout");
    }

    @Test
    void frfcfsServesRowHitsFirstFcfsServesInOrder() {
        int[] rows = {1, 2, 1, 1};
        List<Long> fr = new ArrayList<>();
        oneBank(ControllerConfig.defaults(), rows, 0, fr);
        assertEquals(List.of(0L, 2L, 3L, 1L), fr);
        List<Long> fc = new ArrayList<>();
        oneBank(ControllerConfig.defaults().withScheduler(SchedulerKind.FCFS), rows, 0, fc);
        assertEquals(List.of(0L, 1L, 2L, 3L), fc);
    }

    @Test
    void unloadedReadLatencyIsTheTimingSum() {
        // row conflict: PRE + ACT + RD -> tRP + tRCD + CL + tBL = 17 + 17 + 17 + 4 = 55
        List<Long> done = new ArrayList<>();
        DramSystem sys = new DramSystem(SPEC, ControllerConfig.defaults().withRefresh(RefreshMode.NONE, 0),
                (tag, w, arr, c) -> done.add(c - arr));
        long a = sys.mapping().encode(0, 0, 0, 0, 0, 5, 0);
        long b = sys.mapping().encode(0, 0, 0, 0, 0, 6, 0);
        sys.trySubmit(a, false, 0, 0);
        sys.trySubmit(b, false, 1000, 1);
        sys.drain();
        assertEquals(List.of(17L + 17 + 4, 55L), done, "closed bank: tRCD+CL+tBL; conflict: +tRP");
    }

    @Test
    void backPressureWhenFull() {
        ControllerConfig cfg = ControllerConfig.defaults().withQueues(QueueStructure.SHARED, 4, 4, 4);
        DramSystem sys = new DramSystem(SPEC, cfg, null);
        for (int i = 0; i < 4; i++) assertTrue(sys.trySubmit(64L * 1024 * 1024 * i, i % 2 == 0, 0, i));
        assertFalse(sys.trySubmit(0, false, 0, 9));
        long at = sys.submitBlocking(0, false, 0, 9);
        assertTrue(at > 0, "accepted only after a column command freed a slot");
        sys.drain();
        assertEquals(5, sys.stats().reads() + sys.stats().writes());
    }

    @Test
    void addressBeyondCapacityIsAnError() {
        DramSystem sys = new DramSystem(SPEC, ControllerConfig.defaults(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sys.trySubmit(8L << 30, false, 0, 0));
        assertTrue(e.getMessage().contains("beyond"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sys.trySubmit(-64, false, 0, 0));
    }

    @Test
    void eventDrivenSkipsIdleCycles() {
        ControllerConfig cfg = ControllerConfig.defaults();
        Traffic.Run ev = Traffic.run(SPEC, cfg, Traffic.Kind.RANDOM, 2000, 80, 0.3, 3, false);
        Traffic.Run tk = Traffic.run(SPEC, cfg.withTicked(true), Traffic.Kind.RANDOM, 2000, 80, 0.3, 3, false);
        long de = ev.system().channel(0).decisions(), dt = tk.system().channel(0).decisions();
        assertEquals(ev.endCycle(), tk.endCycle());
        // drain() stops after the last column command; its data ends CL + tBL later
        assertTrue(dt >= ev.endCycle() - SPEC.readLatency() - SPEC.burstCycles() - 1, "ticked visits every cycle");
        assertTrue(de * 10 < dt, "event-driven visits far fewer cycles: " + de + " vs " + dt);
    }

    @Test
    void bankQueuesFormASecondLevel() {
        ControllerConfig cfg = ControllerConfig.defaults().withQueues(QueueStructure.SHARED, 4, 4, 4)
                .withBankQueueDepth(2).withReadsFirst(false).withRefresh(RefreshMode.NONE, 0);
        DramSystem sys = new DramSystem(SPEC, cfg, null);
        long[] rows = {1, 2, 3, 4, 5, 6, 7};
        for (int i = 0; i < 4; i++) {
            assertTrue(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 0, (int) rows[i], 0), false, 0, i));
        }
        assertFalse(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 0, 9, 0), false, 0, 9),
                "first level full at cycle 0: nothing has moved yet");
        sys.advanceTo(5);
        // one move per cycle at cycles 0 and 1; the bank queue (2) is then full
        assertTrue(sys.channel(0).hasSpace(false));
        assertEquals(4, sys.queued());
        assertTrue(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 0, 5, 0), false, 5, 4));
        assertTrue(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 0, 6, 0), false, 5, 5));
        assertFalse(sys.trySubmit(sys.mapping().encode(0, 0, 0, 0, 0, 7, 0), false, 5, 6));
        sys.drain();
        assertEquals(6, sys.stats().reads());
    }

    @Test
    void bankStateFollowsCommands() {
        ControllerConfig cfg = ControllerConfig.defaults().withPowerDownIdle(50);
        DramSystem sys = new DramSystem(SPEC, cfg, null);
        var ch = sys.channel(0);
        assertEquals(dev.bitline.dram.controller.BankState.CLOSED, ch.bankState(0, 1, 1, 0));
        sys.trySubmit(sys.mapping().encode(0, 0, 0, 1, 1, 33, 0), false, 0, 0);
        sys.advanceTo(20);
        assertEquals(dev.bitline.dram.controller.BankState.ROW_OPEN, ch.bankState(0, 1, 1, ch.now()));
        assertEquals(33, ch.openRow(0, 1, 1));
        sys.advanceTo(200);
        assertEquals(dev.bitline.dram.controller.BankState.POWERED_DOWN, ch.bankState(0, 1, 1, ch.now()));
        sys.advanceTo(TREFI + 40); // before the next power-down entry (idle 50 after the REFab)
        // the due refresh woke the rank (PDX), closed the row (PREA) and started REFab
        assertEquals(dev.bitline.dram.controller.BankState.REFRESHING, ch.bankState(0, 3, 0, ch.now()));
        assertEquals(-1, ch.openRow(0, 1, 1));
    }
}
