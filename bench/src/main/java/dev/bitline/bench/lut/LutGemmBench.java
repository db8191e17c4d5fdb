package dev.bitline.bench.lut;

import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.kernel.BaselineKernel;
import dev.bitline.lut.kernel.LutKernel;
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
 * Small-batch GEMM (M = 8 activation rows, 4096 x 4096 weights, int8 activations, group 128,
 * single thread): the fused dequantizing baseline row by row against the LUT kernel's
 * {@code gemm} (g = 8). Outputs are checked identical at setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar LutGemm -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LutGemmBench {

    @Param({"ternary", "int2"})
    public String weights;

    @Param({"8"})
    public int m;

    private static final int SIZE = 4096;
    private byte[] act;
    private double[] out;
    private BaselineKernel baseline;
    private BaselineKernel.Scratch baselineScratch;
    private LutKernel lut;
    private LutKernel.Scratch lutScratch;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(2024);
        PackedWeights w = PackedWeights.random(WeightFormat.parse(weights), SIZE, SIZE, 128, rnd);
        act = new byte[m * SIZE];
        for (int i = 0; i < act.length; i++) {
            act[i] = (byte) rnd.nextInt(256);
        }
        out = new double[m * SIZE];
        baseline = BaselineKernel.prepare(w);
        baselineScratch = baseline.newScratch();
        lut = LutKernel.prepare(w, 8);
        lutScratch = lut.newScratch();
        double[] expected = baselineRows().clone();
        if (!Arrays.equals(expected, lutGemm())) {
            throw new IllegalStateException("LUT GEMM differs from the baseline");
        }
    }

    @Benchmark
    public double[] baselineRows() {
        for (int r = 0; r < m; r++) {
            baseline.gemv(act, r * SIZE, out, r * SIZE, baselineScratch);
        }
        return out;
    }

    @Benchmark
    public double[] lutGemm() {
        lut.gemm(act, m, out, lutScratch);
        return out;
    }
}
