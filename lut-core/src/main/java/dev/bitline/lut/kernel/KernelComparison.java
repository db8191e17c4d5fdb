package dev.bitline.lut.kernel;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Runs the GEMV kernels on the same weights, interleaved round by round in rotating order so
 * every variant sees the same machine load, timing each call with thread CPU time (wall time
 * where the JVM has no thread CPU clock). Outputs are checked identical before timing. Variants:
 * the scalar dequantize baseline ({@link BaselineKernel}), the scalar g = 8 LUT kernel
 * ({@link LutKernel}, the fallback) and, when the Vector API module is loaded, the vectorised
 * dequantize baseline ({@code VectorDequantKernel}) and the SIMD LUT kernel
 * ({@code VectorLutKernel}). Also measures a STREAM-like triad in the same process (see
 * {@link #triad}) and, in {@link #scaling}, multi-threaded GEMV/GEMM. Used by
 * {@code bitline bench lut} and the bench module's LutGemvRatio; JMH (LutGemvBench) gives the
 * wall-clock numbers.
 */
public final class KernelComparison {
    public static final String DEQUANT_SCALAR = "dequant-scalar";
    public static final String LUT_SCALAR = "lut-scalar-g8";
    public static final String DEQUANT_VECTOR = "dequant-vector";
    public static final String LUT_VECTOR = "lut-vector";

    /**
     * One kernel's timings.
     *
     * @param name         variant name
     * @param medianNanos  median time per GEMV
     * @param minNanos     fastest round
     * @param maxNanos     slowest round
     * @param weightBytes  bytes of weight data (index planes or codes, scales, offsets) one GEMV reads
     * @param vsBestDequant median over rounds of (best dequantize variant's time / this one's), the
     *                     best dequantize variant being the vector one where it ran
     */
    public record Variant(String name, double medianNanos, double minNanos, double maxNanos, long weightBytes,
                          double vsBestDequant) {
        /** GB/s of weight data at the median time. */
        public double weightGBs() {
            return weightBytes / medianNanos;
        }
    }

    /**
     * @param variants   in the order of the constants above (vector ones only when available)
     * @param vectorNote null when the vector kernels ran, else why not
     * @param cpuTime    true when thread CPU time was used
     */
    public record Result(WeightFormat format, int n, int k, List<Variant> variants, String vectorNote, boolean cpuTime) {
        public Variant variant(String name) {
            return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
        }
    }

    private KernelComparison() {}

    /** Random weights (fixed seed) and a random int8 activation vector. */
    static PackedWeights weights(WeightFormat format, int n, int k, int groupSize, long seed) {
        return PackedWeights.random(format, n, k, groupSize, new SplittableRandom(seed));
    }

    static byte[] activations(int m, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        byte[] a = new byte[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) rnd.nextInt(256);
        }
        return a;
    }

    public static Result run(WeightFormat format, int n, int k, int groupSize, int warmup, int rounds, long seed) {
        if (n < 1 || k < 1 || warmup < 0 || rounds < 1) {
            throw new IllegalArgumentException("need n, k, rounds >= 1 and warmup >= 0");
        }
        PackedWeights w = weights(format, n, k, groupSize, seed);
        byte[] act = activations(1, k, seed);
        List<String> names = new ArrayList<>();
        List<Runnable> calls = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        List<double[]> outs = new ArrayList<>();

        BaselineKernel base = BaselineKernel.prepare(w);
        BaselineKernel.Scratch bs = base.newScratch();
        add(names, calls, bytes, outs, DEQUANT_SCALAR, n, o -> base.gemv(act, 0, o, 0, bs), base.weightBytes());
        LutKernel l8 = LutKernel.prepare(w, 8);
        LutKernel.Scratch s8 = l8.newScratch();
        add(names, calls, bytes, outs, LUT_SCALAR, n, o -> l8.gemv(act, 0, o, 0, s8),
                new ScalarLutGemm(l8).weightBytes());
        String note = QuantGemm.Vectors.modulePresent() ? null
                : "vector kernels not run: module jdk.incubator.vector not loaded";
        if (note == null) {
            if (format.planes() <= 4) {
                QuantGemm dv = QuantGemm.vectorDequant(w);
                add(names, calls, bytes, outs, DEQUANT_VECTOR, n, o -> dv.gemm(act, 1, o, 1), dv.weightBytes());
            }
            QuantGemm lv = QuantGemm.vector(w);
            add(names, calls, bytes, outs, LUT_VECTOR, n, o -> lv.gemm(act, 1, o, 1), lv.weightBytes());
        }
        int vars = calls.size();
        for (Runnable r : calls) {
            r.run();
        }
        for (int v = 1; v < vars; v++) {
            if (!Arrays.equals(outs.get(0), outs.get(v))) {
                throw new IllegalStateException(names.get(v) + " output differs from " + names.get(0));
            }
        }
        warm(calls, warmup);
        Clock clock = new Clock();
        long[][] t = new long[vars][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < vars; i++) {
                int v = (i + r) % vars; // rotate so no variant always runs first
                long c0 = clock.now();
                calls.get(v).run();
                t[v][r] = clock.now() - c0;
            }
        }
        int best = names.indexOf(DEQUANT_VECTOR) >= 0 ? names.indexOf(DEQUANT_VECTOR) : 0;
        List<Variant> out = new ArrayList<>();
        for (int v = 0; v < vars; v++) {
            double[] times = new double[rounds];
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                times[r] = t[v][r];
                ratio[r] = (double) t[best][r] / Math.max(1, t[v][r]);
            }
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            out.add(new Variant(names.get(v), median(times), sorted[0], sorted[rounds - 1], bytes.get(v), median(ratio)));
        }
        return new Result(format, n, k, List.copyOf(out), note, clock.cpu);
    }

    /**
     * Warm-up: each variant alone, the last one (the SIMD LUT kernel) first, until its fastest
     * call has not improved by 2% for {@link #SETTLE_NANOS} (at most {@link #WARMUP_CAP_NANOS});
     * then {@code rounds} round-robin rounds. The Vector API runs interpreted, 100x slower, until
     * C2 has compiled the kernel, which on a busy machine takes seconds; a fixed count of warm-up
     * calls measured half-compiled code. Compiling the LUT kernel before the others also keeps
     * their interpreted Vector API fallbacks out of the type profiles it is compiled from.
     */
    private static void warm(List<Runnable> calls, int rounds) {
        for (int v = calls.size() - 1; v >= 0; v--) {
            Runnable r = calls.get(v);
            long start = System.nanoTime();
            long improved = start;
            long best = Long.MAX_VALUE;
            while (true) {
                long c0 = System.nanoTime();
                r.run();
                long now = System.nanoTime();
                if (now - c0 < best - best / 50) {
                    best = now - c0;
                    improved = now;
                }
                if (now - improved > SETTLE_NANOS || now - start > WARMUP_CAP_NANOS) {
                    break;
                }
            }
        }
        for (int i = 0; i < rounds; i++) {
            for (Runnable r : calls) {
                r.run();
            }
        }
    }

    static final long SETTLE_NANOS = 1_000_000_000L;
    static final long WARMUP_CAP_NANOS = 15_000_000_000L;

    private static void add(List<String> names, List<Runnable> calls, List<Long> bytes, List<double[]> outs,
                            String name, int n, java.util.function.Consumer<double[]> call, long weightBytes) {
        double[] o = new double[n];
        names.add(name);
        calls.add(() -> call.accept(o));
        bytes.add(weightBytes);
        outs.add(o);
    }

    /** Thread CPU time where supported (robust on a shared machine), else wall time. */
    private static final class Clock {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final boolean cpu = mx.isCurrentThreadCpuTimeSupported();

        long now() {
            return cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
        }
    }

    /**
     * STREAM-like triad {@code a[i] = b[i] + s c[i]} over three double arrays of
     * {@code bytesPerArray} each, one thread; median over rounds of 24 bytes per element / time.
     * Arrays much larger than the last-level cache measure memory bandwidth; arrays about the
     * size of a kernel's weights measure what that working set can be streamed at.
     */
    public static double triadGBs(long bytesPerArray, int rounds) {
        int len = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(1024, bytesPerArray / 8));
        double[] a = new double[len];
        double[] b = new double[len];
        double[] c = new double[len];
        Arrays.fill(b, 1.0);
        Arrays.fill(c, 2.0);
        Clock clock = new Clock();
        // repeat small arrays so one timed call lasts ~10 ms of work
        int reps = (int) Math.max(1, (1L << 28) / (24L * len));
        double[] gbs = new double[rounds];
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            long c0 = clock.now();
            for (int i = 0; i < reps; i++) {
                triad(a, b, c, 3.0);
            }
            long dt = Math.max(1, clock.now() - c0);
            if (r >= 0) {
                gbs[r] = 24.0 * len * reps / dt;
            }
        }
        if (a[len - 1] != 7.0) {
            throw new IllegalStateException("triad computed " + a[len - 1]);
        }
        return median(gbs);
    }

    private static void triad(double[] a, double[] b, double[] c, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    /**
     * One threads x batch point of {@link #scaling}.
     *
     * @param nanosPerCall   median wall time of one gemm call
     * @param speedup        1-thread time / this time, same batch
     */
    public record ScalingPoint(int threads, int m, double nanosPerCall, double speedup) {}

    /**
     * Wall-clock scaling of the preferred LUT kernel ({@link QuantGemm#prepare}) over threads
     * and batch sizes (m activation rows per call), medians of interleaved rounds.
     */
    public static List<ScalingPoint> scaling(WeightFormat format, int n, int k, int groupSize, int[] threads,
                                             int[] batch, int rounds, long seed) {
        QuantGemm g = QuantGemm.prepare(weights(format, n, k, groupSize, seed));
        List<ScalingPoint> points = new ArrayList<>();
        for (int m : batch) {
            byte[] a = activations(m, k, seed);
            double[] ref = new double[m * n];
            g.gemm(a, m, ref, 1);
            double[][] out = new double[threads.length][m * n];
            List<Runnable> calls = new ArrayList<>();
            for (int i = 0; i < threads.length; i++) {
                int ti = i;
                calls.add(() -> g.gemm(a, m, out[ti], threads[ti]));
            }
            warm(calls, 2);
            long[][] t = new long[threads.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < threads.length; i++) {
                    int ti = (i + r) % threads.length;
                    long c0 = System.nanoTime();
                    calls.get(ti).run();
                    t[ti][r] = System.nanoTime() - c0;
                }
            }
            for (int i = 0; i < threads.length; i++) {
                if (!Arrays.equals(ref, out[i])) {
                    throw new IllegalStateException(threads[i] + "-thread output differs from 1 thread");
                }
            }
            double[] med = new double[threads.length];
            int ref1 = 0; // speedups against the 1-thread point (the first one if there is none)
            for (int i = 0; i < threads.length; i++) {
                med[i] = median(Arrays.stream(t[i]).asDoubleStream().toArray());
                if (threads[i] == 1) {
                    ref1 = i;
                }
            }
            for (int i = 0; i < threads.length; i++) {
                points.add(new ScalingPoint(threads[i], m, med[i], med[ref1] / med[i]));
            }
        }
        return points;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2.0;
    }
}
