package dev.bitline.cli;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.run.SpeedWorkload;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.SyntheticSpec;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline bench dram}: simulated DRAM requests per wall-clock second, and the event-driven
 * controller against the reference ticked one at low utilization, measured in the same process.
 */
@Command(name = "dram", mixinStandardHelpOptions = true,
        description = {"DRAM model speed: requests/s for random and streaming traffic (flat out),",
                "and event-driven vs ticked at low data-bus utilization (the ratio is the point)."})
final class BenchDramCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "DRAM config (default: configs/dram/ddr4-3200.yaml).")
    Path config;

    @Option(names = "--requests", defaultValue = "1000000", description = "Requests per flat-out run (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--sparse-requests", defaultValue = "50000",
            description = "Requests per low-utilization run; the ticked mode visits every cycle (default ${DEFAULT-VALUE}).")
    int sparseRequests;

    @Option(names = "--utilization", defaultValue = "0.05", description = "Data-bus utilization of the sparse runs (default ${DEFAULT-VALUE}).")
    double utilization;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Measure the path `bitline dram --trace FILE` runs instead: parse only, simulate from memory, "
                    + "and parse + simulate + stats from the file, all with the config's controller.")
    Path trace;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds after one warm-up; best is reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        if (requests <= 0 || sparseRequests <= 0 || rounds <= 0 || !(utilization > 0 && utilization <= 1)) {
            throw new UsageError("bench dram: --requests, --sparse-requests, --rounds must be positive and --utilization in (0, 1]");
        }
        Path cfg = config;
        if (cfg == null) {
            Path root = ConfigLoader.findConfigsRoot(Path.of(System.getProperty("bitline.home",
                    System.getenv().getOrDefault("BITLINE_HOME", "")))).orElseGet(
                            () -> ConfigLoader.findConfigsRoot(Path.of("")).orElse(null));
            if (root == null) {
                throw new UsageError("bench dram: no configs/ folder found (pass --config FILE)");
            }
            cfg = root.resolve("dram/ddr4-3200.yaml");
        }
        if (!Files.isRegularFile(cfg)) {
            throw new UsageError("bench dram: no such config file " + cfg + " (expected a YAML file)");
        }
        DramRunConfig rc = DramRunConfig.load(cfg, List.of());
        DramSpec ds = rc.spec();
        ControllerConfig event = rc.controller().withTicked(false);
        ControllerConfig ticked = rc.controller().withTicked(true);
        PrintWriter o = spec.commandLine().getOut();
        if (trace != null) {
            return traceBench(o, ds, rc.controller());
        }
        o.printf("dram speed: %s, single thread, requests per second of thread CPU time, best of %d rounds after a warm-up%n", ds.name(), rounds);
        for (SyntheticSpec.Kind k : new SyntheticSpec.Kind[] {SyntheticSpec.Kind.RANDOM, SyntheticSpec.Kind.STREAM}) {
            RequestBuffer b = SpeedWorkload.requests(ds, k, requests, 0, rc.seed());
            double rps = SpeedWorkload.requestsPerSecond(ds, event, b, rounds);
            o.printf("  %-8s %,9d requests, flat out:   %,12.0f requests/s%n", k.name().toLowerCase(), requests, rps);
            o.flush();
        }
        double rate = SpeedWorkload.rateForUtilization(ds, utilization);
        RequestBuffer sparse = SpeedWorkload.requests(ds, SyntheticSpec.Kind.RANDOM, sparseRequests, rate, rc.seed());
        double ev = SpeedWorkload.requestsPerSecond(ds, event, sparse, rounds);
        double ti = SpeedWorkload.requestsPerSecond(ds, ticked, sparse, rounds);
        o.printf("  random %,9d requests at %.0f%% bus utilization (%.4f requests/cycle):%n", sparseRequests,
                utilization * 100, rate);
        o.printf("    event-driven %,12.0f requests/s%n", ev);
        o.printf("    ticked       %,12.0f requests/s%n", ti);
        o.printf("    ratio        %12.1fx%n", ev / ti);
        return Bitline.EXIT_OK;
    }

    /** parse only / in memory / from the file, interleaved in one process, thread CPU time. */
    private int traceBench(PrintWriter o, DramSpec ds, ControllerConfig cc) {
        if (!Files.isRegularFile(trace)) {
            throw new UsageError("bench dram: no such trace file " + trace + " (expected a DRAMsim3 or Ramulator trace, plain or .gz)");
        }
        long capacity = ds.organization().totalBytes();
        RequestBuffer b = RequestBuffer.readAll(TextTraceReader.open(trace, null, capacity));
        o.printf("dram trace speed: %s, %s (%,d requests), single thread, per second of thread CPU time, best of %d rounds "
                + "after a warm-up%n", ds.name(), trace, b.size(), rounds);
        double parse = SpeedWorkload.parseLinesPerSecond(trace, capacity, rounds);
        o.printf("  parse only                          %,14.0f lines/s%n", parse);
        o.flush();
        double mem = SpeedWorkload.bestPerSecond(() -> SpeedWorkload.runInMemory(ds, cc, b).requests(), rounds);
        o.printf("  in memory: simulate + stats         %,14.0f requests/s%n", mem);
        o.flush();
        double file = SpeedWorkload.bestPerSecond(() -> SpeedWorkload.runTrace(ds, cc, trace).requests(), rounds);
        o.printf("  from the file: parse + simulate + stats %,10.0f requests/s (%.2f of in memory)%n", file, file / mem);
        return Bitline.EXIT_OK;
    }
}
