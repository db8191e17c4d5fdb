package dev.bitline.dram.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.bus.RowColumnBuses;
import dev.bitline.dram.controller.bus.SingleBus;
import dev.bitline.dram.controller.plugin.OnTheFlyChecker;
import dev.bitline.dram.controller.plugin.TraceRecorder;
import dev.bitline.dram.controller.powerdown.PowerDownPolicy;
import dev.bitline.dram.controller.refresh.AllBankRefresh;
import dev.bitline.dram.controller.refresh.NoRefresh;
import dev.bitline.dram.controller.refresh.PerBankRefresh;
import dev.bitline.dram.controller.refresh.RefreshManager;
import dev.bitline.dram.controller.refresh.SameBankRefresh;
import dev.bitline.dram.controller.rowpolicy.ClosedRow;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.controller.rowpolicy.TimeoutRow;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The controller's parts: chosen by kind, and the plugin hook beside the command sink. */
class ControllerPartsTest {

    @Test
    void partsAreChosenByKind() {
        DramSpec ddr4 = Presets.load("ddr4-2400-8gb-x8"), ddr5 = Presets.load("ddr5-4800-16gb-x8"),
                hbm = Presets.load("hbm2-2gbps");
        assertInstanceOf(AllBankRefresh.class, RefreshManager.of(RefreshMode.ALLBANK, ddr4, 0, 1));
        assertInstanceOf(SameBankRefresh.class, RefreshManager.of(RefreshMode.SAMEBANK, ddr5, 0, 1));
        assertInstanceOf(PerBankRefresh.class, RefreshManager.of(RefreshMode.PERBANK, hbm, 0, 2));
        assertInstanceOf(NoRefresh.class, RefreshManager.of(RefreshMode.NONE, ddr4, 0, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RefreshManager.of(RefreshMode.PERBANK, ddr4, 0, 1));
        assertTrue(e.getMessage().contains("per-bank refresh"), e.getMessage());
        assertInstanceOf(SingleBus.class, CommandBuses.of(ddr4));
        assertInstanceOf(RowColumnBuses.class, CommandBuses.of(hbm));
        assertInstanceOf(ClosedRow.class, RowPolicy.of(PagePolicy.CLOSED, 100));
        assertEquals(150, RowPolicy.of(PagePolicy.TIMEOUT, 50).idleCloseAt(100));
        assertInstanceOf(TimeoutRow.class, RowPolicy.of(PagePolicy.TIMEOUT, 50));
        assertEquals(130, PowerDownPolicy.of(30).entryAt(100));
        assertTrue(!PowerDownPolicy.of(0).enabled());
    }

    @Test
    void allBankRefreshClosesBanksWithPreaOrOnePrePerOpenBank() {
        DramSpec hbm = Presets.load("hbm2-2gbps");
        int banks = hbm.organization().banksPerRank();
        int[] openRow = new int[2 * banks];
        java.util.Arrays.fill(openRow, -1);
        openRow[banks + 3] = 7; // pseudo-channel 1: banks 3 and 9 open
        openRow[banks + 9] = 2;
        int[] openBanks = {0, 2};
        RefreshManager.Step s = new RefreshManager.Step();
        RefreshManager rank = RefreshManager.of(RefreshMode.ALLBANK, hbm, 0, 2, 1.0, RefreshPrecharge.RANK);
        rank.next(1, openRow, openBanks, s);
        assertEquals(hbm.roles().prechargeAll().id(), s.command);
        assertEquals(RefreshManager.Step.HOLD_RANK, s.hold);
        RefreshManager perBank = RefreshManager.of(RefreshMode.ALLBANK, hbm, 0, 2, 1.0, RefreshPrecharge.BANKS);
        perBank.next(1, openRow, openBanks, s);
        assertEquals(hbm.roles().precharge().id(), s.command);
        assertEquals(banks + 3, s.bank, "the first open bank of the rank unit, in flat order");
        assertEquals(RefreshManager.Step.HOLD_RANK, s.hold, "the whole rank unit waits for its refresh");
        openRow[banks + 3] = -1;
        openBanks[1] = 1;
        perBank.next(1, openRow, openBanks, s);
        assertEquals(banks + 9, s.bank);
        openRow[banks + 9] = -1;
        openBanks[1] = 0;
        perBank.next(1, openRow, openBanks, s);
        assertEquals(hbm.roles().refreshAll().id(), s.command, "all closed: REFab");
        perBank.next(0, openRow, openBanks, s);
        assertEquals(hbm.roles().refreshAll().id(), s.command);
    }

    @Test
    void refreshStaggerSpreadsOrAlignsRankUnits() {
        DramSpec hbm = Presets.load("hbm2-2gbps");
        long t = hbm.param("tREFI");
        RefreshManager spread = RefreshManager.of(RefreshMode.ALLBANK, hbm, 0, 2); // default stagger 1
        spread.accrue(t);
        assertEquals(1, spread.owed(0));
        assertEquals(0, spread.owed(1), "pseudo-channel 1 is due half an interval later");
        assertEquals(t + t / 2, spread.accrue(t));
        RefreshManager together = RefreshManager.of(RefreshMode.ALLBANK, hbm, 0, 2, 0.0);
        assertEquals(t, together.accrue(0));
        together.accrue(t);
        assertEquals(1, together.owed(0));
        assertEquals(1, together.owed(1), "stagger 0: both pseudo-channels due together (Ramulator 2.1)");
        RefreshManager quarter = RefreshManager.of(RefreshMode.ALLBANK, hbm, 0, 2, 0.5);
        quarter.accrue(t);
        assertEquals(t + t / 4, quarter.accrue(t));
        assertThrows(IllegalArgumentException.class, () -> ControllerConfig.defaults().withRefreshStagger(1.5));
    }

    @Test
    void slotReleaseAtActTakesAnArrivalWhileTheActivatedRequestWaits() {
        DramSpec ddr4 = Presets.load("ddr4-2400-8gb-x8");
        ControllerConfig one = ControllerConfig.defaults().withQueues(QueueStructure.SPLIT, 32, 1, 1)
                .withRefresh(RefreshMode.NONE, 0);
        for (SlotRelease s : SlotRelease.values()) {
            DramSystem sys = new DramSystem(ddr4, one.withSlotRelease(s), null);
            assertTrue(sys.trySubmit(0, false, 0, 0));
            assertTrue(!sys.trySubmit(1L << 20, false, 0, 1), "the one read slot is taken");
            // after the ACT (cycle 0) but before the RD (tRCD later)
            boolean taken = sys.trySubmit(1L << 20, false, 2, 1);
            assertEquals(s == SlotRelease.ACT, taken, s + ": a second read fits only once the first left its slot at ACT");
        }
    }

    @Test
    void refreshManagerOwesAndRotates() {
        DramSpec ddr5 = Presets.load("ddr5-4800-16gb-x8");
        RefreshManager m = RefreshManager.of(RefreshMode.SAMEBANK, ddr5, 1, 1);
        long interval = ddr5.param("tREFIsb");
        assertEquals(interval, m.accrue(0));
        m.accrue(2 * interval);
        assertEquals(2, m.owed(0));
        assertTrue(m.needed(0, 5), "two owed, one may be postponed");
        int banks = ddr5.organization().banksPerRank();
        int[] open = new int[banks];
        java.util.Arrays.fill(open, -1);
        RefreshManager.Step st = new RefreshManager.Step();
        m.next(0, open, new int[] {0}, st);
        assertEquals(ddr5.roles().refreshSameBank().id(), st.command);
        assertEquals(RefreshManager.Step.HOLD_BANK_INDEX, st.hold);
        assertEquals(0, st.holdBank);
        open[ddr5.organization().banksPerGroup() * 2] = 7; // bank 0 of group 2 is open: precharge it first
        m.next(0, open, new int[] {1}, st);
        assertEquals(ddr5.roles().precharge().id(), st.command);
        m.issued(0, ddr5.roles().refreshSameBank());
        open[ddr5.organization().banksPerGroup() * 2] = -1;
        m.next(0, open, new int[] {0}, st);
        assertEquals(1, st.holdBank, "round robin moved to bank index 1");
        assertEquals(1, m.owed(0));
    }

    @Test
    void pluginsSeeWhatTheSinkSees() {
        DramSpec spec = Presets.load("ddr4-2400-8gb-x8");
        DramSystem sys = new DramSystem(spec, ControllerConfig.defaults().withPowerDownIdle(20), null);
        CommandBuffer sink = new CommandBuffer();
        sys.setCommandSink(sink);
        TraceRecorder rec = new TraceRecorder();
        OnTheFlyChecker check = new OnTheFlyChecker(spec, true);
        sys.channel(0).addPlugin(rec);
        sys.channel(0).addPlugin(check);
        SplittableRandom rnd = new SplittableRandom(3);
        long t = 0;
        for (int i = 0; i < 3000; i++) {
            long a = rnd.nextLong(sys.capacity() / 64) * 64;
            t = sys.submitBlocking(a, rnd.nextDouble() < 0.3, t + rnd.nextInt(30), i) + 1;
        }
        sys.drain();
        assertTrue(sink.size() > 6000, "commands: " + sink.size());
        assertEquals(-1, sink.firstDifference(rec.trace()), "recorder == sink");
        assertTrue(check.report().clean(), check.report().summary(3));
        assertEquals(sink.size(), check.report().commands());
    }

    @Test
    void onTheFlyCheckerStopsAtTheFirstViolation() {
        DramSpec s = DramStandards.load(new ConfigLoader(Presets.configsRoot()),
                Path.of("src/test/resources/dev/bitline/dram/fixtures/gddr6-allbank-mac.yaml").toAbsolutePath(),
                List.of());
        DramSystem sys = new DramSystem(s, ControllerConfig.defaults().withRefresh(RefreshMode.NONE, 0), null);
        Controller ch = sys.channel(0);
        ch.addPlugin(new OnTheFlyChecker(s, true));
        Command mac = s.command("MACab");
        // timing allows it (nothing issued yet), but every bank is closed: a protocol error
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ch.issue(mac, 0, 0, 0, 3, 0, ch.earliest(mac, 0, 0, 0)));
        assertTrue(e.getMessage().contains("PROTOCOL") && e.getMessage().contains("MACab"), e.getMessage());
        assertEquals(CommandRecord.NONE, -1);
    }
}
