package dev.bitline.cli;

import dev.bitline.gpu.calibrate.Calibration;
import dev.bitline.gpu.calibrate.LayerTimes;
import dev.bitline.gpu.calibrate.MeasuredRuns;
import dev.bitline.mapping.compress.Compression;
import dev.bitline.mapping.gpu.GpuMapper;
import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.mapping.graph.GraphBuilder;
import dev.bitline.mapping.graph.LayerGraph;
import dev.bitline.mapping.graph.Step;
import dev.bitline.mapping.model.HfConfigReader;
import dev.bitline.mapping.model.ModelConfig;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline gpu model}: per-layer roofline times of a model on a GPU preset, calibrated where measured runs exist. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"Per-layer MODELLED GPU times of a model (roofline of configs/gpu/, one kernel per operation",
            "of the layer graph). Where results/gpu/ holds a measured run of the same GPU, the achievable",
            "fractions are calibrated from it (least squares) and the roofline's error per kernel is printed."})
final class GpuModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gpu", required = true, description = "GPU preset: a name under configs/gpu/ (a100, h100-sxm, t4, ...) or a file.")
    String gpu;

    @Option(names = "--model", required = true, description = "Model: a name under configs/models/ (gpt2-xl, llama-2-7b, ...) or a config.json.")
    String model;

    @Option(names = "--compress", defaultValue = "fp16",
            description = "Compression: a name under configs/compress/ or a file (default ${DEFAULT-VALUE}).")
    String compress;

    @Option(names = "--phase", defaultValue = "decode", description = "decode (one token) or prefill (default ${DEFAULT-VALUE}).")
    String phase;

    @Option(names = "--batch", defaultValue = "1", description = "Sequences (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--tokens", defaultValue = "512",
            description = "Prompt length (prefill) or keys already cached (decode) (default ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--ops", description = "Print every operation, not only per-layer sums.")
    boolean ops;

    @Option(names = "--measured", paramLabel = "CSV",
            description = "Calibrate from this results.csv (default: results/gpu/<folder naming this GPU>/results.csv if any).")
    Path measured;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results/gpu",
            description = "Where measured runs are looked for (default ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (batch < 1 || tokens < 1) {
            throw new UsageError("--batch and --tokens must be >= 1");
        }
        Step step = switch (phase) {
            case "decode" -> Step.decode(batch, tokens);
            case "prefill" -> Step.prefill(batch, tokens);
            default -> throw new UsageError("--phase '" + phase + "' (expected decode or prefill)");
        };
        Path root = configsRoot();
        ConfigLoader loader = new ConfigLoader(root);
        Path gpuFile = resolve(root, "gpu", gpu, ".yaml", "--gpu");
        GpuPreset preset = loader.load(gpuFile, GpuPreset.class);
        ModelConfig mc = HfConfigReader.read(resolve(root, "models", model, ".json", "--model"));
        Compression c = Compression.load(loader, resolve(root, "compress", compress, ".yaml", "--compress"), List.of());
        LayerGraph g = GraphBuilder.build(mc, c, step);

        String stem = gpuFile.getFileName().toString().replaceFirst("\\.yaml$", "");
        List<Path> runs = measured != null ? List.of(measured) : MeasuredRuns.find(results, stem);
        List<MeasuredRuns.Kernel> kernels = new ArrayList<>();
        for (Path r : runs) {
            kernels.addAll(MeasuredRuns.read(r));
        }
        Calibration.Result cal = kernels.size() >= 3 ? Calibration.calibrate(preset, kernels) : null;
        GpuPreset used = cal != null ? cal.calibrated() : preset;
        GpuPreset.Achievable f = used.achievable();

        out.printf(Locale.ROOT, "MODELLED (roofline, not measured): %s, %s, %s step (batch %d, %d %s) on %s%n", mc.name(),
                c.name(), phase, batch, tokens, phase.equals("decode") ? "cached keys" : "prompt tokens", used.gpu().name());
        out.printf(Locale.ROOT, "achievable: bandwidth %.2f, compute %.2f, %.1f us per kernel (%s)%n", f.bandwidth(), f.compute(),
                f.kernelOverhead().seconds() * 1e6, f.source());
        GpuMapper mapper = new GpuMapper(used, gpuFile.toString());
        mapper.checkFits(g);
        List<LayerTimes.Layer> layers = LayerTimes.of(g, mapper, step);
        Table t = new Table("layer", "kernels", "GFLOP", "MB moved", "modelled us", "memory-bound");
        double total = 0;
        for (LayerTimes.Layer l : layers) {
            total += l.seconds();
            t.row(l.layer() < 0 ? "other" : "L" + l.layer(), Integer.toString(l.ops().size()),
                    String.format(Locale.ROOT, "%.3f", l.flops() / 1e9), String.format(Locale.ROOT, "%.2f", l.bytes() / 1e6),
                    String.format(Locale.ROOT, "%.1f", l.seconds() * 1e6), l.memoryBoundOps() + "/" + l.ops().size());
            if (ops) {
                for (dev.bitline.mapping.schedule.ScheduledOp o : l.ops()) {
                    t.row("  " + o.name(), o.placement(), String.format(Locale.ROOT, "%.3f", o.flops() / 1e9),
                            String.format(Locale.ROOT, "%.2f", o.bytes() / 1e6),
                            String.format(Locale.ROOT, "%.1f", o.estimatedPs() / 1e6),
                            LayerTimes.memoryBound(o) ? "yes" : "no");
                }
            }
        }
        t.print(out);
        out.printf(Locale.ROOT, "total: %.3f ms per %s step (modelled)%s%n", total * 1e3, phase,
                phase.equals("decode") ? String.format(Locale.ROOT, ", %.1f tokens/s", batch / total) : "");
        if (cal == null) {
            out.println("roofline error: no measured GPU (no folder under " + results + " naming "
                    + String.join("+", MeasuredRuns.tokens(stem)) + " with 3 or more checked kernels; run `bitline gpu bench` on that GPU)");
        } else {
            out.printf(Locale.ROOT, "roofline error against %d measured kernels (%s): rms %.1f%% with the preset's assumed "
                    + "fractions, %.1f%% calibrated%n", kernels.size(), runs, 100 * cal.rmsAssumed(), 100 * cal.rmsCalibrated());
            Table e = new Table("kernel", "measured us", "assumed us", "error", "calibrated us", "error");
            for (Calibration.KernelError k : cal.kernels()) {
                e.row(k.label(), us(k.measuredSeconds()), us(k.assumedSeconds()), pct(k.assumedError()),
                        us(k.calibratedSeconds()), pct(k.calibratedError()));
            }
            e.print(out);
        }
        return Bitline.EXIT_OK;
    }

    private static String us(double s) {
        return String.format(Locale.ROOT, "%.2f", s * 1e6);
    }

    private static String pct(double e) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * e);
    }

    private static Path configsRoot() {
        String home = System.getenv("BITLINE_HOME");
        if (home != null && Files.isDirectory(Path.of(home, "configs"))) {
            return Path.of(home, "configs");
        }
        return ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath())
                .orElseThrow(() -> new UsageError("no configs/ folder found (run from the repository or set BITLINE_HOME)"));
    }

    /** A file as given, else configs/<dir>/<name><ext>, else the one file there whose name starts with name. */
    static Path resolve(Path root, String dir, String name, String ext, String flag) {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path d = root.resolve(dir);
        Path exact = d.resolve(name + ext);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(d)) {
            all = s.filter(x -> x.getFileName().toString().endsWith(ext)).sorted().toList();
        } catch (IOException e) {
            throw new UsageError(flag + " " + name + ": cannot list " + d);
        }
        List<Path> hits = all.stream().filter(x -> x.getFileName().toString().startsWith(name)).toList();
        if (hits.size() == 1) {
            return hits.get(0);
        }
        List<String> names = all.stream().map(x -> x.getFileName().toString().replace(ext, "")).toList();
        throw new UsageError(flag + " '" + name + "': " + (hits.isEmpty() ? "no such preset" : "ambiguous")
                + " (expected a file or one of " + String.join(", ", names) + ")");
    }
}
