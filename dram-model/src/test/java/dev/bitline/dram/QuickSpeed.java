package dev.bitline.dram;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.ControllerStats;
import dev.bitline.dram.spec.DramSpec;

/**
 * Not a test: a quick wall-clock speed probe (java -cp ... dev.bitline.dram.QuickSpeed [n]).
 * Official speed numbers come from dramio's JMH benchmarks / `bitline bench dram`.
 */
public final class QuickSpeed {
    private static final java.lang.management.ThreadMXBean MX =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Thread CPU time: the machine is shared, so wall time overstates our cost. */
    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String preset = args.length > 1 ? args[1] : "ddr4-3200-8gb-x8";
        DramSpec spec = Presets.load(preset);
        ControllerConfig cfg = PresetConfigs.forSpec(spec);
        for (int rep = 0; rep < (n > 0 ? 3 : 0); rep++) {
            for (Traffic.Kind k : new Traffic.Kind[] {Traffic.Kind.RANDOM, Traffic.Kind.STREAM}) {
                long t0 = cpu();
                Traffic.Run r = Traffic.run(spec, cfg, k, n, 0, k == Traffic.Kind.RANDOM ? 1.0 / 3 : 0, 1, false);
                double s = (cpu() - t0) / 1e9;
                ControllerStats st = r.system().stats();
                double bw = st.bytes() / (r.endCycle() * spec.tCKps() * 1e-12) / 1e9;
                System.out.printf("%s %-6s n=%d  %.2f Mreq/s  cycles=%d  BW=%.2f GB/s  avgRdLat=%.1f  hits=%d decisions=%d cmds=%s%n",
                        preset, k, n, n / s / 1e6, r.endCycle(), bw, st.averageReadLatency(), st.rowHits(), r.system().channel(0).decisions(), st.commands());
            }
        }
        // event-driven vs ticked at ~5% utilization: one request every 20 x burst time
        long gap = 20L * spec.burstCycles();
        int m = args.length > 2 ? Integer.parseInt(args[2]) : Math.max(1, n / 20);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = cpu();
            Traffic.run(spec, cfg, Traffic.Kind.RANDOM, m, gap, 0.3, 3, false);
            double ev = (cpu() - t0) / 1e9;
            t0 = cpu();
            Traffic.run(spec, cfg.withTicked(true), Traffic.Kind.RANDOM, m, gap, 0.3, 3, false);
            double tk = (cpu() - t0) / 1e9;
            System.out.printf("5%% load, %d requests: event %.3fs  ticked %.3fs  speedup %.1fx%n", m, ev, tk, tk / ev);
        }
    }
}
