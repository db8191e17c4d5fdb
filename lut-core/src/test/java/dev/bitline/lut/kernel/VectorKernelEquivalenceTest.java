package dev.bitline.lut.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.ReferenceGemm;
import dev.bitline.lut.functional.SignBit;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels (VectorLutKernel, VectorDequantKernel) and the scalar fallback give results
 * bit-identical to the dequantize reference and to the functional model, plain and symmetrized
 * tables, for every format, group size, shape, batch and thread count. Surefire runs lut-core
 * with {@code --add-modules jdk.incubator.vector}, so the vector kernels are present here.
 */
class VectorKernelEquivalenceTest {

    @Provide
    Arbitrary<WeightFormat> formats() {
        return Arbitraries.of(new WeightFormat.UInt(1), new WeightFormat.UInt(2), new WeightFormat.UInt(3),
                new WeightFormat.UInt(4), new WeightFormat.UInt(8), new WeightFormat.SInt(1), new WeightFormat.SInt(2),
                new WeightFormat.SInt(3), new WeightFormat.SInt(4), new WeightFormat.Ternary(),
                new WeightFormat.Bipolar(2), new WeightFormat.Bipolar(4));
    }

    @Provide
    Arbitrary<Integer> groupSizes() {
        // 8 and 24: odd pair counts; 512: more than one int16 span per group
        return Arbitraries.of(8, 16, 24, 64, 128, 512);
    }

    @Property(tries = 120, seed = "20261202")
    void vectorKernelsEqualReferenceAndFunctionalModel(
            @ForAll("formats") WeightFormat f, @ForAll("groupSizes") int gs,
            @ForAll @IntRange(min = 1, max = 4) int m, @ForAll @IntRange(min = 1, max = 140) int n,
            @ForAll @IntRange(min = 1, max = 1100) int k, @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll long seed, @ForAll boolean extremes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PackedWeights w = PackedWeights.random(f, n, k, gs, rnd);
        byte[] a = new byte[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = extremes ? (byte) -128 : (byte) rnd.nextInt(256);
        }
        if (extremes) { // every code at its maximum: the int16 sums reach -128 * 256 = -32768
            int[] levels = new int[n * k];
            Arrays.fill(levels, f.maxLevel());
            w = PackedWeights.fromLevels(f, n, k, gs, levels, w.scales(), w.twiceZeros());
        }
        Activations act = new Activations.Int8(m, k, a);
        double[] ref = ReferenceGemm.multiply(act, w);
        assertArrayEquals(ref, LutGemm.multiply(act, w, LutConfig.DEFAULT.withSymmetric(false)).out(), 0.0);
        assertArrayEquals(ref, LutGemm.multiply(act, w, LutConfig.DEFAULT.withSignBit(SignBit.BIT0)).out(), 0.0,
                "symmetrized tables");

        assertArrayEquals(ref, run(QuantGemm.vector(w), a, m, threads), 0.0, "lut-vector");
        assertArrayEquals(ref, run(QuantGemm.scalar(w), a, m, threads), 0.0, "lut-scalar-g8");
        if (f.planes() <= 4) {
            assertArrayEquals(ref, run(QuantGemm.vectorDequant(w), a, m, threads), 0.0, "dequant-vector");
        }
    }

    private static double[] run(QuantGemm kernel, byte[] a, int m, int threads) {
        double[] out = new double[m * kernel.n()];
        Arrays.fill(out, Double.NaN); // must be overwritten
        kernel.gemm(a, m, out, threads);
        return out;
    }

    @Test
    void benchmarkShapeMatchesScalarKernelAcrossThreads() {
        SplittableRandom rnd = new SplittableRandom(7);
        byte[] a = new byte[2 * 4096];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) rnd.nextInt(256);
        }
        for (WeightFormat f : new WeightFormat[] {new WeightFormat.Ternary(), new WeightFormat.SInt(2),
                new WeightFormat.SInt(4)}) {
            PackedWeights w = PackedWeights.random(f, 600, 4096, 128, rnd);
            double[] expected = run(QuantGemm.scalar(w), a, 2, 1);
            QuantGemm v = QuantGemm.vector(w);
            for (int threads = 1; threads <= 4; threads++) {
                assertArrayEquals(expected, run(v, a, 2, threads), 0.0, f.name() + " threads=" + threads);
            }
        }
    }

    @Test
    void laneMapsArePermutations() {
        Set<Integer> rows = new HashSet<>();
        for (int j = 0; j < VectorLutKernel.ROWS; j++) {
            rows.add(VectorLutKernel.rowOfLane(j));
        }
        assertEquals(VectorLutKernel.ROWS, rows.size());
        assertTrue(rows.stream().allMatch(r -> r >= 0 && r < VectorLutKernel.ROWS));
        rows.clear();
        for (int s = 0; s < VectorDequantKernel.ROWS; s++) {
            rows.add(VectorDequantKernel.rowOfLane(s));
        }
        assertEquals(VectorDequantKernel.ROWS, rows.size());
    }

    @Test
    void weightBytesAreTwoBitsPerWeightPlusScalesAtW2() {
        PackedWeights w = PackedWeights.random(new WeightFormat.SInt(2), 4096, 4096, 128, new SplittableRandom(1));
        QuantGemm v = QuantGemm.vector(w);
        // 2 bits per weight of index planes + one float scale per 128 weights; symmetric int2 has one offset
        assertEquals(4096L * 4096 * 2 / 8 + 4L * 4096 * 32, v.weightBytes());
    }

    @Test
    void selectionPicksVectorHereAndFallsBackOnRequest() {
        PackedWeights w = PackedWeights.random(new WeightFormat.SInt(2), 8, 64, 64, new SplittableRandom(2));
        String why = QuantGemm.vectorUnavailableReason();
        assertEquals(why == null ? "lut-vector" : "lut-scalar-g8", QuantGemm.prepare(w).name());
        String old = System.getProperty("bitline.lut.kernel");
        try {
            System.setProperty("bitline.lut.kernel", "scalar");
            assertEquals("lut-scalar-g8", QuantGemm.prepare(w).name());
            System.setProperty("bitline.lut.kernel", "vector");
            assertNull(QuantGemm.vectorUnavailableReason());
            assertEquals("lut-vector", QuantGemm.prepare(w).name());
        } finally {
            if (old == null) {
                System.clearProperty("bitline.lut.kernel");
            } else {
                System.setProperty("bitline.lut.kernel", old);
            }
        }
    }

    @Test
    void rejectsBadShapes() {
        PackedWeights w = PackedWeights.random(new WeightFormat.UInt(2), 2, 12, 12, new SplittableRandom(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QuantGemm.vector(w));
        assertEquals("kernel needs a quantization group size that is a multiple of 8, got 12", e.getMessage());
        PackedWeights w8 = PackedWeights.random(new WeightFormat.SInt(8), 2, 16, 8, new SplittableRandom(3));
        assertThrows(IllegalArgumentException.class, () -> QuantGemm.vectorDequant(w8));
        QuantGemm v = QuantGemm.vector(PackedWeights.random(new WeightFormat.SInt(2), 4, 16, 8, new SplittableRandom(3)));
        assertThrows(IllegalArgumentException.class, () -> v.gemm(new byte[15], 1, new double[4], 1));
    }
}
