package dev.bitline.cli;

import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.kernel.KernelComparison;
import dev.bitline.sim.perf.HoldWorkload;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bitline bench}: quick speed checks that print a ratio against a
 * baseline measured in the same run. JMH (bench/) gives the careful numbers;
 * this gives a user an answer in seconds on their own machine.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure simulator speed against a baseline run in the same process.",
            "Without a subcommand: the event-kernel benchmark (same as 'bench kernel')."},
        subcommands = {BenchCommand.Kernel.class, BenchDramCommand.class, BenchCommand.Lut.class, BenchSweepCommand.class,
            BenchPimCommand.class, BenchRtlCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new Kernel().runWith(spec.commandLine().getOut(), 1_000_000, 5_000_000, 3);
    }

    @Command(name = "kernel", mixinStandardHelpOptions = true,
            description = {
                "Event queue 'hold' benchmark: N pending events; each dispatch schedules one new event,",
                "80% within 1 ns and 20% within 1 ms. Bitline's kernel vs a PriorityQueue<Event> kernel."})
    static final class Kernel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--pending", defaultValue = "1000000", description = "Events kept pending (default ${DEFAULT-VALUE}).")
        int pending;

        @Option(names = "--events", defaultValue = "5000000", description = "Events dispatched per timed round (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds; the best of each kernel is reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            return runWith(spec.commandLine().getOut(), pending, events, rounds);
        }

        int runWith(PrintWriter out, int pending, long events, int rounds) {
            if (pending <= 0 || events <= 0 || rounds <= 0) {
                throw new UsageError("bench kernel: --pending, --events and --rounds must be positive");
            }
            out.printf("kernel hold benchmark: %,d pending, %,d events/round, best of %d rounds%n",
                    pending, events, rounds);
            HoldWorkload.Result r = HoldWorkload.standard(pending).compare(events, events / 2, rounds);
            out.printf("  %-28s %,15.0f events/s%n", "bitline EventQueue", r.bitlineEventsPerSecond());
            out.printf("  %-28s %,15.0f events/s%n", "PriorityQueue<Event> baseline", r.baselineEventsPerSecond());
            out.printf("  ratio                        %15.2fx%n", r.ratio());
            return Bitline.EXIT_OK;
        }
    }

    @Command(name = "lut", mixinStandardHelpOptions = true,
            description = {
                "LUT mpGEMV CPU kernels vs dequantize-then-multiply baselines, int8 activations, same weights,",
                "outputs checked identical first: the SIMD LUT kernel (Vector API byte permutes) and a",
                "vectorised dequantize baseline (when the JVM has jdk.incubator.vector: the bitline launcher",
                "adds it for this command only), the scalar g=8 LUT fallback and the scalar dequantize kernel.",
                "Single-thread rounds are interleaved and timed with thread CPU time; a STREAM-like triad in",
                "the same process gives the memory bandwidth; then multi-threaded GEMV/GEMM wall times."})
    static final class Lut implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--weights", defaultValue = "ternary,int2,int4", split = ",",
                description = "Weight formats (default ${DEFAULT-VALUE}): uint1..8, int1..8, ternary, bipolar1..8.")
        java.util.List<String> weights;

        @Option(names = "--shapes", defaultValue = "4096x4096,11008x4096", split = ",",
                description = "GEMV shapes NxK, N weight rows (outputs) by K (default ${DEFAULT-VALUE}).")
        java.util.List<String> shapes;

        @Option(names = "--size", description = "Shorthand for --shapes SIZExSIZE.")
        Integer size;

        @Option(names = "--group", defaultValue = "128", description = "Quantization group size, a multiple of 8 (default ${DEFAULT-VALUE}).")
        int group;

        @Option(names = "--rounds", defaultValue = "11", description = "Timed rounds; medians are reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--threads", defaultValue = "1,2", split = ",",
                description = "Thread counts for the scaling table, empty for none (default ${DEFAULT-VALUE}).")
        java.util.List<Integer> threads;

        @Option(names = "--batch", defaultValue = "1,8", split = ",",
                description = "Activation rows per call (1 = GEMV) for the scaling table (default ${DEFAULT-VALUE}).")
        java.util.List<Integer> batch;

        @Override
        public Integer call() {
            if (rounds <= 0 || group <= 0 || group % 8 != 0) {
                throw new UsageError("bench lut: --rounds must be positive, --group a positive multiple of 8");
            }
            if (threads.stream().anyMatch(t -> t < 1) || batch.stream().anyMatch(m -> m < 1)) {
                throw new UsageError("bench lut: --threads and --batch need positive integers");
            }
            java.util.List<WeightFormat> formats = new java.util.ArrayList<>();
            for (String w : weights) {
                try {
                    formats.add(WeightFormat.parse(w));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("bench lut: --weights: " + e.getMessage());
                }
            }
            java.util.List<int[]> dims = new java.util.ArrayList<>();
            if (size != null) {
                if (size <= 0) {
                    throw new UsageError("bench lut: --size must be positive, got " + size);
                }
                dims.add(new int[] {size, size});
            } else {
                for (String sh : shapes) {
                    String[] p = sh.trim().toLowerCase(java.util.Locale.ROOT).split("x");
                    try {
                        int n = Integer.parseInt(p[0]);
                        int k = Integer.parseInt(p[1]);
                        if (p.length != 2 || n <= 0 || k <= 0) {
                            throw new NumberFormatException();
                        }
                        dims.add(new int[] {n, k});
                    } catch (RuntimeException e) {
                        throw new UsageError("bench lut: --shapes: expected NxK with positive N and K, got '" + sh + "'");
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("LUT GEMV benchmark: int8 activations, group %d, one thread, median [min-max] of %d interleaved rounds%n",
                    group, rounds);
            boolean cpu = true;
            String note = null;
            double maxWeightBytes = 0;
            java.util.List<KernelComparison.Result> results = new java.util.ArrayList<>();
            for (int[] d : dims) {
                for (WeightFormat f : formats) {
                    KernelComparison.Result r = KernelComparison.run(f, d[0], d[1], group, 10, rounds, 2024);
                    results.add(r);
                    cpu &= r.cpuTime();
                    note = r.vectorNote();
                    out.printf("  %-8s %5dx%-5d %-15s %9s %24s %9s %14s%n", f.name(), d[0], d[1], "kernel", "ms",
                            "", "GB/s", "vs best deq.");
                    for (KernelComparison.Variant v : r.variants()) {
                        maxWeightBytes = Math.max(maxWeightBytes, v.weightBytes());
                        out.printf("  %-8s %11s %-15s %9.3f [%8.3f - %8.3f] %9.1f %13.2fx%n", "", "", v.name(),
                                v.medianNanos() / 1e6, v.minNanos() / 1e6, v.maxNanos() / 1e6, v.weightGBs(),
                                v.vsBestDequant());
                    }
                    out.flush();
                }
            }
            if (note != null) {
                out.println("  " + note);
            }
            double dram = KernelComparison.triadGBs(32L << 20, 5);
            double cached = KernelComparison.triadGBs((long) (maxWeightBytes / 3), 5);
            out.printf("  triad a = b + s c, one thread: %.1f GB/s with 3 x 32 MiB arrays (beyond the last-level cache),"
                    + " %.1f GB/s with 3 x %.2f MiB (the largest weight set above)%n", dram, cached,
                    maxWeightBytes / 3 / (1 << 20));
            for (KernelComparison.Result r : results) {
                KernelComparison.Variant v = r.variant(KernelComparison.LUT_VECTOR);
                if (v == null) {
                    v = r.variant(KernelComparison.LUT_SCALAR);
                }
                out.printf("  %-8s %5dx%-5d %s reads weights at %.1f GB/s = %.2f x the DRAM triad%n", r.format().name(),
                        r.n(), r.k(), v.name(), v.weightGBs(), v.weightGBs() / dram);
            }
            out.printf("  (times are %s; 'vs best deq.' = median over rounds of best dequantize time / kernel time)%n",
                    cpu ? "thread CPU time" : "wall time");
            if (!threads.isEmpty() && !formats.isEmpty()) {
                int[] t = threads.stream().mapToInt(Integer::intValue).toArray();
                int[] m = batch.stream().mapToInt(Integer::intValue).toArray();
                WeightFormat f = formats.contains(WeightFormat.sint(2)) ? WeightFormat.sint(2) : formats.get(0);
                int[] d = dims.get(0);
                out.printf("threads x batch, %s %dx%d, wall time, median of %d rounds (%d cores available):%n",
                        f.name(), d[0], d[1], rounds, Runtime.getRuntime().availableProcessors());
                out.printf("  %7s %5s %12s %12s %9s%n", "threads", "batch", "ms/call", "ms/row", "speedup");
                for (KernelComparison.ScalingPoint p : KernelComparison.scaling(f, d[0], d[1], group, t, m, rounds, 2024)) {
                    out.printf("  %7d %5d %12.3f %12.3f %8.2fx%n", p.threads(), p.m(), p.nanosPerCall() / 1e6,
                            p.nanosPerCall() / 1e6 / p.m(), p.speedup());
                }
            }
            return Bitline.EXIT_OK;
        }
    }
}
