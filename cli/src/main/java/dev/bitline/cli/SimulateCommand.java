package dev.bitline.cli;

import dev.bitline.sim.Simulator;
import dev.bitline.sim.config.ConfigBinder;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.config.ConfigNode;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.pipeline.PipelineConfig;
import dev.bitline.sim.pipeline.PipelineModel;
import dev.bitline.sim.stats.Histogram;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bitline simulate CONFIG}: run a configured model and write results/&lt;name&gt;/. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Run the simulation a config describes and write results/<name>/",
            "(config.yaml as resolved, stats.json, stats.csv), each file written atomically."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Simulation config (YAML), e.g. configs/quickstart.yaml")
    Path config;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: results/<name> under the current directory).")
    Path out;

    @Override
    public Integer call() {
        CommonOptions.requireFile(config);
        PrintWriter w = spec.commandLine().getOut();
        ConfigNode tree = common.loader(config).loadTree(config, common.overrides);
        SimulationConfig sc = ConfigBinder.bind(tree, SimulationConfig.class);
        Path dir = out != null ? out : Path.of("results", sc.name());

        Simulator sim = new Simulator(sc.seed());
        long wallStart = System.nanoTime();
        Summary summary = runPipeline(sim, sc.pipeline().orElseThrow());
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        sim.stats().finish(sim.now());

        AtomicFiles.write(dir.resolve("config.yaml"), ConfigLoader.toYaml(tree));
        sim.stats().writeJson(dir.resolve("stats.json"));
        sim.stats().writeCsv(dir.resolve("stats.csv"));

        w.printf("%s: %s%n", sc.name(), summary.title());
        Table t = new Table("metric", "value");
        t.row("simulated time", String.format("%.3f us", sim.now() / 1e6));
        summary.rows().forEach(t::row);
        t.row("events dispatched", String.format("%,d", sim.eventsDispatched()));
        t.row("wall time", String.format("%.2f s (%,.0f events/s)", wallSeconds, sim.eventsDispatched() / wallSeconds));
        t.print(w);
        w.printf("results: %s/{config.yaml,stats.json,stats.csv}%n", dir);
        return Bitline.EXIT_OK;
    }

    /** What a model's run reports in the summary table. */
    record Summary(String title, java.util.List<String[]> rows) {
    }

    private static Summary runPipeline(Simulator sim, PipelineConfig pc) {
        PipelineModel model = new PipelineModel(sim, "pipeline", pc);
        model.start();
        try (ProgressReporter progress = new ProgressReporter("simulate", model.itemsTotal(), model::itemsCompleted)) {
            // run in slices of simulated time so the progress bar can move
            long slice = Math.max(1, pc.sourceInterval().ps()) * 4096;
            while (sim.pendingEvents() > 0) {
                sim.runUntil(sim.nextEventTime() + slice);
                progress.update();
            }
        }
        Histogram lat = sim.stats().histogram("pipeline.sink.latencyPs");
        return new Summary(pc.stages().size() + "-stage pipeline, " + pc.items() + " items", java.util.List.of(
                new String[] {"items completed", String.format("%,d", model.itemsCompleted())},
                new String[] {"throughput", String.format("%.4g items/us", model.throughputPerSecond() / 1e6)},
                new String[] {"latency mean / p50 / p99", String.format("%.1f / %d / %d ns", lat.mean() / 1e3,
                        lat.percentile(50) / 1000, lat.percentile(99) / 1000)}));
    }
}
