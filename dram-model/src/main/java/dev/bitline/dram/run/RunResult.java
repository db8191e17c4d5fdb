package dev.bitline.dram.run;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.controller.ControllerStats;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.sim.stats.Histogram;
import dev.bitline.sim.stats.StatsRegistry;

/**
 * The outcome of one trace run.
 *
 * @param requests requests fed
 * @param cycles run length in DRAM cycles: from cycle 0 to the last completion (queue-drain tail
 *     included, as both reference simulators count it)
 * @param tCKps DRAM clock period
 * @param stats controller counters summed over channels
 * @param readLatency read latency in cycles, arrival to completion
 * @param writeLatency write latency in cycles
 * @param energy energy breakdown, or null when not computed
 * @param check checker report, or null when not checked
 * @param registry all of the above as named statistics (for JSON/CSV)
 */
public record RunResult(long requests, long cycles, long tCKps, ControllerStats stats,
        Histogram readLatency, Histogram writeLatency, EnergyBreakdown energy, CheckReport check,
        StatsRegistry registry) {

    /** Achieved data bandwidth, GB/s (10^9 bytes per second). */
    public double bandwidthGBps() {
        double seconds = cycles * (tCKps * 1e-12);
        return seconds == 0 ? 0 : stats.bytes() / seconds / 1e9;
    }

    /** Share of requests served without an ACT. */
    public double rowHitRate() {
        long all = stats.rowHits() + stats.rowMisses() + stats.rowConflicts();
        return all == 0 ? 0 : (double) stats.rowHits() / all;
    }
}
