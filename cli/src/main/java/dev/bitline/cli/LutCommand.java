package dev.bitline.cli;

import dev.bitline.lut.cycle.LutGemmRun;
import dev.bitline.lut.cycle.RunEnergy;
import dev.bitline.mapping.memory.LutMemory;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.lut.ppa.PpaStudy;
import dev.bitline.lut.ppa.TechTable;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline lut}: the LUT tensor core's cycle model ({@code gemm}) and PPA model ({@code ppa}). */
@Command(name = "lut", mixinStandardHelpOptions = true,
        description = "LUT tensor core: cycle-model GEMM runs and the PPA comparison against a MAC tensor core.",
        subcommands = {LutCommand.Gemm.class, LutCommand.Ppa.class})
public final class LutCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = {"Run O[M,N] = A[M,K] x W[N,K]^T on the cycle model with random operands; the outputs",
                "come from the bit-exact functional model and are checked against dequantize-then-GEMM."})
    static final class Gemm implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        ConfigOptionsMixin cfg;

        @Option(names = "--m", defaultValue = "1", description = "Rows of A (1 = GEMV; default ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "--n", defaultValue = "4096", description = "Output channels (default ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--k", defaultValue = "4096", description = "Reduction length (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--weights", defaultValue = "w2",
                description = "Weight format: w2/int2 (signed), uint4, ternary, bipolar1, ... (default ${DEFAULT-VALUE}).")
        String weights;

        @Option(names = "--acts", defaultValue = "int8", description = "Activation format: int8, fp16, bf16 (default ${DEFAULT-VALUE}).")
        String acts;

        @Option(names = "--group-size", defaultValue = "128", description = "Weight quantization group along K (default ${DEFAULT-VALUE}).")
        int groupSize;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random operands (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--stats", description = "Write the run's statistics (lut.* counters) as JSON to this file.")
        Path stats;

        @Override
        public Integer call() {
            ConfigLoader loader = cfg.loader();
            LutTensorCoreConfig c = cfg.load(loader);
            if (m < 1 || n < 1 || k < 1 || groupSize < 1) {
                throw new UsageError("lut gemm: --m, --n, --k and --group-size must be positive");
            }
            WeightFormat wf;
            ActivationFormat af;
            try {
                wf = WeightFormat.parse(weights);
                af = ActivationFormat.parse(acts);
            } catch (IllegalArgumentException e) {
                throw new UsageError("lut gemm: " + e.getMessage());
            }
            String unsupported = c.gemmUnsupported(wf, groupSize);
            if (unsupported != null) {
                throw new UsageError("lut gemm: " + unsupported);
            }
            String tooBig = dev.bitline.lut.cycle.GemmFootprint.check(m, n, k, wf, af, Runtime.getRuntime().maxMemory());
            if (tooBig != null) {
                throw new UsageError("lut gemm: --m " + m + " --n " + n + " --k " + k + ": " + tooBig);
            }
            // Everything the run needs besides the GEMM itself, resolved before any work starts.
            LutMemory memory = LutMemory.of(c, loader.configsRoot());
            CostModel cost = new CostModel(c.loadTech(loader));
            SplittableRandom rnd = new SplittableRandom(seed);
            Activations a = Activations.random(af, m, k, rnd);
            PackedWeights w = PackedWeights.random(wf, n, k, groupSize, rnd);
            LutGemmRun.Outcome o;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("memory: %s%n", memory.description());
            try {
                o = LutGemmRun.run(memory.params(), a, w, c.lutConfig(), memory.portFactory());
            } catch (IllegalArgumentException e) {
                throw new UsageError("lut gemm: " + e.getMessage());
            }
            out.print(o.summary(c, wf, af, m, n, k));
            RunEnergy.of(c, cost, wf, af, o.report(), m, n, k)
                    .ifPresent(e -> out.printf("  %s%n", e.summary(cost.table().name())));
            out.flush(); // print() does not trigger the writer's auto-flush
            if (stats != null) {
                AtomicFiles.write(stats, o.statsJson());
            }
            if (!o.verified()) {
                spec.commandLine().getErr().println("bitline: lut gemm: output does NOT match the reference (max |diff| "
                        + o.maxAbsDiff() + ") - a bug, please report it");
                return Bitline.EXIT_INTERNAL;
            }
            return Bitline.EXIT_OK;
        }
    }

    @Command(name = "ppa", mixinStandardHelpOptions = true,
            description = {"Area, power, compute density and energy efficiency of the LUT array and a throughput-matched",
                "dequantize+MAC array for W1/W2/W4 x A8/A16, and the UNPU-style step-by-step ablation."})
    static final class Ppa implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        ConfigOptionsMixin cfg;

        @Option(names = "--out", description = "Write lut-vs-mac.csv, ablation.csv, parts.csv and PNG plots to this folder.")
        Path out;

        @Override
        public Integer call() {
            ConfigLoader loader = cfg.loader();
            LutTensorCoreConfig c = cfg.load(loader);
            TechTable tech = c.loadTech(loader);
            PpaStudy.Result r;
            try {
                r = PpaStudy.run(c.lutDesign(), c.macDesign(), new CostModel(tech), c.array().clock().hz(), c.bufferSizes());
            } catch (IllegalArgumentException e) {
                throw new UsageError("lut ppa: " + e.getMessage());
            }
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(PpaStudy.format(r, c.name()));
            if (out != null) {
                try (dev.bitline.sim.io.AtomicFolder folder = dev.bitline.sim.io.AtomicFolder.open(out)) { // written whole
                    PpaStudy.write(folder.dir(), r);
                    folder.commit();
                }
                pw.printf("%nwrote %s/%s%n", out, PpaStudy.FILES);
            }
            pw.flush(); // print() does not trigger the writer's auto-flush
            return Bitline.EXIT_OK;
        }
    }

    /** picocli mixin carrying {@link ConfigOptions}. */
    static final class ConfigOptionsMixin {
        @Option(names = "--config", required = true, description = "LUT tensor core config, e.g. configs/lut/lut-tensor-core.yaml")
        Path config;

        @Option(names = "--set", description = "Override a config key, e.g. --set array.tiles=8 (repeatable).")
        List<String> overrides = new ArrayList<>();

        ConfigLoader loader() {
            if (!Files.isRegularFile(config)) {
                throw new UsageError("config file not found: " + config);
            }
            return ConfigLoader.forFile(config);
        }

        LutTensorCoreConfig load(ConfigLoader loader) {
            return loader.load(config, LutTensorCoreConfig.class, overrides);
        }
    }
}
