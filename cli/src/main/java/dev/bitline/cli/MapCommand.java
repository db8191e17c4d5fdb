package dev.bitline.cli;

import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.map.Mapper;
import dev.bitline.mapping.map.Scheduler;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.mapping.schedule.Schedule;
import dev.bitline.mapping.schedule.ScheduleJson;
import dev.bitline.mapping.schedule.ScheduledOp;
import dev.bitline.sim.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code bitline map}: the schedule of one forward pass, with its reasons. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Map one forward pass of a model onto hardware and print the schedule: per layer the",
            "unit, placement, bytes moved, Op/B, estimated and simulated cycles (--explain: every operation)."})
public final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions opts;

    @Option(names = "--phase", defaultValue = "decode", description = "decode or prefill (default ${DEFAULT-VALUE}).")
    String phase;

    @Option(names = "--keys", defaultValue = "128",
            description = "decode: KV-cache length after this step; prefill: the prompt length (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--explain", description = "Print every operation of the first block and the head, and the estimate's error.")
    boolean explain;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the schedule as JSON.")
    Path json;

    @Override
    public Integer call() {
        opts.checkCounts();
        if (keys < 1) {
            throw new UsageError("--keys " + keys + ": expected >= 1");
        }
        Step step = switch (phase) {
            case "decode" -> Step.decode(opts.batch, keys);
            case "prefill" -> Step.prefill(opts.batch, keys);
            default -> throw new UsageError("--phase " + phase + ": expected decode or prefill");
        };
        ModelConfig model = opts.loadModel();
        Compression comp = opts.loadCompression();
        Mapper mapper = opts.loadHardware();
        if (step.keys() > model.maxPositions()) {
            throw new UsageError("--keys " + keys + ": " + model.name() + " has a context of " + model.maxPositions());
        }
        LayerGraph g = GraphBuilder.build(model, comp, step);
        Scheduler sch = new Scheduler(mapper);
        Schedule s = opts.fast ? sch.map(g) : sch.simulate(g);
        PrintWriter out = spec.commandLine().getOut();
        RunPrinter.header(out, s, g);
        if (explain) {
            RunPrinter.operations(out, s, mapper.clockHz());
        }
        RunPrinter.layers(out, s, mapper.clockHz(), model.layers());
        RunPrinter.estimateError(out, s, opts.fast);
        if (json != null) {
            AtomicFiles.write(json, ScheduleJson.write(s));
            out.printf("schedule: %s%n", json);
        }
        return Bitline.EXIT_OK;
    }

    static String us(long ps) {
        return String.format("%.3f", ps * 1e-6);
    }

    static String cycles(long ps, long hz) {
        return String.format("%,d", Math.round(ps * 1e-12 * hz));
    }

    static String pct(ScheduledOp op) {
        return op.cycleModel() ? String.format("%+.1f%%", 100 * op.estimateError()) : "n/a";
    }
}
