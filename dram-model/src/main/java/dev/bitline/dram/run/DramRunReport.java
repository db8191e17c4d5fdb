package dev.bitline.dram.run;

import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.spec.CommandBus;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.stats.Histogram;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * What a trace run leaves for a reader: the printed summary and the results folder ({@code
 * config.yaml} as run, {@code stats.json}, {@code stats.csv}, {@code latency.svg}). Shared by
 * {@code bitline dram} and anything else that runs a {@link TraceRun}.
 */
public final class DramRunReport {
    private DramRunReport() {}

    /** The files {@link #write} creates, for messages. */
    public static final String FILES = "{config.yaml,stats.json,stats.csv,latency.svg}";

    /** The run summary: setup, input, requests, bandwidth, latencies, row buffer, commands, energy, check. */
    public static String summary(DramSpec ds, ControllerConfig cc, String input, RunResult r, double wallSeconds) {
        StringBuilder o = new StringBuilder();
        double tckNs = ds.tCKps() / 1000.0;
        o.append(String.format("dram: %s, %d channel(s), %s queues %s%s, %s%s, %s page, mapping %s%s%s%n", ds.name(),
                ds.organization().channels(), cc.queueStructure().name().toLowerCase(Locale.ROOT),
                cc.queueStructure() == QueueStructure.SHARED ? String.valueOf(cc.transactionQueueDepth())
                        : cc.readQueueDepth() + "/" + cc.writeQueueDepth(),
                cc.bankQueueDepth() > 0 ? " + bank queues " + cc.bankQueueDepth() : "",
                cc.scheduler().name().toLowerCase(Locale.ROOT),
                cc.arbitration() == Arbitration.ROUND_ROBIN ? " round-robin" : "",
                cc.pagePolicy().name().toLowerCase(Locale.ROOT), cc.addressMapping(),
                ds.commandBus() == CommandBus.ROW_COLUMN ? ", row+column command buses" : "",
                cc.ticked() ? ", ticked" : ""));
        o.append(String.format("input: %s%n", input));
        o.append(String.format("requests: %,d (%,d reads, %,d writes) in %,d cycles (%.3f ms simulated); wall %.2f s, %,.0f requests/s%n",
                r.requests(), r.stats().reads(), r.stats().writes(), r.cycles(), r.cycles() * tckNs * 1e-6, wallSeconds,
                r.requests() / Math.max(wallSeconds, 1e-9)));
        double peak = ds.peakBandwidthBytesPerSecond() / 1e9;
        o.append(String.format("bandwidth: %.2f GB/s (%.1f%% of peak %.2f GB/s)%n", r.bandwidthGBps(),
                100 * r.bandwidthGBps() / peak, peak));
        latency(o, "read latency", r.readLatency(), tckNs);
        latency(o, "write latency", r.writeLatency(), tckNs);
        long all = r.stats().rowHits() + r.stats().rowMisses() + r.stats().rowConflicts();
        o.append(String.format("row buffer: hit rate %.1f%% (hits %,d, misses %,d, conflicts %,d)%n", 100 * r.rowHitRate(),
                r.stats().rowHits(), r.stats().rowMisses(), r.stats().rowConflicts()));
        StringBuilder cmds = new StringBuilder();
        r.stats().commands().forEach((name, v) -> cmds.append(String.format(" %s %,d", name, v)));
        o.append(String.format("commands:%s%n", cmds));
        EnergyBreakdown e = r.energy();
        if (e != null) {
            o.append(String.format("energy: %.3f uJ, %.2f pJ/bit, average power %.0f mW%n", e.total() * 1e-6, e.perBitPj(),
                    e.averagePowerMw()));
            StringBuilder sb = new StringBuilder(" ");
            for (Map.Entry<String, Double> c : e.components().entrySet()) {
                sb.append(String.format(" %s %.3f uJ (%.1f%%)", c.getKey(), c.getValue() * 1e-6,
                        e.total() == 0 ? 0 : 100 * c.getValue() / e.total()));
            }
            o.append(sb).append(System.lineSeparator());
        }
        if (r.check() != null) {
            o.append(String.format("violations: %d (%,d commands checked)%n", r.check().violations(), r.check().commands()));
        }
        if (all == 0) {
            o.append("(no requests)").append(System.lineSeparator());
        }
        return o.toString();
    }

    private static void latency(StringBuilder o, String name, Histogram h, double tckNs) {
        if (h.count() == 0) {
            o.append(String.format("%s: none%n", name));
            return;
        }
        o.append(String.format("%s (cycles): mean %.1f  p50 %d  p99 %d  max %d   (mean %.1f ns)%n", name, h.mean(),
                h.percentile(50), h.percentile(99), h.max(), h.mean() * tckNs));
    }

    /**
     * The config as run, self-contained: the loaded tree (extends and overrides applied) with its
     * {@code controller:} section replaced by the resolved options, so {@code bitline dram
     * --config <out>/config.yaml} repeats the run.
     */
    public static String configAsRun(ConfigNode tree, ControllerConfig cc) {
        ConfigNode.MapNode root = (ConfigNode.MapNode) tree;
        return ConfigLoader.toYaml((ConfigNode) root.with("controller", root.location(), ConfigBinder.toNode(cc)));
    }

    /** Writes {@link #FILES} into {@code dir}, each atomically. */
    public static void write(Path dir, ConfigNode tree, ControllerConfig cc, RunResult r) {
        AtomicFiles.write(dir.resolve("config.yaml"), configAsRun(tree, cc));
        r.registry().writeJson(dir.resolve("stats.json"));
        r.registry().writeCsv(dir.resolve("stats.csv"));
        AtomicFiles.write(dir.resolve("latency.svg"), LatencyPlot.svg(r.readLatency(), r.writeLatency()));
    }
}
