package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.ControllerStats;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** DRAMsim3's same-address write merging and read forwarding from the write queue (issue 17). */
class WriteQueueBufferTest {
    static final DramSpec SPEC = Presets.load("ddr4-2400-8gb-x8");
    static final ControllerConfig BASE = ControllerConfig.defaults().withRefresh(RefreshMode.NONE, 0);

    record Done(long tag, boolean write, long arrival, long completion) {}

    static final class Run {
        final DramSystem sys;
        final CommandBuffer trace = new CommandBuffer();
        final List<Done> done = new ArrayList<>();

        Run(ControllerConfig cfg) {
            sys = new DramSystem(SPEC, cfg, (tag, w, a, c) -> done.add(new Done(tag, w, a, c)));
            sys.setCommandSink(trace);
        }

        Done of(long tag) {
            return done.stream().filter(d -> d.tag() == tag).findFirst().orElseThrow();
        }

        long count(String command) {
            long n = 0;
            for (int i = 0; i < trace.size(); i++) if (trace.command(i).name().equals(command)) n++;
            return n;
        }
    }

    /** Two writes to one address while the first is pending: one WR, the second completes the next cycle. */
    @Test
    void writeToAPendingAddressMerges() {
        for (boolean on : new boolean[] {false, true}) {
            Run r = new Run(BASE.withWriteMerge(on));
            assertTrue(r.sys.trySubmit(0x1000, true, 0, 1));
            assertTrue(r.sys.trySubmit(0x1000, true, 2, 2));
            r.sys.drain();
            ControllerStats s = r.sys.stats();
            assertEquals(2, s.writes());
            assertEquals(on ? 1 : 2, r.count("WR"), "writeMerge " + on);
            assertEquals(on ? 1 : 0, s.mergedWrites());
            if (on) {
                assertEquals(2 + ControllerConfig.BUFFER_LATENCY, r.of(2).completion());
                assertTrue(r.of(1).completion() > r.of(2).completion(), "the pending write completes at its WR");
            }
            // after the WR issued the address is no longer pending: a third write goes to DRAM
            assertTrue(r.sys.trySubmit(0x1000, true, s.lastCompletion() + 10, 3));
            r.sys.drain();
            assertEquals(on ? 2 : 3, r.count("WR"));
        }
    }

    /** A read to an address with a pending write is answered from the write queue, never reaches DRAM. */
    @Test
    void readOfAPendingWriteIsForwarded() {
        for (boolean on : new boolean[] {false, true}) {
            Run r = new Run(BASE.withReadForward(on));
            assertTrue(r.sys.trySubmit(0x2000, true, 0, 1));
            assertTrue(r.sys.trySubmit(0x2000, false, 1, 2));
            assertTrue(r.sys.trySubmit(0x3000, false, 1, 3)); // another address: a DRAM read either way
            r.sys.drain();
            ControllerStats s = r.sys.stats();
            assertEquals(2, s.reads());
            assertEquals(on ? 1 : 2, r.count("RD"), "readForward " + on);
            assertEquals(on ? 1 : 0, s.forwardedReads());
            if (on) {
                assertEquals(1 + ControllerConfig.BUFFER_LATENCY, r.of(2).completion());
                assertEquals(ControllerConfig.BUFFER_LATENCY, r.of(2).completion() - r.of(2).arrival());
            }
            // a read to the address once its WR issued goes to DRAM
            assertTrue(r.sys.trySubmit(0x2000, false, s.lastCompletion() + 10, 4));
            r.sys.drain();
            assertEquals(on ? 2 : 3, r.count("RD"));
        }
    }

