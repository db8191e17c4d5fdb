package dev.bitline.sim.perf;

import dev.bitline.sim.EventHandler;
import dev.bitline.sim.Simulator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The classic "hold" benchmark for event queues: keep {@code pending} events
 * in the queue; each dispatched event schedules one new event a random delay
 * ahead. Delays mix near-future events (the next few DRAM cycles, as a
 * controller schedules) with far-future ones (refresh, long compute), which is
 * what makes a simple heap's working set large.
 *
 * <p>The same pre-drawn delay sequence drives Bitline's {@link Simulator} and a
 * straightforward {@code PriorityQueue<Event>} kernel, so their events/second
 * can be compared in one run ({@code bitline bench}, JMH in bench/).
 */
public final class HoldWorkload {
    private static final int DELAY_RING = 1 << 20;

    private final int pending;
    private final long[] delays = new long[DELAY_RING];

    /**
     * @param pending   events kept in the queue (e.g. 10^6)
     * @param nearShare fraction of delays drawn from [0, nearPs), the rest from [0, farPs)
     */
    public HoldWorkload(int pending, double nearShare, long nearPs, long farPs, long seed) {
        if (pending <= 0) {
            throw new IllegalArgumentException("pending must be positive");
        }
        this.pending = pending;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < DELAY_RING; i++) {
            delays[i] = rnd.nextDouble() < nearShare ? rnd.nextLong(nearPs) : rnd.nextLong(farPs);
        }
    }

    /** The workload the issue asks for: 10^6 pending, 80% within 1 ns, 20% within 1 ms. */
    public static HoldWorkload standard(int pending) {
        return new HoldWorkload(pending, 0.8, 1_000, 1_000_000_000, 12345);
    }

    public int pending() {
        return pending;
    }

    /** A prepared Bitline kernel run; {@link #run} dispatches {@code n} events. */
    public final class BitlineRun implements EventHandler {
        private final Simulator sim = new Simulator(1);
        private final int handler = sim.register(this);
        private int next;
        private long checksum;

        BitlineRun() {
            for (int i = 0; i < pending; i++) {
                sim.schedule(delays[next++ & (DELAY_RING - 1)], handler, i);
            }
        }

        @Override
        public void handle(long timePs, long payload) {
            checksum += payload;
            sim.schedule(timePs + delays[next++ & (DELAY_RING - 1)], handler, payload + 1);
        }

        /** Dispatches {@code n} events; returns a checksum so the work cannot be optimized away. */
        public long run(long n) {
            for (long i = 0; i < n; i++) {
                sim.step();
            }
            return checksum ^ sim.now();
        }
    }

    public BitlineRun prepareBitline() {
        return new BitlineRun();
    }

    /** What a first-cut Java kernel looks like: one object per event in a PriorityQueue. */
    static final class Event implements Comparable<Event> {
        final long time;
        final int priority;
        final long seq;
        final EventHandler handler;
        final long payload;

        Event(long time, int priority, long seq, EventHandler handler, long payload) {
            this.time = time;
            this.priority = priority;
            this.seq = seq;
            this.handler = handler;
            this.payload = payload;
        }

        @Override
        public int compareTo(Event o) {
            if (time != o.time) {
                return Long.compare(time, o.time);
            }
            if (priority != o.priority) {
                return Integer.compare(priority, o.priority);
            }
            return Long.compare(seq, o.seq);
        }
    }

    /** The baseline kernel: same delays, same handler work, {@code PriorityQueue<Event>}. */
    public final class BaselineRun implements EventHandler {
        private final PriorityQueue<Event> queue = new PriorityQueue<>();
        private long now;
        private long seq;
        private int next;
        private long checksum;

        BaselineRun() {
            for (int i = 0; i < pending; i++) {
                queue.add(new Event(delays[next++ & (DELAY_RING - 1)], 0, seq++, this, i));
            }
        }

        @Override
        public void handle(long timePs, long payload) {
            checksum += payload;
            queue.add(new Event(timePs + delays[next++ & (DELAY_RING - 1)], 0, seq++, this, payload + 1));
        }

        public long run(long n) {
            for (long i = 0; i < n; i++) {
                Event e = queue.poll();
                now = e.time;
                e.handler.handle(e.time, e.payload);
            }
            return checksum ^ now;
        }
    }

    public BaselineRun prepareBaseline() {
        return new BaselineRun();
    }

    /** One timed comparison, as printed by {@code bitline bench}. */
    public record Result(int pending, long events, double bitlineEventsPerSecond, double baselineEventsPerSecond) {
        public double ratio() {
            return bitlineEventsPerSecond / baselineEventsPerSecond;
        }
    }

    /**
     * Times both kernels on {@code events} dispatches after {@code warmup}
     * untimed ones, alternating rounds so neither gets a warmer JIT or machine.
     */
    public Result compare(long events, long warmup, int rounds) {
        double bestBitline = 0;
        double bestBaseline = 0;
        for (int r = 0; r < rounds; r++) {
            BitlineRun b = prepareBitline();
            b.run(warmup);
            long t0 = System.nanoTime();
            long c1 = b.run(events);
            long t1 = System.nanoTime();
            BaselineRun p = prepareBaseline();
            p.run(warmup);
            long t2 = System.nanoTime();
            long c2 = p.run(events);
            long t3 = System.nanoTime();
            if (c1 != c2) {
                throw new IllegalStateException("kernels disagree: checksum " + c1 + " vs " + c2);
            }
            bestBitline = Math.max(bestBitline, events / ((t1 - t0) / 1e9));
            bestBaseline = Math.max(bestBaseline, events / ((t3 - t2) / 1e9));
        }
        return new Result(pending, events, bestBitline, bestBaseline);
    }
}
