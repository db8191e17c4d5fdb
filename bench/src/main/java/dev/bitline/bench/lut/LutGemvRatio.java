package dev.bitline.bench.lut;

import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.kernel.KernelComparison;
import java.util.Locale;

/**
 * Companion to {@link LutGemvBench} for a shared, oversubscribed machine: the same kernels
 * interleaved round by round, timed with thread CPU time, medians and the median per-round
 * speedup over the best dequantize baseline ({@link KernelComparison}). A cross-check whose ratios stay
 * stable when wall-clock JMH numbers do not; not a replacement for JMH.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.bitline.bench.lut.LutGemvRatio [rounds]}
 */
public final class LutGemvRatio {
    private LutGemvRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        for (int n : new int[] {4096, 11008}) {
            System.out.printf(Locale.ROOT, "GEMV %dx4096 int8 activations, group 128, single thread, %d rounds, ms%n",
                    n, rounds);
            for (String fmt : new String[] {"ternary", "int2", "int4"}) {
                KernelComparison.Result r = KernelComparison.run(WeightFormat.parse(fmt), n, 4096, 128, 30, rounds, 2024);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s", fmt));
                for (KernelComparison.Variant v : r.variants()) {
                    line.append(String.format(Locale.ROOT, "  %s %.3f (%.2fx)", v.name(), v.medianNanos() / 1e6,
                            v.vsBestDequant()));
                }
                System.out.println(line);
            }
        }
    }
}
