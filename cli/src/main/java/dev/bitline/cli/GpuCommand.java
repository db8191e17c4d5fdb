package dev.bitline.cli;

import dev.bitline.gpu.bench.GpuBench;
import dev.bitline.gpu.cuda.CudaBinary;
import dev.bitline.gpu.cuda.CudaBuild;
import dev.bitline.gpu.cuda.CudaEnvironment;
import dev.bitline.gpu.cuda.Toolchain;
import dev.bitline.gpu.npy.Npy;
import dev.bitline.gpu.npy.NpyArray;
import dev.bitline.gpu.op.GpuCheck;
import dev.bitline.gpu.op.GpuOps;
import dev.bitline.gpu.op.OpSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline gpu}: the CUDA reference path. {@code check} runs one kernel against the Java
 * golden, {@code bench} the whole suite into results/gpu/. Exit 3 when there is no GPU or no
 * CUDA toolkit to build with (a normal state, one line, nothing written).
 */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = {"CUDA reference kernels: check against the Java golden, benchmark, model.",
            "Exit status: 0 ok, 1 a kernel disagrees with the golden (or an internal error), 2 bad input,",
            "3 no GPU / no CUDA toolkit on this machine."},
        subcommands = {GpuCommand.Check.class, GpuCommand.Bench.class, GpuModelCommand.class, GpuCommand.Inspect.class})
public final class GpuCommand implements Runnable {
    /** No GPU or no CUDA toolkit: nothing could run. */
    public static final int EXIT_NO_GPU = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Flags every GPU run shares: where the binary comes from and how it is timed. */
    static final class RunOptions {
        @Option(names = "--warmup", defaultValue = "10", description = "Untimed runs first (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iters", defaultValue = "50", description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
        int iters;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated inputs (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--arch", defaultValue = "auto",
                description = "CUDA architecture to build for, e.g. 80, 90 (default ${DEFAULT-VALUE}: the GPU's, else "
                        + CudaBuild.DEFAULT_ARCH + ").")
        String arch;

        @Option(names = "--binary", paramLabel = "PATH", description = "Use this bitline-cuda instead of building one.")
        Path binary;

        void validate() {
            if (warmup < 0) {
                throw new UsageError("--warmup must be >= 0, got " + warmup);
            }
            if (iters < 1) {
                throw new UsageError("--iters must be >= 1, got " + iters);
            }
            if (!arch.equals("auto") && !arch.matches("[0-9]{2,3}[a-z]?")) {
                throw new UsageError("--arch '" + arch + "' (expected auto or a compute capability like 80, 90)");
            }
        }

        /** The binary and its device, or null after printing why there is none. */
        CudaBinary binary(PrintWriter err) {
            try {
                CudaBinary bin = CudaEnvironment.standard().binary(binary, arch, err::println);
                bin.info();
                return bin;
            } catch (CudaEnvironment.Unavailable e) {
                err.println("bitline gpu: " + e.getMessage() + "; nothing was run");
            } catch (CudaBinary.RunFailure e) {
                if (!e.noDevice()) {
                    throw e;
                }
                err.println("bitline gpu: " + e.getMessage() + "; nothing was run");
            } catch (IllegalArgumentException e) {
                throw new UsageError(e.getMessage());
            }
            return null;
        }
    }

