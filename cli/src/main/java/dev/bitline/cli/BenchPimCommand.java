package dev.bitline.cli;

import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
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
 * {@code bitline bench pim}: simulated PIM commands per second, event-driven against the ticked
 * reference on the same GEMV in the same process, and the wall time of one full-size GEMV.
 */
@Command(name = "pim", mixinStandardHelpOptions = true,
        description = {"PIM model speed: commands/s event-driven vs ticked reference on one GEMV (the ratio is",
                "the point), and the wall time of a 4096 x 4096 GEMV with and without numerics."})
final class BenchPimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "PIM preset (default: configs/pim/pim-gpt.yaml).")
    Path config;

    @Option(names = "--size", defaultValue = "4096", description = "Square GEMV of the event-vs-ticked comparison (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds after three warm-ups; best is reported (default ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() {
        if (size < 1 || rounds < 1) throw new UsageError("bench pim: --size and --rounds must be positive");
        Path cfg = config;
        if (cfg == null) {
            Path root = ConfigLoader.findConfigsRoot(Path.of(System.getProperty("bitline.home",
                    System.getenv().getOrDefault("BITLINE_HOME", "")))).orElseGet(
                            () -> ConfigLoader.findConfigsRoot(Path.of("")).orElse(null));
            if (root == null) throw new UsageError("bench pim: no configs/ folder found (pass --config FILE)");
            cfg = root.resolve("pim/pim-gpt.yaml");
        }
        if (!Files.isRegularFile(cfg)) throw new UsageError("bench pim: no such config file " + cfg);
        PimSystem sys = PimSystem.load(ConfigLoader.forFile(cfg), cfg, List.of());
        InputFormat f = sys.precisions().get(0);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("pim speed: %s, single thread, best of %d rounds after warm-ups of both drivers%n", sys.name(), rounds);
        // warm both drivers up before timing either (the JIT compiles the shared channel code
        // differently depending on which driver ran first)
        for (int i = 0; i < 3; i++) {
            GemvRun.run(sys, size, size, 1, f, GemvRun.Options.defaults().withNumerics(false));
            GemvRun.run(sys, size, size, 1, f, GemvRun.Options.defaults().withNumerics(false).withTicked(true));
        }
        double[] ev = best(sys, f, size, size, false, false);
        double[] tk = best(sys, f, size, size, true, false);
        o.printf("  %d x %d GEMV, timing only: %,d commands, %,d simulated cycles%n", size, size, (long) ev[1], (long) ev[2]);
        o.printf("    event-driven %,14.0f commands/s  (%,d decision cycles)%n", ev[1] / ev[0], (long) ev[3]);
        o.printf("    ticked       %,14.0f commands/s  (%,d decision cycles)%n", tk[1] / tk[0], (long) tk[3]);
        o.printf("    ratio        %14.1fx%n", tk[0] / ev[0]);
        double[] full = best(sys, f, 4096, 4096, false, false);
        double[] num = best(sys, f, 4096, 4096, false, true);
        o.printf("  4096 x 4096 GEMV: %.3f s timing only, %.3f s with numerics (%,d commands)%n", full[0], num[0], (long) full[1]);
        return Bitline.EXIT_OK;
    }

    /** {seconds, commands, cycles, decisions} of the best round. */
    private double[] best(PimSystem sys, InputFormat f, int n, int k, boolean ticked, boolean numerics) {
        double bestS = Double.MAX_VALUE;
        GemvResult last = null;
        for (int i = 0; i < rounds + 3; i++) { // three warm-ups: the JIT compiles the channel loop
            long t0 = System.nanoTime();
            last = GemvRun.run(sys, n, k, 1, f, GemvRun.Options.defaults().withTicked(ticked).withNumerics(numerics));
            double s = (System.nanoTime() - t0) * 1e-9;
            if (i >= 3) bestS = Math.min(bestS, s);
        }
        return new double[] {bestS, last.commands(), last.cycles(), last.decisions()};
    }
}
