package dev.bitline.cli;

import dev.bitline.mapping.sweep.Sweep;
import dev.bitline.mapping.sweep.SweepBench;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline bench sweep}: sweep points/s at 1 and N workers, and the engine's overhead over bare simulation. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Sweep engine speed: points/s bare, with 1 worker and with N workers, in one run;",
                "the per-point overhead of the engine against bare simulation (target: under 5%)."})
final class BenchSweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sweep", paramLabel = "FILE", description = "Sweep file (default: configs/sweeps/bench-dram.yaml).")
    Path file;

    @Option(names = "--jobs", paramLabel = "N", description = "Workers of the parallel pass (default: the cores).")
    Integer jobs;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds after a warm-up; best of each is reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws IOException {
        Path f = file;
        if (f == null) {
            f = ConfigLoader.findConfigsRoot(Path.of("")).map(r -> r.resolve("sweeps/bench-dram.yaml"))
                    .orElseThrow(() -> new UsageError("bench sweep: no configs/ folder found (pass --sweep FILE)"));
        }
        if (!Files.isRegularFile(f)) {
            throw new UsageError("bench sweep: no such sweep file " + f + " (expected a YAML file)");
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (rounds < 1) {
            throw new UsageError("bench sweep: --rounds " + rounds + " (expected >= 1)");
        }
        if (n < 1) {
            throw new UsageError("bench sweep: --jobs " + n + " (expected >= 1)");
        }
        Sweep sw = Sweep.load(f);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("sweep speed: %s, %d points (%s); after a warm-up, best of %d rounds each: bare, 1 worker, %d workers%n",
                sw.name(), sw.points().size(), sw.runner().kind(), rounds, n);
        o.flush();
        Path scratch = Files.createTempDirectory("bitline-bench-sweep");
        SweepBench.Result r;
        try {
            r = SweepBench.run(sw, n, rounds, scratch);
        } finally {
            Files.deleteIfExists(scratch);
        }
        o.printf("  bare simulation  %8.2f s  %8.2f points/s%n", r.bareSeconds(), r.points() / r.bareSeconds());
        o.printf("  engine, 1 worker %8.2f s  %8.2f points/s  overhead %+.1f%% per point%n", r.oneSeconds(),
                r.points() / r.oneSeconds(), 100 * r.overhead());
        o.printf("  engine, %d workers%7.2f s  %8.2f points/s  speed-up %.2fx of %d%n", r.jobs(), r.nSeconds(),
                r.points() / r.nSeconds(), r.speedup(), r.jobs());
        o.printf("  merge (CSV, %d plot(s)) %.2f s once per sweep, not counted above%n", sw.pareto().size(), r.mergeSeconds());
        return Bitline.EXIT_OK;
    }
}
