package dev.bitline.cli;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.DramRunReport;
import dev.bitline.dram.run.RunResult;
import dev.bitline.dram.run.TraceRun;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandTraceWriter;
import dev.bitline.dram.trace.RequestSource;
import dev.bitline.dram.trace.SyntheticSource;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.dram.trace.TraceFormat;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.random.RandomStreams;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import dev.bitline.sim.io.AtomicFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline dram}: run a request trace (or synthetic traffic) through a DRAM channel model and
 * print bandwidth, latency, row-buffer and energy figures. Thin: the model is dram-model's
 * {@link TraceRun}, the summary and results folder {@link DramRunReport}.
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

    @Option(names = "--configs", paramLabel = "DIR",
            description = "Preset folder for 'extends:' (default: the nearest configs/ above the config file, else $BITLINE_HOME/configs).")
    Path configsRoot;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/runs/dram",
            description = "Folder for config.yaml (the config as run), stats.json, stats.csv and latency.svg "
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

    /** The loader every command uses: {@code --configs DIR} if given, else {@link ConfigLoader#forFile}. */
    static ConfigLoader loader(Path config, Path configsRoot) {
        if (configsRoot == null) return ConfigLoader.forFile(config);
        if (!Files.isDirectory(configsRoot)) {
            throw new UsageError("--configs " + configsRoot + ": not a directory (expected the folder with the presets)");
        }
        return new ConfigLoader(configsRoot);
    }

    /** Requests fed so far, for the progress bar. */
    private final long[] fed = new long[1];

    /** {@code source}, counting the requests it hands out and updating {@code progress} now and then. */
    private RequestSource counting(RequestSource source, ProgressReporter progress) {
        return new RequestSource() {
            @Override
            public boolean next() {
                if ((++fed[0] & 4095) == 0) progress.update();
                return source.next();
            }

            @Override
            public long address() {
                return source.address();
            }

            @Override
            public boolean isWrite() {
                return source.isWrite();
            }

            @Override
            public long cycle() {
                return source.cycle();
            }

            @Override
            public String location() {
                return source.location();
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (config == null) {
            throw new UsageError("dram: --config FILE is required (e.g. --config configs/dram/ddr4-3200.yaml)");
        }
        if (input == null) {
            throw new UsageError("dram: give --trace FILE or --synthetic KIND:COUNT (e.g. --synthetic random:1000000)");
        }
        if (format != null && input.trace == null) {
            throw new UsageError("dram: --format " + format + " applies to --trace only (expected no --format with --synthetic)");
        }
        if (feedWidth < 1) {
            throw new UsageError("dram: --feed-width " + feedWidth + " (expected >= 1 request per cycle)");
        }
        if (!Files.isRegularFile(config)) {
            throw new UsageError("dram: no such config file " + config + " (expected a YAML file, e.g. configs/dram/ddr4-3200.yaml)");
        }
        ConfigNode tree = loader(config, configsRoot).loadTree(config, overrides);
        DramRunConfig rc = DramRunConfig.fromTree(tree);
        DramSpec ds = rc.spec();
        // --ticked adds to the config; it must not turn off a config's `controller.ticked: true`
        ControllerConfig cc = ticked ? rc.controller().withTicked(true) : rc.controller();
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
        // The results folder is written whole: a temp folder beside it, renamed into place.
        try (CommandTraceWriter writer = cmdTrace == null ? null : CommandTraceWriter.toFile(cmdTrace);
                AtomicFolder folder = AtomicFolder.open(out)) {
            run.commandSink(writer);
            long t0 = System.nanoTime();
            long total = input.synthetic != null ? SyntheticSpec.parse(input.synthetic).count() : -1;
            RunResult r;
            try (ProgressReporter progress = new ProgressReporter("dram", total, () -> fed[0])) {
                r = run.run(counting(source, progress));
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            if (r.requests() == 0) {
                throw new dev.bitline.sim.io.InputException(what + ": no requests: nothing to simulate (expected at"
                        + " least one request line)");
            }
            if (writer != null) {
                writer.commit();
            }
            o.print(DramRunReport.summary(ds, cc, what, r, wall));
            DramRunReport.write(folder.dir(), tree, cc, r);
            folder.commit();
            o.printf("results: %s%n", out.resolve(DramRunReport.FILES));
            if (cmdTrace != null) {
                o.printf("command trace: %s%n", cmdTrace);
            }
            o.flush();
            if (r.check() != null && !r.check().clean()) {
                spec.commandLine().getErr().println(r.check().summary(5).trim());
                return Bitline.EXIT_INTERNAL; // the model broke the standard: a bug
            }
            return Bitline.EXIT_OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cmdTrace + ": " + e.getMessage(), e);
        }
    }
}
