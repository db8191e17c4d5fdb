package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.spec.DramSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Event-driven == ticked for random controller configurations and traffic on DDR4-2400, DDR5
 * (two sub-channels, same-bank refresh, two-cycle commands), HBM2 (pseudo-channels, separate
 * row and column command buses) and dual-rank DDR4-2400 (rank switches, staggered refresh).
 */
class EventVsTickedProperties {
    static final DramSpec DDR4 = Presets.load("ddr4-2400-8gb-x8");
    static final DramSpec DDR5 = Presets.load("ddr5-4800-16gb-x8");
    static final DramSpec HBM2 = Presets.load("hbm2-2gbps");
    static final DramSpec DDR4_2R = dev.bitline.dram.spec.DramStandards.load(
            new dev.bitline.sim.config.ConfigLoader(Presets.configsRoot()),
            Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml"), java.util.List.of("organization.ranks=2"));

    @Property(tries = 48, seed = "20261125")
    void sameTraceForAnyConfiguration(@ForAll @IntRange(min = 0, max = 3) int standard, @ForAll boolean shared,
            @ForAll @IntRange(min = 1, max = 40) int depth, @ForAll boolean fcfs,
            @ForAll @IntRange(min = 0, max = 2) int page, @ForAll @IntRange(min = 0, max = 3) int postpone,
            @ForAll @IntRange(min = 0, max = 60) int powerDown, @ForAll @IntRange(min = 0, max = 4) int bankQueue,
            @ForAll boolean readsFirst, @ForAll boolean roundRobin, @ForAll @IntRange(min = 0, max = 30) int gap,
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll boolean firstReady, @ForAll long seed) {
        DramSpec spec = standard == 0 ? DDR4 : standard == 1 ? DDR5 : standard == 2 ? HBM2 : DDR4_2R;
        boolean ddr5 = standard == 1;
        ControllerConfig cfg = PresetConfigs.forSpec(spec)
                .withQueues(shared ? QueueStructure.SHARED : QueueStructure.SPLIT, depth, depth, depth)
                .withScheduler(fcfs ? SchedulerKind.FCFS : SchedulerKind.FRFCFS)
                .withPagePolicy(PagePolicy.values()[page], 40)
                .withRefresh(ddr5 ? RefreshMode.SAMEBANK : RefreshMode.ALLBANK, postpone)
                .withPowerDownIdle(powerDown)
                .withBankQueueDepth(bankQueue)
                .withReadsFirst(readsFirst)
                .withArbitration(roundRobin ? Arbitration.ROUND_ROBIN : Arbitration.AGE)
                // DRAMsim3's second-command rule (acts only on HBM2's row + column buses)
                .withDualIssue(firstReady ? dev.bitline.dram.controller.DualIssue.FIRST_READY
                        : dev.bitline.dram.controller.DualIssue.OTHER_BUS);
        Traffic.Kind k = Traffic.Kind.values()[kind];
        Traffic.Run ev = Traffic.run(spec, cfg, k, 400, gap, 0.4, seed, true);
        Traffic.Run tk = Traffic.run(spec, cfg.withTicked(true), k, 400, gap, 0.4, seed, true);
        assertTrue(ev.trace().size() >= 400);
        assertEquals(-1, ev.trace().sortedByCycle().firstDifference(tk.trace().sortedByCycle()), cfg.toString());
        assertEquals(ev.endCycle(), tk.endCycle());
        assertTrue(BruteForceChecker.check(spec, ev.trace(), 300).isEmpty(), cfg.toString());
    }
}
