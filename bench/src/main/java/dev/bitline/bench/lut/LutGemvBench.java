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
 * 4096 x 4096 int8-activation GEMV, single thread: LUT kernel (g = 4 and g = 8 tables) against
 * the dequantize-then-multiply baseline (fused unpack, and unpack-row-then-dot) on the same
 * weights. Group size 128. Every variant's output is checked identical at setup.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar Lut -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LutGemvBench {

    @Param({"ternary", "int2", "int4"})
    public String weights;

    @Param({"4096"})
    public int size;

    private byte[] act;
    private double[] out;
    private BaselineKernel baseline;
    private BaselineKernel.Scratch baselineScratch;
    private LutKernel lut4;
    private LutKernel.Scratch lut4Scratch;
    private LutKernel lut8;
    private LutKernel.Scratch lut8Scratch;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(2024);
        PackedWeights w = PackedWeights.random(WeightFormat.parse(weights), size, size, 128, rnd);
        act = new byte[size];
        for (int i = 0; i < size; i++) {
            act[i] = (byte) rnd.nextInt(256);
        }
        out = new double[size];
        baseline = BaselineKernel.prepare(w);
        baselineScratch = baseline.newScratch();
        lut4 = LutKernel.prepare(w, 4);
        lut4Scratch = lut4.newScratch();
        lut8 = LutKernel.prepare(w, 8);
        lut8Scratch = lut8.newScratch();
        double[] expected = new double[size];
        baseline.gemv(act, 0, expected, 0, baselineScratch);
        double[] got = new double[size];
        baseline.gemvUnpackRow(act, 0, got, 0, baselineScratch);
        check(expected, got, "baseline unpack-row");
        lut4.gemv(act, 0, got, 0, lut4Scratch);
        check(expected, got, "lut g=4");
        lut8.gemv(act, 0, got, 0, lut8Scratch);
        check(expected, got, "lut g=8");
    }

    private static void check(double[] expected, double[] got, String what) {
        if (!Arrays.equals(expected, got)) {
            throw new IllegalStateException(what + " differs from the baseline");
        }
    }

    @Benchmark
    public double[] baselineFused() {
        baseline.gemv(act, 0, out, 0, baselineScratch);
        return out;
    }

    @Benchmark
    public double[] baselineUnpackRow() {
        baseline.gemvUnpackRow(act, 0, out, 0, baselineScratch);
        return out;
    }

    @Benchmark
    public double[] lutG4() {
        lut4.gemv(act, 0, out, 0, lut4Scratch);
        return out;
    }

    @Benchmark
    public double[] lutG8() {
        lut8.gemv(act, 0, out, 0, lut8Scratch);
        return out;
    }
}
