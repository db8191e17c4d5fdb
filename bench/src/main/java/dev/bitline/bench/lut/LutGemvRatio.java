package dev.bitline.bench.lut;

import dev.bitline.lut.format.PackedWeights;
import dev.bitline.lut.format.WeightFormat;
import dev.bitline.lut.kernel.BaselineKernel;
import dev.bitline.lut.kernel.LutKernel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Companion to {@link LutGemvBench} for a shared, oversubscribed machine: runs the same
 * kernels interleaved round by round (so every variant sees the same load) and measures
 * thread CPU time per call rather than wall time, then prints medians and the median of the
 * per-round speedups over the fused baseline. Not a replacement for JMH (no forks, no
 * blackhole); a cross-check whose ratios stay stable when wall-clock numbers do not.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar dev.bitline.bench.lut.LutGemvRatio [rounds]}
 */
public final class LutGemvRatio {
    private LutGemvRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int size = 4096;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "GEMV %dx%d int8 activations, group 128, single thread, %d rounds, thread CPU time%n",
                size, size, rounds);
        System.out.printf(Locale.ROOT, "%-8s %14s %14s %14s %14s %9s %9s %9s%n", "weights", "base-fused us",
                "base-unpack us", "lut-g4 us", "lut-g8 us", "g4/fused", "g8/fused", "g8/unpack");
        for (String fmt : new String[] {"ternary", "int2", "int4"}) {
            SplittableRandom rnd = new SplittableRandom(2024);
            PackedWeights w = PackedWeights.random(WeightFormat.parse(fmt), size, size, 128, rnd);
            byte[] act = new byte[size];
            for (int i = 0; i < size; i++) {
                act[i] = (byte) rnd.nextInt(256);
            }
            BaselineKernel base = BaselineKernel.prepare(w);
            BaselineKernel.Scratch bs = base.newScratch();
            LutKernel l4 = LutKernel.prepare(w, 4);
            LutKernel.Scratch s4 = l4.newScratch();
            LutKernel l8 = LutKernel.prepare(w, 8);
            LutKernel.Scratch s8 = l8.newScratch();
            double[][] outs = new double[4][size];
            Runnable[] variants = {
                () -> base.gemv(act, 0, outs[0], 0, bs),
                () -> base.gemvUnpackRow(act, 0, outs[1], 0, bs),
                () -> l4.gemv(act, 0, outs[2], 0, s4),
                () -> l8.gemv(act, 0, outs[3], 0, s8),
            };
            for (int warm = 0; warm < 30; warm++) {
                for (Runnable r : variants) {
                    r.run();
                }
            }
            for (int v = 1; v < 4; v++) {
                if (!Arrays.equals(outs[0], outs[v])) {
                    throw new IllegalStateException("variant " + v + " differs from the baseline");
                }
            }
            long[][] t = new long[4][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < 4; i++) {
                    int v = (i + r) % 4; // rotate the order so no variant always runs first
                    long c0 = mx.getCurrentThreadCpuTime();
                    variants[v].run();
                    t[v][r] = mx.getCurrentThreadCpuTime() - c0;
                }
            }
            double[] r4 = new double[rounds];
            double[] r8 = new double[rounds];
            double[] r8u = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                r4[r] = (double) t[0][r] / t[2][r];
                r8[r] = (double) t[0][r] / t[3][r];
                r8u[r] = (double) t[1][r] / t[3][r];
            }
            System.out.printf(Locale.ROOT, "%-8s %14.0f %14.0f %14.0f %14.0f %8.2fx %8.2fx %8.2fx%n", fmt,
                    median(t[0]) / 1e3, median(t[1]) / 1e3, median(t[2]) / 1e3, median(t[3]) / 1e3,
                    median(r4), median(r8), median(r8u));
        }
    }

    private static double median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }
}
