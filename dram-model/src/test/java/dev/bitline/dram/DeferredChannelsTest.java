package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.energy.ActivityCounter;
import dev.bitline.dram.energy.RankActivity;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link DramSystem#setDeferredChannels}: channels that run only when a request comes to them
 * give the run the interleaved loop gives -- the same completions (tag, cycle), counters, energy
 * activity and command stream, in event-driven and ticked mode. The golden traces check the
 * command hash of every multi-channel preset and configuration ({@code TraceGoldenTest}).
 */
class DeferredChannelsTest {
    record Outcome(long end, String stats, TreeSet<String> completions, List<RankActivity> activity,
            CommandBuffer trace, long violations) {}

    /** Mixed runs of 8 lines 4 KiB apart (fills queues: the blocking path), then a sparse tail. */
    static Outcome run(DramSpec spec, ControllerConfig cfg, boolean deferred, int switchAt) {
        TreeSet<String> done = new TreeSet<>();
        DramSystem sys = new DramSystem(spec, cfg, (tag, write, arrival, at) -> done.add(tag + "@" + at));
        sys.setDeferredChannels(deferred);
        ActivityCounter activity = new ActivityCounter(spec);
        TimingChecker checker = new TimingChecker(spec);
        CommandBuffer trace = new CommandBuffer();
        sys.setCommandSink((c, k, ch, pc, ra, bg, ba, row, col) -> {
            activity.onCommand(c, k, ch, pc, ra, bg, ba, row, col);
            checker.onCommand(c, k, ch, pc, ra, bg, ba, row, col);
            trace.onCommand(c, k, ch, pc, ra, bg, ba, row, col);
        });
        SplittableRandom rnd = new SplittableRandom(3);
        long lines = sys.capacity() / sys.mapping().burstBytes(), base = 0, t = 0;
        for (int i = 0; i < 6000; i++) {
            if (i == switchAt) sys.setDeferredChannels(!deferred);
            if (i % 8 == 0) base = rnd.nextLong(lines) * sys.mapping().burstBytes();
            long addr = (base + (long) (i % 8) * 4096) % sys.capacity();
            long at = i < 5000 ? t : t + 37;
            t = sys.submitBlocking(addr, rnd.nextDouble() < 0.4, at, i) + 1;
        }
        long end = sys.drain();
        return new Outcome(end, sys.stats().toString(), done, activity.finish(end), trace,
                checker.violations());
    }

    static void same(Outcome a, Outcome b) {
        assertEquals(a.end(), b.end());
        assertEquals(a.stats(), b.stats());
        assertEquals(a.completions(), b.completions());
        assertEquals(a.activity(), b.activity());
        assertEquals(-1, a.trace().firstDifference(b.trace()), "command streams differ");
        assertEquals(0, a.violations());
        assertEquals(0, b.violations());
    }

    @Test
    void deferredChannelsRunAsTheInterleavedLoop() {
        for (String p : new String[] {"hbm2-2gbps", "gddr6-16gbps", "ddr5-4800-16gb-x8"}) {
            DramSpec spec = Presets.load(p);
            ControllerConfig cfg = PresetConfigs.forSpec(spec);
            assertTrue(spec.organization().channels() > 1, p);
            Outcome ref = run(spec, cfg, false, -1);
            assertEquals(6000, ref.completions().size());
            same(ref, run(spec, cfg, true, -1));
            // switching mid-run hands over the buffered commands and catches every channel up
            same(ref, run(spec, cfg, true, 2500));
            same(ref, run(spec, cfg, false, 2500));
        }
    }

    @Test
    void tickedReferenceModeToo() {
        DramSpec spec = Presets.load("hbm2-2gbps");
        ControllerConfig cfg = PresetConfigs.forSpec(spec).withTicked(true);
        same(run(spec, cfg, false, -1), run(spec, cfg, true, -1));
    }

    @Test
    void anArrivalBeforeTheLatestCycleIsRefusedAsWithoutDeferral() {
        DramSpec spec = Presets.load("hbm2-2gbps");
        List<String> messages = new ArrayList<>();
        for (boolean deferred : new boolean[] {false, true}) {
            DramSystem sys = new DramSystem(spec, PresetConfigs.forSpec(spec), null);
            sys.setDeferredChannels(deferred);
            assertTrue(sys.trySubmit(0, false, 100, 0));
            long other = sys.mapping().burstBytes(); // the next line: another channel
            messages.add(assertThrows(IllegalArgumentException.class, () -> sys.trySubmit(other, false, 99, 1))
                    .getMessage());
        }
        assertEquals(messages.get(0), messages.get(1));
    }
}