    static OpSpec spec(String op, int m, int n, int k, int bits, int abits, int group, int rank) {
        try {
            return OpSpec.parse(op, m, n, k, bits, abits, group, rank);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("bitline-gpu-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }


    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Generate inputs, run one bitline-cuda kernel, compare with the Java golden (bit-exact",
                "for integer and LUT paths, the fp32 summation-order bound for fp16 paths), print time,",
                "effective bandwidth and % of the GPU's peak. Ops: " + "fp16-gemv, fp16-gemm, cublas-gemm,",
                "w1a16-gemv..w8a16-gemv, lut-gemv, ternary-gemv, bipolar-gemm, lowrank-2stage, lowrank-fused."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--op", required = true, description = "Kernel to run (see above).")
        String op;

        @Option(names = "--m", defaultValue = "1", description = "Rows of A (default ${DEFAULT-VALUE}).")
        int m;

        @Option(names = "--n", defaultValue = "4096", description = "Output channels (default ${DEFAULT-VALUE}).")
        int n;

        @Option(names = "--k", defaultValue = "4096", description = "Reduction length (default ${DEFAULT-VALUE}).")
        int k;

        @Option(names = "--bits", defaultValue = "4", description = "Weight bits of lut-gemv and bipolar-gemm (default ${DEFAULT-VALUE}).")
        int bits;

        @Option(names = "--abits", defaultValue = "4", description = "Activation bits of bipolar-gemm (default ${DEFAULT-VALUE}).")
        int abits;

        @Option(names = "--group", defaultValue = "128", description = "Quantization group along K (default ${DEFAULT-VALUE}).")
        int group;

        @Option(names = "--rank", defaultValue = "256", description = "Rank of the low-rank ops (default ${DEFAULT-VALUE}).")
        int rank;

        @Option(names = "--keep", paramLabel = "DIR", description = "Keep inputs, golden.npy, out.npy and timing.json in DIR.")
        Path keep;

        @picocli.CommandLine.ArgGroup(exclusive = false)
        RunOptions run = new RunOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            OpSpec s = spec(op, m, n, k, bits, abits, group, rank);
            run.validate();
            CudaBinary bin = run.binary(err);
            if (bin == null) {
                return EXIT_NO_GPU;
            }
            err.println("generating inputs and the golden output for " + s.label() + "...");
            GpuOps.Prepared p = GpuOps.prepare(s, run.seed);
            Path dir = keep != null ? keep : tempDir();
            try {
                GpuCheck.Report r = GpuCheck.run(bin, p, dir, run.warmup, run.iters);
                CudaBinary.Timing t = r.timing();
                out.println(s.label() + " on " + t.device().gpu() + " (measured)");
                out.println("  kernel     " + t.kernel());
                out.printf(Locale.ROOT, "  time       %.4f ms median of %d after %d warm-up (min %.4f, max %.4f)%n",
                        t.medianMs(), t.iters(), t.warmup(), t.minMs(), t.maxMs());
                out.printf(Locale.ROOT, "  bandwidth  %.1f GB/s effective (%d bytes), %.1f%% of %.0f GB/s peak%n",
                        r.effectiveGBs(), r.bytes(), r.percentOfPeak(), t.device().peakBandwidthGBs());
                out.printf(Locale.ROOT, "  compute    %.3f TOP/s%n", r.tops());
                out.println("  check      " + (r.comparison().pass() ? "PASS " : "FAIL ") + r.comparison().detail());
                return r.comparison().pass() ? Bitline.EXIT_OK : Bitline.EXIT_INTERNAL;
            } catch (CudaBinary.RunFailure f) {
                err.println("bitline gpu check: " + f.getMessage());
                return f.exitCode() == 2 ? Bitline.EXIT_BAD_INPUT : Bitline.EXIT_INTERNAL;
            } finally {
                if (keep == null) {
                    dev.bitline.sim.io.FileTrees.deleteQuietly(dir);
                }
            }
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Run the whole kernel suite (GEMV at 4096 and 8192 square, bipolar-INT at M = 16, fp16",
                "GEMM), each checked against the golden, and write results/gpu/<gpu>/: results.csv,",
                "bandwidth.png, README.md with the command and versions. Low-bit kernels are reported as",
                "speedups over the dequantize kernel of the same width and shape, measured in the same run."})
    static final class Bench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--quick", description = "512-square shapes only (a smoke run).")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/gpu",
                description = "Results root; a folder per GPU is written inside (default ${DEFAULT-VALUE}).")
        Path outRoot;

        @picocli.CommandLine.ArgGroup(exclusive = false)
        RunOptions run = new RunOptions();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            run.validate();
            CudaBinary bin = run.binary(err);
            if (bin == null) {
                return EXIT_NO_GPU;
            }
            List<OpSpec> suite = GpuBench.suite(quick);
            Path work = tempDir();
            try {
                List<GpuBench.Row> rows = GpuBench.run(bin, suite, work, run.warmup, run.iters, run.seed, err::println);
                String cmd = "./bitline gpu bench" + (quick ? " --quick" : "") + " --warmup " + run.warmup + " --iters "
                        + run.iters + " --seed " + run.seed;
                String nvcc = Toolchain.detect().toolchain().map(Toolchain::nvccVersion).orElse("unknown");
                Path dir = GpuBench.write(rows, bin.info(), cmd, nvcc, outRoot);
                long failed = rows.stream().filter(r -> !r.report().comparison().pass()).count();
                out.println("wrote " + dir.resolve("results.csv") + ", bandwidth.png, README.md (" + rows.size()
                        + " kernels, " + failed + " failed the golden check)");
                return failed == 0 ? Bitline.EXIT_OK : Bitline.EXIT_INTERNAL;
            } finally {
                dev.bitline.sim.io.FileTrees.deleteQuietly(work);
            }
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {"Print dtype, shape and value range of .npy files (inputs, golden.npy, out.npy of a",
                "--keep folder). A malformed file is one line naming it and the problem, exit 2."})
    static final class Inspect implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = ".npy files")
        List<Path> files;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Path f : files) {
                NpyArray a = Npy.read(f);
                double[] v = a.asDoubles();
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (double x : v) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    sum += x;
                }
                out.printf(Locale.ROOT, "%s: %s %s, %d elements%s%n", f, a.type().descr(), java.util.Arrays.toString(a.shape()),
                        v.length, v.length == 0 ? "" : String.format(Locale.ROOT, ", min %.6g, max %.6g, mean %.6g",
                                min, max, sum / v.length));
            }
            return Bitline.EXIT_OK;
        }
    }
}
