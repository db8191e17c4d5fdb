package dev.bitline.cli;

import dev.bitline.lut.cycle.CycleReport;
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
            if (wf.planes() > c.array().maxWeightBits()) {
                throw new UsageError("lut gemm: " + wf.name() + " has " + wf.planes() + " bit-planes, the array handles at most "
                        + c.array().maxWeightBits() + " (array.maxWeightBits)");
            }
            if (groupSize % c.array().tile().k() != 0) {
                throw new UsageError("lut gemm: --group-size " + groupSize + " must be a multiple of the tile k=" + c.array().tile().k());
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            Activations a = Activations.random(af, m, k, rnd);
            PackedWeights w = PackedWeights.random(wf, n, k, groupSize, rnd);
            LutGemmRun.Outcome o;
            LutMemory memory = LutMemory.of(c, loader.configsRoot());
            spec.commandLine().getOut().printf("memory: %s%n", memory.description());
            try {
                o = LutGemmRun.run(memory.params(), a, w, c.lutConfig(), memory.portFactory());
            } catch (IllegalArgumentException e) {
                throw new UsageError("lut gemm: " + e.getMessage());
            }
            print(spec.commandLine().getOut(), c, wf, af, o);
            printEnergy(spec.commandLine().getOut(), loader, c, wf, af, o.report());
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

        /** Prints the run's array energy ({@link RunEnergy}: LUT arrays only, dynamic). */
        private void printEnergy(PrintWriter out, ConfigLoader loader, LutTensorCoreConfig c, WeightFormat wf,
                ActivationFormat af, CycleReport r) {
            if (af == ActivationFormat.FP32) {
                return; // the PPA model has no fp32-activation datapath
            }
            CostModel cost = new CostModel(Ppa.loadTech(loader, c));
            RunEnergy e = RunEnergy.of(c.lutDesign(), wf.planes(), dev.bitline.lut.ppa.ActKind.parse(af.name()), cost,
                    c.array().clock().hz(), r, m, n, k);
            out.printf("  array energy  %.3f uJ (%s; compute %.1f pJ/cycle, idle %.1f pJ/cycle per tile), %.2f TOPS/W on this run%n",
                    e.picojoules() * 1e-6, cost.table().name(), e.activePjPerCycle(), e.idlePjPerCycle(), e.topsPerWatt());
        }

        private void print(PrintWriter out, LutTensorCoreConfig c, WeightFormat wf, ActivationFormat af, LutGemmRun.Outcome o) {
            CycleReport r = o.report();
            out.printf("%s%n", c.name());
            out.printf("GEMM %d x %d x %d, weights %s (%d planes), activations %s, %d tile(s) of M%d N%d K%d, precompute %s%n",
                    m, n, k, wf.name(), wf.planes(), af.name().toLowerCase(), r.tiles(), c.array().tile().m(),
                    c.array().tile().n(), c.array().tile().k(), c.precompute().fused() ? "fused" : "unfused");
            out.printf("  cycles        %,d%n", r.cycles());
            out.printf("  time          %.3f us at %.3f GHz%n", r.seconds() * 1e6, r.clockHz() / 1e9);
            out.printf("  utilization   %.2f%% (useful lookups %,d / peak %,d)%n", 100 * r.utilization(), r.usefulLookups(), r.peakLookups());
            out.printf("  bound         %s%n", r.bound());
            out.printf("  tile-cycles   compute %.2f%%, weight stall (memory) %.2f%%, table stall %.2f%%, precompute phase %.2f%%, idle %.2f%%%n",
                    100 * r.computeFraction(), 100 * r.weightStallFraction(), 100 * r.tableStallFraction(),
                    100 * r.precomputeFraction(), 100 * r.idleFraction());
            out.printf("  precompute    %,d cycles on the critical path%n", r.precomputeCycles());
            // a DRAM-backed port has no single busy signal: report delivered bandwidth instead
            String port = r.portUtilization() > 0 || c.memory().dram().isEmpty()
                    ? String.format("port busy %.2f%% of cycles", 100 * r.portUtilization())
                    : String.format("delivered %.1f GB/s", r.bytesRead() / r.seconds() / 1e9);
            out.printf("  memory        %,d bytes, %s; tables %s, weights %s%n", r.bytesRead(),
                    port, r.tablesResident() ? "resident" : "re-made per visit (" + r.tableProductions() + ")",
                    r.weightsResident() ? "fetched once, reused across row blocks"
                            : m <= c.array().tile().m() ? "fetched once (one row block)" : "re-streamed per row block");
            out.printf("  events        %,d%n", r.events());
            out.printf("  output        %s (max |LUT - reference| = %s)%n",
                    o.verified() ? (o.exactRequired() ? "equals the dequantize-then-GEMM reference bit for bit"
                            : "within the functional model's error bound of the reference") : "MISMATCH",
                    o.maxAbsDiff());
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
            TechTable tech = loadTech(loader, c);
            PpaStudy.Result r;
            try {
                r = PpaStudy.run(c.lutDesign(), c.macDesign(), new CostModel(tech), c.array().clock().hz(), c.bufferSizes());
            } catch (IllegalArgumentException e) {
                throw new UsageError("lut ppa: " + e.getMessage());
            }
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(PpaStudy.format(r, c.name()));
            if (out != null) {
                try {
                    Files.createDirectories(out);
                } catch (java.io.IOException e) {
                    throw new UsageError("lut ppa: cannot create " + out + ": " + e.getMessage());
                }
                AtomicFiles.write(out.resolve("lut-vs-mac.csv"), PpaStudy.gridCsv(r));
                AtomicFiles.write(out.resolve("ablation.csv"), PpaStudy.ablationCsv(r));
                AtomicFiles.write(out.resolve("parts.csv"), PpaStudy.partsCsv(r));
                LutPlots.writeRatios(out.resolve("lut-vs-mac.png"), r);
                LutPlots.writeAblation(out.resolve("ablation.png"), r);
                pw.printf("%nwrote %s/{lut-vs-mac.csv, ablation.csv, parts.csv, lut-vs-mac.png, ablation.png}%n", out);
            }
            pw.flush(); // print() does not trigger the writer's auto-flush
            return Bitline.EXIT_OK;
        }

        static TechTable loadTech(ConfigLoader loader, LutTensorCoreConfig c) {
            if (loader.configsRoot() == null) {
                throw new UsageError("lut ppa: no configs/ directory found above the config file to resolve ppa.tech");
            }
            String name = c.ppa().tech();
            Path p = loader.configsRoot().resolve(name.endsWith(".yaml") ? name : name + ".yaml");
            if (!Files.isRegularFile(p)) {
                throw new UsageError("lut ppa: ppa.tech '" + name + "' not found (looked for " + p + ")");
            }
            return loader.load(p, TechTable.class, List.of());
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
            return ConfigLoader.near(config);
        }

        LutTensorCoreConfig load(ConfigLoader loader) {
            return loader.load(config, LutTensorCoreConfig.class, overrides);
        }
    }
}
