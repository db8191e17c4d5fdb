package dev.bitline.cli;

import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.TraceRun;
import dev.bitline.dram.spec.CommandBus;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandTraceWriter;
import dev.bitline.dram.trace.RequestSource;
import dev.bitline.dram.trace.SyntheticSource;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.dram.trace.TraceFormat;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.random.RandomStreams;
import dev.bitline.sim.stats.Histogram;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline dram}: run a request trace (or synthetic traffic) through a DRAM channel model and
 * print bandwidth, latency, row-buffer and energy figures. Thin: the model is dram-model's
 * {@link TraceRun}.
 */
@Command(name = "dram", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a memory-request trace through the DRAM model.",
                "Example: bitline dram --config configs/dram/ddr4-3200.yaml --synthetic random:1000000 --check"},
        subcommands = {DramReferenceCommand.class, DramCheckCommand.class})
public final class DramCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    // Required, but checked in call(): picocli would also demand it before the 'reference' subcommand.
    @Option(names = "--config", paramLabel = "FILE",
            description = "DRAM config: a standard preset (configs/dram/*.yaml) with an optional controller: section.")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Input input;

    static final class Input {
        @Option(names = "--trace", paramLabel = "FILE",
                description = "Request trace: DRAMsim3 '0xADDR READ|WRITE cycle' or Ramulator '[bubbles] LD|ST 0xADDR', plain or .gz.")
        Path trace;

        @Option(names = "--synthetic", paramLabel = "KIND:N[,k=v]",
                description = "Synthetic traffic: random|stream|strided|hotrow:COUNT[,read=R][,rate=REQ_PER_CYCLE][,stride=B][,hot=F][,regions=N][,region=B].")
        String synthetic;
    }

    @Option(names = "--format", paramLabel = "dramsim3|ramulator",
            description = "Trace format (default: detected from the first line).")
    String format;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config key, e.g. --set timing.tRCD=24 --set controller.pagePolicy=closed.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/runs/dram",
            description = "Folder for config.yaml (the config as run), stats.json, stats.csv and latency.png "
                    + "(default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--cmd-trace", paramLabel = "FILE",
            description = "Write every issued DRAM command as text (gzip if FILE ends in .gz).")
    Path cmdTrace;

    @Option(names = "--check", description = "Check the run's command stream with the independent timing checker.")
    boolean check;

    @Option(names = "--feed-width", paramLabel = "N", defaultValue = "1",
            description = "Requests the feed may deliver per DRAM cycle (default ${DEFAULT-VALUE}: the reference "
                    + "simulators' rule). Raise it for many-channel parts (HBM) run flat out.")
    int feedWidth;

    @Option(names = "--ticked", description = "Reference mode: visit every cycle (slow; same commands). Same as --set controller.ticked=true.")
    boolean ticked;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (config == null) {
            throw new UsageError("dram: --config FILE is required (e.g. --config configs/dram/ddr4-3200.yaml)");
        }
        if (input == null) {
            throw new UsageError("dram: give --trace FILE or --synthetic KIND:COUNT (e.g. --synthetic random:1000000)");
        }
        if (feedWidth < 1) {
            throw new UsageError("dram: --feed-width " + feedWidth + " (expected >= 1 request per cycle)");
        }
        if (!Files.isRegularFile(config)) {
            throw new UsageError("dram: no such config file " + config + " (expected a YAML file, e.g. configs/dram/ddr4-3200.yaml)");
        }
        tree = ConfigLoader.near(config).loadTree(config, overrides);
        DramRunConfig rc = DramRunConfig.fromTree(tree);
        DramSpec ds = rc.spec();
        // --ticked adds to the config; it must not turn off a config's `controller.ticked: true`
        cc = ticked ? rc.controller().withTicked(true) : rc.controller();
        long capacity = ds.organization().totalBytes();
        RequestSource source;
        String what;
        if (input.trace != null) {
            TraceFormat f = null;
            if (format != null) {
                try {
                    f = TraceFormat.valueOf(format.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("dram: unknown --format '" + format + "' (expected dramsim3 or ramulator)");
                }
            }
            source = TextTraceReader.open(input.trace, f, capacity);
            what = input.trace.toString();
        } else {
            SyntheticSpec s = SyntheticSpec.parse(input.synthetic).withLineBytes(ds.organization().burstBytes());
            source = new SyntheticSource(s, new RandomStreams(rc.seed()).stream("dram.synthetic"), capacity);
            what = "synthetic " + input.synthetic + " (seed " + rc.seed() + ")";
        }

        TraceRun run = new TraceRun(ds, cc).check(check).feedWidth(feedWidth);
        Path tmpTrace = null;
        CommandTraceWriter writer = null;
        try {
            if (cmdTrace != null) {
                Path abs = cmdTrace.toAbsolutePath();
                Files.createDirectories(abs.getParent());
                tmpTrace = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
                OutputStream os = Files.newOutputStream(tmpTrace);
                if (cmdTrace.toString().endsWith(".gz")) {
                    os = new GZIPOutputStream(os, 1 << 16);
                }
                writer = new CommandTraceWriter(new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.US_ASCII), 1 << 16));
                run.commandSink(writer);
            }
            long t0 = System.nanoTime();
            RunResult r = run.run(source);
            double wall = (System.nanoTime() - t0) * 1e-9;
            if (writer != null) {
                writer.close();
                Files.move(tmpTrace, cmdTrace, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                tmpTrace = null;
            }
            print(o, ds, cc, what, r, wall);
            writeResults(r);
            o.printf("results: %s%n", out.resolve("{config.yaml,stats.json,stats.csv,latency.png}"));
            if (cmdTrace != null) {
                o.printf("command trace: %s%n", cmdTrace);
            }
            if (r.check() != null && !r.check().clean()) {
                spec.commandLine().getErr().println(r.check().summary(5).trim());
                return Bitline.EXIT_INTERNAL; // the model broke the standard: a bug
            }
            return Bitline.EXIT_OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cmdTrace + ": " + e.getMessage(), e);
        } finally {
            if (tmpTrace != null) {
                try {
                    Files.deleteIfExists(tmpTrace);
                } catch (IOException e) {
                    // best effort: a stray temp file next to the target
                }
            }
        }
    }

    private static void print(PrintWriter o, DramSpec ds, ControllerConfig cc, String what, RunResult r, double wall) {
        double tckNs = ds.tCKps() / 1000.0;
        o.printf("dram: %s, %d channel(s), %s queues %s%s, %s%s, %s page, mapping %s%s%s%n", ds.name(),
                ds.organization().channels(), cc.queueStructure().name().toLowerCase(Locale.ROOT),
                cc.queueStructure().name().equals("SHARED") ? String.valueOf(cc.transactionQueueDepth())
                        : cc.readQueueDepth() + "/" + cc.writeQueueDepth(),
                cc.bankQueueDepth() > 0 ? " + bank queues " + cc.bankQueueDepth() : "",
                cc.scheduler().name().toLowerCase(Locale.ROOT),
                cc.arbitration() == Arbitration.ROUND_ROBIN ? " round-robin" : "",
                cc.pagePolicy().name().toLowerCase(Locale.ROOT), cc.addressMapping(),
                ds.commandBus() == CommandBus.ROW_COLUMN ? ", row+column command buses" : "",
                cc.ticked() ? ", ticked" : "");
        o.printf("input: %s%n", what);
        o.printf("requests: %,d (%,d reads, %,d writes) in %,d cycles (%.3f ms simulated); wall %.2f s, %,.0f requests/s%n",
                r.requests(), r.stats().reads(), r.stats().writes(), r.cycles(), r.cycles() * tckNs * 1e-6, wall,
                r.requests() / Math.max(wall, 1e-9));
        double peak = ds.peakBandwidthBytesPerSecond() / 1e9;
        o.printf("bandwidth: %.2f GB/s (%.1f%% of peak %.2f GB/s)%n", r.bandwidthGBps(),
                100 * r.bandwidthGBps() / peak, peak);
        latency(o, "read latency", r.readLatency(), tckNs);
        latency(o, "write latency", r.writeLatency(), tckNs);
        long all = r.stats().rowHits() + r.stats().rowMisses() + r.stats().rowConflicts();
        o.printf("row buffer: hit rate %.1f%% (hits %,d, misses %,d, conflicts %,d)%n", 100 * r.rowHitRate(),
                r.stats().rowHits(), r.stats().rowMisses(), r.stats().rowConflicts());
        StringBuilder cmds = new StringBuilder();
        r.stats().commands().forEach((name, v) -> cmds.append(String.format(" %s %,d", name, v)));
        o.printf("commands:%s%n", cmds);
        EnergyBreakdown e = r.energy();
        if (e != null) {
            o.printf("energy: %.3f uJ, %.2f pJ/bit, average power %.0f mW%n", e.total() * 1e-6, e.perBitPj(),
                    e.averagePowerMw());
            StringBuilder sb = new StringBuilder(" ");
            for (Map.Entry<String, Double> c : e.components().entrySet()) {
                sb.append(String.format(" %s %.3f uJ (%.1f%%)", c.getKey(), c.getValue() * 1e-6,
                        e.total() == 0 ? 0 : 100 * c.getValue() / e.total()));
            }
            o.println(sb);
        }
        if (r.check() != null) {
            o.printf("violations: %d (%,d commands checked)%n", r.check().violations(), r.check().commands());
        }
        if (all == 0) {
            o.println("(no requests)");
        }
    }

    private static void latency(PrintWriter o, String name, Histogram h, double tckNs) {
        if (h.count() == 0) {
            o.printf("%s: none%n", name);
            return;
        }
        o.printf("%s (cycles): mean %.1f  p50 %d  p99 %d  max %d   (mean %.1f ns)%n", name, h.mean(),
                h.percentile(50), h.percentile(99), h.max(), h.mean() * tckNs);
    }

    private ConfigNode tree;    // the config as loaded (extends and --set applied)
    private ControllerConfig cc; // its controller, resolved (defaults, --ticked)

    private void writeResults(RunResult r) {
        // the config as run, self-contained: `bitline dram --config <out>/config.yaml` repeats it
        ConfigNode.MapNode root = (ConfigNode.MapNode) tree;
        AtomicFiles.write(out.resolve("config.yaml"),
                ConfigLoader.toYaml((ConfigNode) root.with("controller", root.location(), ConfigBinder.toNode(cc))));
        r.registry().counter("dram.bandwidthBytesPerSecond").add(Math.round(r.bandwidthGBps() * 1e9));
        r.registry().writeJson(out.resolve("stats.json"));
        r.registry().writeCsv(out.resolve("stats.csv"));
        AtomicFiles.write(out.resolve("latency.png"), LatencyPlot.png(r.readLatency(), r.writeLatency()));
    }
}