    /** Without readForward a pending write does not answer reads, without writeMerge it does not absorb writes. */
    @Test
    void eachOptionOnlyItsOwnKind() {
        Run f = new Run(BASE.withReadForward(true));
        f.sys.trySubmit(0x1000, true, 0, 1);
        f.sys.trySubmit(0x1000, true, 1, 2);
        f.sys.trySubmit(0x1000, false, 2, 3); // two pending writes: forwarded
        f.sys.drain();
        assertEquals(2, f.count("WR"));
        assertEquals(0, f.count("RD"));
        Run m = new Run(BASE.withWriteMerge(true));
        m.sys.trySubmit(0x1000, true, 0, 1);
        m.sys.trySubmit(0x1000, false, 1, 2);
        m.sys.drain();
        assertEquals(1, m.count("RD"));
        assertEquals(0, m.sys.stats().forwardedReads());
    }

    /** Default off: the options leave the command trace of a run without repeats identical. */
    @Test
    void defaultsAreOff() {
        assertFalse(ControllerConfig.defaults().writeMerge());
        assertFalse(ControllerConfig.defaults().readForward());
    }

    /** Event-driven and ticked agree with both options on, on traffic that repeats addresses. */
    @Test
    void eventEqualsTickedWithBothOn() {
        for (ControllerConfig c : List.of(
                ControllerConfig.defaults().withWriteMerge(true).withReadForward(true),
                ControllerConfig.dramsim3Reference().withBankQueueDepth(8).withReadsFirst(false)
                        .withWriteMerge(true).withReadForward(true),
                ControllerConfig.defaults().withQueues(QueueStructure.SPLIT, 8, 8, 8).withWriteMerge(true))) {
            for (long gap : new long[] {0, 4}) {
                Run ev = hotTraffic(c, gap), tk = hotTraffic(c.withTicked(true), gap);
                EventVsTickedTest.assertSameTrace(ev.trace, tk.trace);
                assertEquals(ev.done, tk.done);
                assertEquals(ev.sys.stats(), tk.sys.stats());
                ControllerStats s = ev.sys.stats();
                assertTrue(s.mergedWrites() + s.forwardedReads() > 0, "the traffic exercises the options");
            }
        }
    }

    /** The queues' pending-write table against a plain map, under random admits and releases. */
    @Test
    void pendingWriteTableMatchesAMap() {
        ControllerConfig c = ControllerConfig.defaults().withReadForward(true);
        var q = dev.bitline.dram.controller.queue.RequestQueues.of(c, 16, 16);
        java.util.Map<List<Integer>, Integer> ref = new java.util.HashMap<>();
        List<Integer> live = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(9);
        for (int step = 0; step < 20000; step++) {
            if (q.hasSpace(true) && (live.isEmpty() || rnd.nextInt(2) == 0)) {
                int b = rnd.nextInt(16), row = rnd.nextInt(3), col = rnd.nextInt(3);
                live.add(q.admit(b, row, col, true, step, step));
                ref.merge(List.of(b, row, col), 1, Integer::sum);
            } else {
                int i = live.remove(rnd.nextInt(live.size()));
                List<Integer> k = List.of(q.bank(i), q.row(i), q.column(i));
                q.release(i);
                if (ref.merge(k, -1, Integer::sum) == 0) ref.remove(k);
            }
            for (int b = 0; b < 16; b++) {
                for (int row = 0; row < 3; row++) {
                    for (int col = 0; col < 3; col++) {
                        assertEquals(ref.containsKey(List.of(b, row, col)), q.servedByWriteQueue(b, row, col, false));
                    }
                }
            }
        }
    }

    /** 3000 requests over 64 lines, 40% writes. */
    static Run hotTraffic(ControllerConfig cfg, long gap) {
        Run r = new Run(cfg);
        SplittableRandom rnd = new SplittableRandom(3);
        long t = 0;
        for (int i = 0; i < 3000; i++) {
            long addr = rnd.nextLong(64) * 4096 + rnd.nextLong(2) * 64;
            t = r.sys.submitBlocking(addr, rnd.nextDouble() < 0.4, t, i) + gap;
        }
        r.sys.drain();
        return r;
    }
}
