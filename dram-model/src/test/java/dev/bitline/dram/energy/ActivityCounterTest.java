package dev.bitline.dram.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.dram.Presets;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background-state split and command counts that energy is charged on, from commands alone. */
class ActivityCounterTest {
    static final int N = -1;

    @Test
    void splitsTimeIntoOpenClosedAndPowerDown() {
        DramSpec spec = Presets.load("ddr4-2400-8gb-x8"); // tRTP 9, CWL 12, tBL 4, tWR 18
        ActivityCounter a = new ActivityCounter(spec);
        a.onCommand(10, spec.command("ACT"), 0, 0, 0, 0, 0, 5, N);   // open 10..
        a.onCommand(20, spec.command("ACT"), 0, 0, 0, 1, 0, 6, N);
        a.onCommand(50, spec.command("PRE"), 0, 0, 0, 0, 0, N, N);   // one bank still open
        a.onCommand(60, spec.command("RDA"), 0, 0, 0, 1, 0, 6, 0);   // closes at 60 + tRTP = 69
        a.onCommand(100, spec.command("REFab"), 0, 0, 0, N, N, N, N);
        a.onCommand(600, spec.command("PDE"), 0, 0, 0, N, N, N, N);  // powered down, all closed
        a.onCommand(700, spec.command("PDX"), 0, 0, 0, N, N, N, N);
        a.onCommand(710, spec.command("ACT"), 0, 0, 0, 2, 3, 7, N);
        a.onCommand(750, spec.command("PDE"), 0, 0, 0, N, N, N, N);  // powered down with a bank open
        a.onCommand(790, spec.command("PDX"), 0, 0, 0, N, N, N, N);
        a.onCommand(800, spec.command("WRA"), 0, 0, 0, 2, 3, 7, 0);  // closes at 800 + 12 + 4 + 18 = 834
        List<RankActivity> r = a.finish(1000);
        assertEquals(1, r.size());
        RankActivity x = r.get(0);
        assertEquals(3, x.acts());
        assertEquals(3, x.pres());     // PRE, and the two auto-precharges
        assertEquals(1, x.reads());
        assertEquals(1, x.writes());
        assertEquals(1, x.refreshes());
        // open: 10..69, 710..750, 790..834 ; closed standby: 0..10, 69..600, 700..710, 834..1000
        assertEquals(59 + 40 + 44, x.actStandbyCycles());
        assertEquals(10 + 531 + 10 + 166, x.preStandbyCycles());
        assertEquals(100, x.prePowerDownCycles());
        assertEquals(40, x.actPowerDownCycles());
        assertEquals(1000, x.totalCycles());
    }

    @Test
    void eachRankIsCountedSeparately() {
        DramSpec spec = dev.bitline.dram.spec.DramStandards.load(new dev.bitline.sim.config.ConfigLoader(
                Presets.configsRoot()), Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml"),
                List.of("organization.ranks=2"));
        ActivityCounter a = new ActivityCounter(spec);
        a.onCommand(0, spec.command("ACT"), 0, 0, 1, 0, 0, 1, N);
        List<RankActivity> r = a.finish(100);
        assertEquals(100, r.get(0).preStandbyCycles());
        assertEquals(100, r.get(1).actStandbyCycles());
        EnergyBreakdown e = ActivityCounter.energy(new EnergyModel(EnergyParams.from(spec)), r);
        assertEquals(100, e.cycles(), "run length, not the sum over ranks");
    }
}
