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
}
