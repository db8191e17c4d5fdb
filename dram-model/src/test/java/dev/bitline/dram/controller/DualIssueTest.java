package dev.bitline.dram.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dualIssue}: the cycle's second command on HBM's row + column buses. One cycle in which
 * three candidates are ready at once, in round-robin order an ACT (bank 1), a PRE (bank 4) and a
 * RD (bank 8): Bitline's default issues the RD beside the ACT; DRAMsim3's rule finds the PRE
 * first, issues nothing more and moves its search past bank 4, so the RD goes out a cycle later.
 */
class DualIssueTest {
    // the DRAMsim3 HBM2 one-channel setup (mapping ro-bg-ba-co: row [29:15], bg [14:13], ba [12:11],
    // column [10:6]), one queue level so requests are candidates on arrival, refresh off
    static DramSpec spec;
    static ControllerConfig base;

    static void load() {
        if (spec != null) return;
        DramRunConfig c = DramRunConfig.load(Presets.configsRoot().resolve("dram/validation/hbm2-dramsim3-1ch.yaml"),
                List.of("controller.bankQueueDepth=0", "controller.staging=oldest", "controller.refresh=none"));
        spec = c.spec();
        base = c.controller();
    }

    static long addr(int row, int bg, int ba) {
        return ((long) row << 15) | ((long) bg << 13) | ((long) ba << 11);
    }

    static long cycleOf(CommandBuffer b, String cmd, int bg, int ba) {
        for (int i = 0; i < b.size(); i++) {
            if (b.command(i).name().equals(cmd) && b.get(i).bankGroup() == bg && b.get(i).bank() == ba) return b.cycle(i);
        }
        return -1;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void secondCommandOfACycle(boolean ticked) {
        load();
        for (DualIssue d : DualIssue.values()) {
            ControllerConfig cfg = base.withDualIssue(d).withTicked(ticked);
            assertEquals(Arbitration.ROUND_ROBIN, cfg.arbitration());
            AddressMapping map = new AddressMapping(spec.organization(), cfg.addressMapping(), cfg.xorBankWithRow());
            Controller ctl = new Controller(spec, cfg, 0, map, null);
            CommandBuffer buf = new CommandBuffer();
            ctl.setCommandSink(buf);
            // rows opened by hand: bank 4 (bg 1, ba 0) row 5 at 0, bank 8 (bg 2, ba 0) row 7 at 4
            ctl.issue(spec.command("ACT"), 0, 1, 0, 5, -1, 0);
            ctl.issue(spec.command("ACT"), 0, 2, 0, 7, -1, 4);
            // at 40 every timing has passed: bank 1 needs an ACT, bank 4 a PRE (row 6 misses), bank 8 a RD
            long t = 40;
            assertTrue(ctl.trySubmit(addr(1, 0, 1), false, t, 1));
            assertTrue(ctl.trySubmit(addr(6, 1, 0), false, t, 2));
            assertTrue(ctl.trySubmit(addr(7, 2, 0), false, t, 3));
            ctl.drain();
            assertEquals(t, cycleOf(buf, "ACT", 0, 1), d + ": bank 1's ACT first (searched first)");
            long rd = cycleOf(buf, "RD", 2, 0), pre = cycleOf(buf, "PRE", 1, 0);
            if (d == DualIssue.OTHER_BUS) {
                assertEquals(t, rd, "other-bus: the RD issues beside the ACT");
                assertEquals(t + 1, pre);
            } else {
                assertEquals(t + 1, rd, "first-ready: the PRE was found first, so nothing more at " + t);
                assertEquals(t + 1, pre, "and the search moved past bank 4: RD, then PRE, both at " + (t + 1));
            }
        }
    }
}
