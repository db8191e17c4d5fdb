package dev.bitline.dram.controller;

import dev.bitline.dram.spec.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one controller (or summed over channels). Latencies in cycles, from arrival to
 * completion (end of data burst + returnLatency).
 *
 * @param commands issued commands by name, in the standard's vocabulary order (issued ones only)
 * @param rowHits column commands whose request needed no ACT
 * @param rowMisses requests that needed an ACT to a closed bank
 * @param rowConflicts requests that needed a PRE of another row first
 * @param lastCompletion latest completion cycle seen (the end of the run once drained)
 * @param bytes bytes of every completed request ((reads + writes) x burst), merged and forwarded
 *     ones included, as DRAMsim3 counts its bandwidth
 * @param mergedWrites writes merged into a pending write to the same address ({@code writeMerge}):
 *     counted in {@code writes} (latency {@link ControllerConfig#BUFFER_LATENCY}), no DRAM write
 * @param forwardedReads reads served from a pending write ({@code readForward}): counted in
 *     {@code reads} (latency {@link ControllerConfig#BUFFER_LATENCY}), no DRAM read
 */
public record ControllerStats(
        Map<String, Long> commands,
        long reads,
        long writes,
        long readLatencySum,
        long writeLatencySum,
        long maxReadLatency,
        long rowHits,
        long rowMisses,
        long rowConflicts,
        long lastCompletion,
        long bytes,
        long mergedWrites,
        long forwardedReads) {

    public ControllerStats {
        commands = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commands));
    }

    public long count(String command) {
        return commands.getOrDefault(command, 0L);
    }

    public long count(Command c) {
        return count(c.name());
    }

    public double averageReadLatency() {
        return reads == 0 ? 0 : (double) readLatencySum / reads;
    }

    public double averageWriteLatency() {
        return writes == 0 ? 0 : (double) writeLatencySum / writes;
    }

    /** Sum of two stats (for multi-channel systems). */
    public ControllerStats plus(ControllerStats o) {
        Map<String, Long> m = new LinkedHashMap<>(commands);
        for (Map.Entry<String, Long> e : o.commands.entrySet()) m.merge(e.getKey(), e.getValue(), Long::sum);
        return new ControllerStats(m, reads + o.reads, writes + o.writes, readLatencySum + o.readLatencySum,
                writeLatencySum + o.writeLatencySum, Math.max(maxReadLatency, o.maxReadLatency),
                rowHits + o.rowHits, rowMisses + o.rowMisses, rowConflicts + o.rowConflicts,
                Math.max(lastCompletion, o.lastCompletion), bytes + o.bytes,
                mergedWrites + o.mergedWrites, forwardedReads + o.forwardedReads);
    }
}
