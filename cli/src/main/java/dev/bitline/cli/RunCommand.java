package dev.bitline.cli;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.run.RunFiles;
import dev.bitline.mapping.run.RunReport;
import dev.bitline.mapping.run.TokenRun;
import dev.bitline.mapping.run.Workload;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bitline run}: decode tokens end to end on the cycle models. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Decode --tokens tokens of a model on hardware: every step mapped and run on the cycle",
            "models; prints latency per token, tokens/s, energy per token and the per-operation breakdown,",
            "and writes report.json, functions.csv, layers.csv, schedule.json, breakdown.{png,svg}."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions opts;

    @Option(names = "--tokens", defaultValue = "16", description = "Tokens to generate per sequence (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/runs/<model>-<hw>-<compression>).")
    Path out;

    @Override
    public Integer call() {
        opts.checkCounts();
        if (tokens < 1) {
            throw new UsageError("--tokens " + tokens + ": expected >= 1");
        }
        ModelConfig model = opts.loadModel();
        Compression comp = opts.loadCompression();
        Mapper mapper = opts.loadHardware();
        if (opts.prompt + tokens > model.maxPositions()) {
            throw new UsageError("--prompt " + opts.prompt + " + --tokens " + tokens + ": " + model.name()
                    + " has a context of " + model.maxPositions());
        }
        long wall = System.nanoTime();
        RunReport r = TokenRun.run(model, comp, new Scheduler(mapper), new Workload(opts.batch, opts.prompt, tokens), opts.fast);
        double wallS = (System.nanoTime() - wall) / 1e9;
        String hwStem = opts.hw.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dir = out != null ? out : Path.of("results", "runs", model.name() + "-" + hwStem + "-" + comp.name());
        try (dev.bitline.sim.io.AtomicFolder folder = dev.bitline.sim.io.AtomicFolder.open(dir)) { // written whole
            RunFiles.write(r, folder.dir());
            folder.commit();
        }
        report(spec.commandLine().getOut(), r, wallS);
        spec.commandLine().getOut().printf("results: %s/{report.json,functions.csv,layers.csv,schedule.json,breakdown.png,breakdown.svg}%n", dir);
        return Bitline.EXIT_OK;
    }

    static void report(PrintWriter w, RunReport r, double wallS) {
        w.printf("%s, %s, on %s: batch %d, prompt %d, %d tokens%s%n", r.model(), r.compression(), r.hardware(),
                r.workload().batch(), r.workload().prompt(), r.workload().tokens(), r.fast() ? " (--fast: analytical only)" : "");
        int t = r.workload().tokens();
        Table f = new Table("operation", "unit", "per token", "us/token", "share", "est us/token", "moved/token", "uJ/token");
        for (RunReport.FunctionRow row : r.functions()) {
            f.row(row.function(), row.unit() + (row.cycleModel() ? "" : " *"), String.valueOf(row.perToken()),
                    String.format("%.3f", row.simulatedPs() * 1e-6 / t),
                    String.format("%.1f%%", 100.0 * row.simulatedPs() / r.simulatedPs()),
                    String.format("%.3f", row.estimatedPs() * 1e-6 / t),
                    String.format("%.2f MB", row.movedBytes() / 1e6 / t), String.format("%.2f", row.energyPj() * 1e-6 / t));
        }
        f.print(w);
        w.println("  * no cycle model: analytical (modelled) time");
        Table s = new Table("metric", "value");
        s.row("latency per token", String.format("%.3f ms", r.latencyPerToken() * 1e3));
        s.row("tokens/s", String.format("%.1f", r.tokensPerSecond()));
        s.row("energy per token", String.format("%.3f mJ", r.energyPerTokenJ() * 1e3));
        s.row("cycles (total)", String.format("%,d at %.2f GHz", r.cycles(), r.clockHz() / 1e9));
        s.row("analytical estimate", r.fast() ? "(this run)" : !r.cycleModelUsed() ? "(the only model of this hardware)" : String.format("%.3f ms per token, %+.2f%% vs cycle model",
                r.estimatedPs() * 1e-9 / t, 100 * r.estimateError()));
        s.row("cycle-model runs", String.format("%,d distinct, %,d reused (identical description, exact)", r.simulations(), r.reused()));
        s.row("wall time", String.format("%.2f s", wallS));
        s.print(w);
    }
}
