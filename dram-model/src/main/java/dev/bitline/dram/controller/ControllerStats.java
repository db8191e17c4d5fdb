package dev.bitline.dram.controller;

import dev.bitline.dram.spec.Command;
import java.util.Map;

/**
 * Counters of one controller (or summed over channels). Latencies in cycles, from arrival to
 * completion (end of data burst + returnLatency).
 *
 * @param rowHits column commands whose request needed no ACT
 * @param rowMisses requests that needed an ACT to a closed bank
 * @param rowConflicts requests that needed a PRE of another row first
 * @param lastCompletion latest completion cycle seen (the end of the run once drained)
 */
public record ControllerStats(
        Map<Command, Long> commands,
        long reads,
        long writes,
        long readLatencySum,
        long writeLatencySum,
        long maxReadLatency,
        long rowHits,
        long rowMisses,
        long rowConflicts,
        long lastCompletion,
        long bytes) {

    public ControllerStats {
        commands = Map.copyOf(commands);
    }

    public long count(Command c) {
        return commands.getOrDefault(c, 0L);
    }

    public double averageReadLatency() {
        return reads == 0 ? 0 : (double) readLatencySum / reads;
    }

    public double averageWriteLatency() {
        return writes == 0 ? 0 : (double) writeLatencySum / writes;
    }

    /** Sum of two stats (for multi-channel systems). */
    public ControllerStats plus(ControllerStats o) {
        java.util.EnumMap<Command, Long> m = new java.util.EnumMap<>(Command.class);
        for (Command c : Command.values()) {
            long v = count(c) + o.count(c);
            if (v != 0) m.put(c, v);
        }
        return new ControllerStats(m, reads + o.reads, writes + o.writes, readLatencySum + o.readLatencySum,
                writeLatencySum + o.writeLatencySum, Math.max(maxReadLatency, o.maxReadLatency),
                rowHits + o.rowHits, rowMisses + o.rowMisses, rowConflicts + o.rowConflicts,
                Math.max(lastCompletion, o.lastCompletion), bytes + o.bytes);
    }
}
