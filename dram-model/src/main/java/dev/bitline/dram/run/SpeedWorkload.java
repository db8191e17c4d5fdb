package dev.bitline.dram.run;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.SyntheticSource;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.sim.random.RandomStreams;

/**
 * The workloads behind {@code bitline bench dram} and the JMH benchmark: synthetic request streams
 * generated up front into primitive arrays (so generation is not timed), run through
 * {@link TraceRun} with no listeners (what a sweep point costs).
 */
public final class SpeedWorkload {
    private SpeedWorkload() {}

    /**
     * Requests per cycle that keep the data bus {@code utilization} busy (each request holds it for
     * one burst).
     */
    public static double rateForUtilization(DramSpec spec, double utilization) {
        return utilization / spec.burstCycles();
    }

    /** {@code count} requests of {@code kind} (2/3 reads), at {@code rate} per cycle (0 = flat out). */
    public static RequestBuffer requests(DramSpec spec, SyntheticSpec.Kind kind, int count, double rate,
            long seed) {
        SyntheticSpec s = SyntheticSpec.of(kind, count).withRate(rate)
                .withLineBytes(spec.organization().burstBytes());
        return RequestBuffer.readAll(new SyntheticSource(s, new RandomStreams(seed).stream("dram.bench"),
                spec.organization().totalBytes()));
    }

    /** One untimed-setup run; returns the result (callers time it). */
    public static RunResult run(DramSpec spec, ControllerConfig cfg, RequestBuffer requests) {
        return new TraceRun(spec, cfg).energy(false).run(requests.source());
    }

    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Best requests per second of this thread's CPU time over {@code rounds} timed runs, after one
     * warm-up run. CPU time, not wall time: on a shared machine wall time counts other people's
     * work; on an idle one the two agree for this single-threaded loop.
     */
    public static double requestsPerSecond(DramSpec spec, ControllerConfig cfg, RequestBuffer requests,
            int rounds) {
        run(spec, cfg, requests);
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            RunResult r = run(spec, cfg, requests);
            long t1 = MX.getCurrentThreadCpuTime();
            if (r.requests() != requests.size()) {
                throw new IllegalStateException("run lost requests");
            }
            best = Math.max(best, requests.size() / ((t1 - t0) * 1e-9));
        }
        return best;
    }

    /**
     * What {@code bitline dram --trace} does per run, minus start-up and the results folder: open
     * and parse the trace file, simulate, and keep the stats and energy a user gets.
     */
    public static RunResult runTrace(DramSpec spec, ControllerConfig cfg, java.nio.file.Path trace) {
        return new TraceRun(spec, cfg).run(dev.bitline.dram.trace.TextTraceReader.open(trace, null,
                spec.organization().totalBytes()));
    }

    /** The same run from requests already in memory (the trace path's baseline). */
    public static RunResult runInMemory(DramSpec spec, ControllerConfig cfg, RequestBuffer requests) {
        return new TraceRun(spec, cfg).run(requests.source());
    }

    /** Lines of {@code trace} parsed (no simulation) per second of thread CPU; best of rounds after a warm-up. */
    public static double parseLinesPerSecond(java.nio.file.Path trace, long capacityBytes, int rounds) {
        double best = 0;
        for (int i = 0; i <= rounds; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            long n = 0;
            long sink = 0;
            try (var r = dev.bitline.dram.trace.TextTraceReader.open(trace, null, capacityBytes)) {
                while (r.next()) {
                    n++;
                    sink += r.address();
                }
            }
            long t1 = MX.getCurrentThreadCpuTime();
            if (sink == 42) {
                System.out.print(""); // keeps the loop's reads alive
            }
            if (i > 0) {
                best = Math.max(best, n / ((t1 - t0) * 1e-9));
            }
        }
        return best;
    }

    /**
     * Best requests per second of thread CPU time of {@code run} over {@code rounds} timed runs after
     * one warm-up; {@code run} returns the number of requests it simulated.
     */
    public static double bestPerSecond(java.util.function.LongSupplier run, int rounds) {
        run.getAsLong();
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = MX.getCurrentThreadCpuTime();
            long n = run.getAsLong();
            long t1 = MX.getCurrentThreadCpuTime();
            best = Math.max(best, n / ((t1 - t0) * 1e-9));
        }
        return best;
    }
}
