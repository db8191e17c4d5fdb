package dev.bitline.lut.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.ReferenceGemm;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The fast LUT kernel, both baselines, the functional model and the reference all agree exactly. */
class KernelEquivalenceTest {

    @Provide
    Arbitrary<WeightFormat> formats() {
        return Arbitraries.of(new WeightFormat.UInt(1), new WeightFormat.UInt(2), new WeightFormat.UInt(3),
                new WeightFormat.UInt(4), new WeightFormat.UInt(8), new WeightFormat.SInt(2), new WeightFormat.SInt(4),
                new WeightFormat.SInt(8), new WeightFormat.Ternary(), new WeightFormat.Bipolar(1), new WeightFormat.Bipolar(3));
    }

    @Provide
    Arbitrary<Integer> groupSizes() {
        return Arbitraries.of(8, 16, 32, 64, 128);
    }

    @Property(tries = 150, seed = "20261125")
    void kernelsEqualReference(@ForAll("formats") WeightFormat f, @ForAll("groupSizes") int gs,
                               @ForAll @IntRange(min = 1, max = 9) int m, @ForAll @IntRange(min = 1, max = 9) int n,
                               @ForAll @IntRange(min = 1, max = 400) int k, @ForAll long seed,
                               @ForAll boolean extremes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PackedWeights w = PackedWeights.random(f, n, k, gs, rnd);
        byte[] a = new byte[m * k];
        for (int i = 0; i < a.length; i++) {
            a[i] = extremes ? (byte) (i % 3 == 0 ? 127 : -128) : (byte) rnd.nextInt(256);
        }
        if (extremes) {
            int[] levels = new int[n * k];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = i % 2 == 0 ? f.maxLevel() : f.minLevel();
            }
            w = PackedWeights.fromLevels(f, n, k, gs, levels, w.scales(), w.twiceZeros());
        }
        Activations act = new Activations.Int8(m, k, a);
        double[] ref = ReferenceGemm.multiply(act, w);
        assertArrayEquals(ref, LutGemm.multiply(act, w, LutConfig.DEFAULT).out(), 0.0);

        BaselineKernel base = BaselineKernel.prepare(w);
        BaselineKernel.Scratch bs = base.newScratch();
        double[] out = new double[m * n];
        double[] out2 = new double[m * n];
        for (int row = 0; row < m; row++) {
            base.gemv(a, row * k, out, row * n, bs);
            base.gemvUnpackRow(a, row * k, out2, row * n, bs);
        }
        assertArrayEquals(ref, out, 0.0, "baseline fused");
        assertArrayEquals(ref, out2, 0.0, "baseline unpack-row");
        for (int g : new int[] {4, 8}) {
            LutKernel lut = LutKernel.prepare(w, g);
            double[] o = new double[m * n];
            java.util.Arrays.fill(o, Double.NaN); // gemm must overwrite
            lut.gemm(a, m, o, lut.newScratch());
            assertArrayEquals(ref, o, 0.0, "lut g=" + g);
        }
    }

    @Test
    void gemv4096TernaryAndW2MatchBaseline() {
        // the benchmark's shape, once: LUT result identical to the baseline's
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] a = new byte[4096];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) rnd.nextInt(256);
        }
        for (WeightFormat f : new WeightFormat[] {new WeightFormat.Ternary(), new WeightFormat.SInt(2)}) {
            PackedWeights w = PackedWeights.random(f, 512, 4096, 128, rnd);
            BaselineKernel b = BaselineKernel.prepare(w);
            double[] expected = new double[512];
            b.gemv(a, 0, expected, 0, b.newScratch());
            LutKernel l = LutKernel.prepare(w, 4);
            double[] got = new double[512];
            l.gemv(a, 0, got, 0, l.newScratch());
            assertArrayEquals(expected, got, 0.0);
        }
    }

    @Test
    void rejectsUnsupportedShapes() {
        PackedWeights w = PackedWeights.random(new WeightFormat.UInt(2), 2, 12, 12, new SplittableRandom(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LutKernel.prepare(w, 4));
        assertEquals("kernel needs a quantization group size that is a multiple of 8, got 12", e.getMessage());
        PackedWeights w8 = PackedWeights.random(new WeightFormat.UInt(2), 2, 16, 8, new SplittableRandom(3));
        assertThrows(IllegalArgumentException.class, () -> LutKernel.prepare(w8, 5));
    }
}
