package dev.bitline.bench.lut;

import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.kernel.KernelComparison;
import java.util.Locale;

/**
 * Companion to {@link LutGemvBench} for a shared, oversubscribed machine: the same kernels
 * interleaved round by round, timed with thread CPU time, medians and the median per-round
 * speedup over the fused baseline ({@link KernelComparison}). A cross-check whose ratios stay
 * stable when wall-clock JMH numbers do not; not a replacement for JMH.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.bitline.bench.lut.LutGemvRatio [rounds]}
 */
public final class LutGemvRatio {
    private LutGemvRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int size = 4096;
        System.out.printf(Locale.ROOT, "GEMV %dx%d int8 activations, group 128, single thread, %d rounds%n",
                size, size, rounds);
        System.out.printf(Locale.ROOT, "%-8s %14s %14s %14s %14s %9s %9s%n", "weights", "base-fused us",
                "base-unpack us", "lut-g4 us", "lut-g8 us", "g4 speedup", "g8 speedup");
        for (String fmt : new String[] {"ternary", "int2", "int4"}) {
            KernelComparison.Result r = KernelComparison.run(WeightFormat.parse(fmt), size, size, 128, 30, rounds, 2024);
            double[] m = r.medianNanos();
            System.out.printf(Locale.ROOT, "%-8s %14.0f %14.0f %14.0f %14.0f %8.2fx %8.2fx%n", fmt,
                    m[0] / 1e3, m[1] / 1e3, m[2] / 1e3, m[3] / 1e3, r.speedup()[2], r.speedup()[3]);
        }
    }
}
