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
            BenchPimCommand.class})
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
                "LUT mpGEMV CPU kernel (g=4 and g=8 tables) vs a dequantize-then-multiply baseline,",
                "int8 activations, one thread, same weights; outputs checked identical first.",
                "Rounds are interleaved and timed with thread CPU time (robust on a busy machine)."})
    static final class Lut implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--weights", defaultValue = "ternary,int2,int4", split = ",",
                description = "Weight formats (default ${DEFAULT-VALUE}): uint1..8, int1..8, ternary, bipolar1..8.")
        java.util.List<String> weights;

        @Option(names = "--size", defaultValue = "4096", description = "N = K of the GEMV (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--group", defaultValue = "128", description = "Quantization group size, a multiple of 8 (default ${DEFAULT-VALUE}).")
        int group;

        @Option(names = "--rounds", defaultValue = "11", description = "Timed rounds; medians are reported (default ${DEFAULT-VALUE}).")
        int rounds;

        @Override
        public Integer call() {
            if (size <= 0 || rounds <= 0 || group <= 0 || group % 8 != 0) {
                throw new UsageError("bench lut: --size and --rounds must be positive, --group a positive multiple of 8");
            }
            java.util.List<WeightFormat> formats = new java.util.ArrayList<>();
            for (String w : weights) {
                try {
                    formats.add(WeightFormat.parse(w));
                } catch (IllegalArgumentException e) {
                    throw new UsageError("bench lut: --weights: " + e.getMessage());
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("LUT GEMV benchmark: %dx%d, int8 activations, group %d, median of %d rounds%n",
                    size, size, group, rounds);
            out.printf("  %-9s %12s %12s %12s %12s %9s %9s%n", "weights", "base-fused", "base-unpack",
                    "lut-g4", "lut-g8", "g4 ratio", "g8 ratio");
            boolean cpu = true;
            for (WeightFormat f : formats) {
                KernelComparison.Result r = KernelComparison.run(f, size, size, group, 10, rounds, 2024);
                double[] m = r.medianNanos();
                cpu &= r.cpuTime();
                out.printf("  %-9s %10.2fms %10.2fms %10.2fms %10.2fms %8.2fx %8.2fx%n", f.name(),
                        m[0] / 1e6, m[1] / 1e6, m[2] / 1e6, m[3] / 1e6, r.speedup()[2], r.speedup()[3]);
                out.flush();
            }
            out.printf("  (times are %s; ratio = baseline-fused / lut, median over rounds)%n",
                    cpu ? "thread CPU time" : "wall time");
            return Bitline.EXIT_OK;
        }
    }
}
