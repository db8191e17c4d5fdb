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

        if (sc.generation().isPresent()) {
            return generate(config, tree, sc, dir, common.loader(config));
        }
        Simulator sim = new Simulator(sc.seed());
        long wallStart = System.nanoTime();
        Summary summary = runPipeline(sim, sc.pipeline().orElseThrow());
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        sim.stats().finish(sim.now());

        try (dev.bitline.sim.io.AtomicFolder folder = dev.bitline.sim.io.AtomicFolder.open(dir)) { // written whole
            AtomicFiles.write(folder.dir().resolve("config.yaml"), ConfigLoader.toYaml(tree));
            sim.stats().writeJson(folder.dir().resolve("stats.json"));
            sim.stats().writeCsv(folder.dir().resolve("stats.csv"));
            folder.commit();
        }

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

    /**
     * The end-to-end run: decode tokens of a model on a hardware preset (mapped, every step on the
     * cycle models), summary table, config.yaml, report.json, CSVs and the breakdown plot.
     */
    private int generate(Path config, ConfigNode tree, SimulationConfig sc, Path dir, ConfigLoader loader) {
        Generation p = prepare(config, tree, sc, loader);
        dev.bitline.mapping.run.GenerationConfig g = p.g();
        var m = p.model();
        var comp = p.compression();
        var mapper = p.mapper();
        PrintWriter w = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        var report = dev.bitline.mapping.run.TokenRun.run(m, comp, new dev.bitline.mapping.map.Scheduler(mapper),
                new dev.bitline.mapping.run.Workload(g.batch(), g.prompt(), g.tokens()), g.fast());
        double wall = (System.nanoTime() - t0) / 1e9;
        try (dev.bitline.sim.io.AtomicFolder folder = dev.bitline.sim.io.AtomicFolder.open(dir)) { // written whole
            AtomicFiles.write(folder.dir().resolve("config.yaml"), ConfigLoader.toYaml(tree));
            dev.bitline.mapping.run.RunFiles.write(report, folder.dir());
            folder.commit();
        }
        w.printf("%s: end-to-end decode%n", sc.name());
        RunCommand.report(w, report, wall);
        w.printf("results: %s/{config.yaml,report.json,functions.csv,layers.csv,schedule.json,breakdown.png,breakdown.svg}%n", dir);
        return Bitline.EXIT_OK;
    }

    /** What a generation run resolves before it starts. */
    record Generation(dev.bitline.mapping.run.GenerationConfig g, dev.bitline.mapping.model.ModelConfig model,
            dev.bitline.mapping.compress.Compression compression, dev.bitline.mapping.map.Mapper mapper) {}

    /**
     * Resolves everything a generation run needs (model, hardware and compression presets, the
     * context length) without running it; {@code validate} calls the same, so it accepts exactly
     * what a run accepts.
     */
    static Generation prepare(Path config, ConfigNode tree, SimulationConfig sc, ConfigLoader loader) {
        dev.bitline.mapping.run.GenerationConfig g = sc.generation().orElseThrow();
        Path model = preset(config, loader, g.model(), "generation.model");
        Path hw = preset(config, loader, g.hardware(), "generation.hardware");
        var m = dev.bitline.mapping.model.HfConfigReader.read(model);
        var comp = g.compression().isPresent()
                ? dev.bitline.mapping.compress.Compression.load(loader, preset(config, loader, g.compression().get(),
                        "generation.compression"), java.util.List.of())
                : dev.bitline.mapping.compress.Compression.none();
        var mapper = dev.bitline.mapping.map.Hardware.load(ConfigLoader.forFile(hw), hw, java.util.List.of());
        if (g.prompt() + g.tokens() > m.maxPositions()) {
            throw new dev.bitline.sim.config.ConfigException(tree.locationOf("generation.tokens"), "prompt + tokens = "
                    + (g.prompt() + g.tokens()) + " exceeds " + m.name() + "'s context of " + m.maxPositions());
        }
        return new Generation(g, m, comp, mapper);
    }

    /** A preset named in a config: relative to the config's folder, else to the configs root. */
    private static Path preset(Path config, ConfigLoader loader, String name, String field) {
        Path near = config.toAbsolutePath().getParent().resolve(name);
        if (java.nio.file.Files.isRegularFile(near)) {
            return near;
        }
        if (loader.configsRoot() != null && java.nio.file.Files.isRegularFile(loader.configsRoot().resolve(name))) {
            return loader.configsRoot().resolve(name);
        }
        throw new UsageError(config + ": " + field + ": '" + name + "' not found (expected a path under configs/ or next to the config)");
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
