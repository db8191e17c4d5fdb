package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Runs the LUT kernel (g = 4 and g = 8) and both dequantizing baselines on the same GEMV,
 * interleaved round by round so that every variant sees the same machine load, timing each
 * call with thread CPU time (wall time where the JVM has no thread CPU clock). Outputs are
 * checked identical before timing. Used by {@code bitline bench lut} and the bench module's
 * LutGemvRatio; JMH (LutGemvBench) gives the careful wall-clock numbers.
 */
public final class KernelComparison {
    /** Variants, in column order. */
    public static final String[] VARIANTS = {"baseline-fused", "baseline-unpack-row", "lut-g4", "lut-g8"};

    /**
     * @param format       weight format measured
     * @param n            weight rows (outputs)
     * @param k            reduction length
     * @param medianNanos  per variant (order of {@link #VARIANTS}), median time per GEMV
     * @param speedup      per variant, median over rounds of (baseline-fused time / variant time)
     * @param cpuTime      true when thread CPU time was used
     */
    public record Result(WeightFormat format, int n, int k, double[] medianNanos, double[] speedup, boolean cpuTime) {}

    private KernelComparison() {}

    public static Result run(WeightFormat format, int n, int k, int groupSize, int warmup, int rounds, long seed) {
        if (n < 1 || k < 1 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("need n, k, rounds >= 1 and warmup >= 0");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        PackedWeights w = PackedWeights.random(format, n, k, groupSize, rnd);
        byte[] act = new byte[k];
        for (int i = 0; i < k; i++) {
            act[i] = (byte) rnd.nextInt(256);
        }
        BaselineKernel base = BaselineKernel.prepare(w);
        BaselineKernel.Scratch bs = base.newScratch();
        LutKernel l4 = LutKernel.prepare(w, 4);
        LutKernel.Scratch s4 = l4.newScratch();
        LutKernel l8 = LutKernel.prepare(w, 8);
        LutKernel.Scratch s8 = l8.newScratch();
        double[][] outs = new double[4][n];
        Runnable[] variants = {
            () -> base.gemv(act, 0, outs[0], 0, bs),
            () -> base.gemvUnpackRow(act, 0, outs[1], 0, bs),
            () -> l4.gemv(act, 0, outs[2], 0, s4),
            () -> l8.gemv(act, 0, outs[3], 0, s8),
        };
        for (Runnable r : variants) {
            r.run();
        }
        for (int v = 1; v < variants.length; v++) {
            if (!Arrays.equals(outs[0], outs[v])) {
                throw new IllegalStateException(VARIANTS[v] + " output differs from " + VARIANTS[0]);
            }
        }
        for (int i = 0; i < warmup; i++) {
            for (Runnable r : variants) {
                r.run();
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isCurrentThreadCpuTimeSupported();
        long[][] t = new long[variants.length][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < variants.length; i++) {
                int v = (i + r) % variants.length; // rotate so no variant always runs first
                long c0 = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                variants[v].run();
                t[v][r] = (cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - c0;
            }
        }
        double[] med = new double[variants.length];
        double[] speed = new double[variants.length];
        for (int v = 0; v < variants.length; v++) {
            double[] times = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                times[r] = t[v][r];
                ratio[r] = (double) t[0][r] / Math.max(1, t[v][r]);
            }
            med[v] = median(times);
            speed[v] = median(ratio);
        }
        return new Result(format, n, k, med, speed, cpu);
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }
}
