package dev.bitline.bench.lut;

import dev.bitline.lut.kernel.QuantGemm;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The SIMD kernels (Vector API): the LUT kernel against the vectorised dequantize baseline and
 * the scalar g = 8 LUT fallback, N x 4096 weights, int8 activations, group 128; {@code m}
 * activation rows per call (1 = GEMV) on {@code threads} kernel threads. Each benchmark method
 * runs in its own fork, so one kernel's JIT profile cannot disturb another's. Setup checks the
 * outputs identical.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LutVector -f 1 -wi 5 -i 5 -w 1s -r 1s}
 * (add {@code -p m=1 -p threads=1} for the single-thread GEMV table).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class LutVectorBench {

    @Param({"ternary", "int2", "int4"})
    public String weights;

    @Param({"4096", "11008"})
    public int n;

    @Param({"1"})
    public int m;

    @Param({"1"})
    public int threads;

    private static final int K = 4096;
    private byte[] act;
    private double[] out;
    private QuantGemm lut;
    private QuantGemm dequant;
    private QuantGemm scalar;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(2024);
        PackedWeights w = PackedWeights.random(WeightFormat.parse(weights), n, K, 128, rnd);
        act = new byte[m * K];
        for (int i = 0; i < act.length; i++) {
            act[i] = (byte) rnd.nextInt(256);
        }
        out = new double[m * n];
        lut = QuantGemm.vector(w);
        dequant = QuantGemm.vectorDequant(w);
        scalar = QuantGemm.scalar(w);
        double[] expected = new double[m * n];
        scalar.gemm(act, m, expected, 1);
        for (QuantGemm g : new QuantGemm[] {lut, dequant}) {
            g.gemm(act, m, out, threads);
            if (!Arrays.equals(expected, out)) {
                throw new IllegalStateException(g.name() + " differs from the scalar kernel");
            }
        }
    }

    @Benchmark
    public double[] lutVector() {
        lut.gemm(act, m, out, threads);
        return out;
    }

    @Benchmark
    public double[] dequantVector() {
        dequant.gemm(act, m, out, threads);
        return out;
    }

    @Benchmark
    public double[] lutScalarG8() {
        scalar.gemm(act, m, out, 1);
        return out;
    }
}
