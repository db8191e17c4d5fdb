package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.PagePolicy;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.controller.SlotRelease;
import dev.bitline.dram.controller.Staging;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The event-driven controller must issue exactly the commands the ticked reference issues. */
class EventVsTickedTest {
    static List<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        for (String p : Presets.names()) {
            for (Traffic.Kind k : Traffic.Kind.values()) l.add(Arguments.of(p, k));
        }
        return l;
    }

    static void assertSameTrace(CommandBuffer a0, CommandBuffer b0) {
        // channels advance independently, so compare in canonical (cycle, channel) order
        CommandBuffer a = a0.sortedByCycle(), b = b0.sortedByCycle();
        int d = a.firstDifference(b);
        if (d >= 0) {
            fail("traces differ at command " + d + ": event "
                    + (d < a.size() ? a.get(d) : "<end>") + " vs ticked " + (d < b.size() ? b.get(d) : "<end>"));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void identicalTraces(String preset, Traffic.Kind kind) {
        DramSpec spec = Presets.load(preset);
        ControllerConfig cfg = PresetConfigs.forSpec(spec);
        // sparse arrivals (gap 7) exercise idle jumps, refresh and timeouts; 0 = saturating
        for (long gap : new long[] {0, 7}) {
            Traffic.Run ev = Traffic.run(spec, cfg, kind, 2000, gap, 0.3, 42, true);
            Traffic.Run tk = Traffic.run(spec, cfg.withTicked(true), kind, 2000, gap, 0.3, 42, true);
            assertTrue(ev.trace().size() > 2000);
            assertSameTrace(ev.trace(), tk.trace());
            assertEquals(ev.endCycle(), tk.endCycle());
        }
    }

    @ParameterizedTest
    @MethodSource("policies")
    void identicalTracesForEveryPolicy(ControllerConfig cfg) {
        DramSpec spec = Presets.load("ddr4-2400-8gb-x8");
        Traffic.Run ev = Traffic.run(spec, cfg, Traffic.Kind.MIXED, 1500, 3, 0.5, 7, true);
        Traffic.Run tk = Traffic.run(spec, cfg.withTicked(true), Traffic.Kind.MIXED, 1500, 3, 0.5, 7, true);
        assertSameTrace(ev.trace(), tk.trace());
    }

    static List<ControllerConfig> policies() {
        ControllerConfig d = ControllerConfig.defaults();
        return List.of(
                d.withScheduler(SchedulerKind.FCFS),
                d.withPagePolicy(PagePolicy.CLOSED, 0),
                d.withPagePolicy(PagePolicy.TIMEOUT, 50),
                d.withQueues(QueueStructure.SHARED, 32, 32, 32).withAddressMapping("ro-ch-ra-ba-bg-co"),
                d.withRefresh(dev.bitline.dram.controller.RefreshMode.ALLBANK, 8),
                d.withPowerDownIdle(20),
                d.withXorBankWithRow(true),
                ControllerConfig.dramsim3Reference().withBankQueueDepth(8).withReadsFirst(false),
                ControllerConfig.dramsim3Reference().withBankQueueDepth(8).withReadsFirst(false)
                        .withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN),
                d.withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN).withPagePolicy(PagePolicy.CLOSED, 0),
                d.withReadsFirst(false).withScheduler(SchedulerKind.FCFS),
                d.withBankQueueDepth(2).withPowerDownIdle(10).withRefresh(dev.bitline.dram.controller.RefreshMode.ALLBANK, 2),
                // issue 17's peer policies: slot freed at ACT (Ramulator), DRAMsim3's write-drain staging
                d.withSlotRelease(SlotRelease.ACT),
                d.withSlotRelease(SlotRelease.ACT).withQueues(QueueStructure.SPLIT, 8, 8, 8),
                d.withQueues(QueueStructure.SPLIT, 32, 32, 32).withBankQueueDepth(8).withReadsFirst(false)
                        .withStaging(Staging.WRITE_DRAIN).withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN),
                d.withQueues(QueueStructure.SPLIT, 12, 12, 12).withBankQueueDepth(2).withReadsFirst(false)
                        .withStaging(Staging.WRITE_DRAIN),
                // DRAMsim3's write merging and read forwarding (also WriteQueueBufferTest, on repeating addresses)
                d.withWriteMerge(true).withReadForward(true),
                ControllerConfig.dramsim3Reference().withBankQueueDepth(8).withReadsFirst(false)
                        .withWriteMerge(true).withReadForward(true));
    }

    /** Refresh stagger and the peers' policies on a two-pseudo-channel HBM2 channel (both rank units). */
    @ParameterizedTest
    @MethodSource("hbmPolicies")
    void identicalTracesOnHbmForPeerPolicies(ControllerConfig cfg) {
        DramSpec spec = Presets.load("hbm2-2gbps");
        for (long gap : new long[] {0, 5}) {
            Traffic.Run ev = Traffic.run(spec, cfg, Traffic.Kind.MIXED, 3000, gap, 0.4, 11, true);
            Traffic.Run tk = Traffic.run(spec, cfg.withTicked(true), Traffic.Kind.MIXED, 3000, gap, 0.4, 11, true);
            assertSameTrace(ev.trace(), tk.trace());
            assertEquals(ev.endCycle(), tk.endCycle());
        }
    }

    static List<ControllerConfig> hbmPolicies() {
        ControllerConfig d = PresetConfigs.forSpec(Presets.load("hbm2-2gbps"));
        return List.of(
                d.withRefreshStagger(0),
                d.withRefreshStagger(0.5),
                d.withRefreshStagger(0).withSlotRelease(SlotRelease.ACT),
                d.withRefreshStagger(0).withSlotRelease(SlotRelease.ACT).withRefresh(dev.bitline.dram.controller.RefreshMode.PERBANK, 0),
                // DRAMsim3's dual issue: the second command is the first ready one of either bus
                d.withDualIssue(dev.bitline.dram.controller.DualIssue.FIRST_READY),
                d.withDualIssue(dev.bitline.dram.controller.DualIssue.FIRST_READY).withQueues(QueueStructure.SPLIT, 32, 32, 32)
                        .withBankQueueDepth(8).withReadsFirst(false).withStaging(Staging.WRITE_DRAIN)
                        .withArbitration(dev.bitline.dram.controller.Arbitration.ROUND_ROBIN),
                // DRAMsim3's refresh: a PRE per open bank before REFab, with and without stagger
                d.withRefreshPrecharge(dev.bitline.dram.controller.RefreshPrecharge.BANKS),
                d.withRefreshStagger(0).withRefreshPrecharge(dev.bitline.dram.controller.RefreshPrecharge.BANKS)
                        .withDualIssue(dev.bitline.dram.controller.DualIssue.FIRST_READY));
    }
}
