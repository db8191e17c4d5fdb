package dev.bitline.lut.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.sim.numeric.Fp16;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Fp16DatapathTest {

    @Provide
    Arbitrary<WeightFormat> formats() {
        return Arbitraries.of(new WeightFormat.UInt(1), new WeightFormat.UInt(2), new WeightFormat.UInt(4),
                new WeightFormat.SInt(3), new WeightFormat.Ternary(), new WeightFormat.Bipolar(2));
    }

    @Provide
    Arbitrary<LutConfig> configs() {
        return Arbitraries.of(1, 2, 3, 4, 8).flatMap(g -> Arbitraries.of(true, false)
                .flatMap(sym -> Arbitraries.of(SignBit.values()).map(sb -> new LutConfig(g, sym, sb, TablePrecision.FP16))));
    }

    /** Exact sum_k a_k q'_k (symmetric) or sum_k a_k u_k (plain), in double from the codes. */
    static double exact(Activations a, PackedWeights w, boolean sym, int row, int col) {
        double s = 0;
        for (int kk = 0; kk < a.k(); kk++) {
            int u = w.code(col, kk);
            int q = sym ? Reinterpretation.bipolarOf(w.format(), u) : u;
            s += Fp16.toFloatFtz(Fp16.fromDouble(a.value(row, kk))) * (double) q;
        }
        return s;
    }

    @Test
    void paperExampleOnTheFp16Datapath() {
        short[] abcd = {Fp16.fromFloat(3), Fp16.fromFloat(5), Fp16.fromFloat(7), Fp16.fromFloat(11)};
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(1), 1, 4, 4, new int[] {0, 1, 0, 0});
        Activations a = new Activations.Fp16Values(1, 4, abcd);
        for (SignBit sb : SignBit.values()) {
            short[] o = Fp16Datapath.multiply(a, w, new LutConfig(4, true, sb, TablePrecision.FP16));
            assertEquals(-16.0f, Fp16.toFloat(o[0])); // -A + B - C - D
        }
        short[] plain = Fp16Datapath.multiply(a, w, new LutConfig(4, false, SignBit.TOP, TablePrecision.FP16));
        assertEquals(5.0f, Fp16.toFloat(plain[0])); // sum a u = B
    }

    @Property(tries = 200, seed = "20261125")
    void exactWhenEverySumIsRepresentable(@ForAll("formats") WeightFormat f, @ForAll("configs") LutConfig cfg,
                                          @ForAll @IntRange(min = 1, max = 40) int k, @ForAll long seed) {
        // small integer activations: every table entry, shifted entry and partial sum is an
        // integer below 2^11 in magnitude, so each FP16 operation is exact and the datapath
        // must return the exact dot product: ordering, sign recovery and shifts are all checked
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 2;
        int n = 3;
        short[] act = new short[m * k];
        for (int i = 0; i < act.length; i++) {
            act[i] = Fp16.fromFloat(rnd.nextInt(-3, 4));
        }
        PackedWeights w = PackedWeights.random(f, n, k, cfg.g() * 4, rnd);
        Activations a = new Activations.Fp16Values(m, k, act);
        short[] o = Fp16Datapath.multiply(a, w, cfg);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                assertEquals(exact(a, w, cfg.symmetric(), r, c), Fp16.toDouble(o[r * n + c]), 0.0, cfg.toString());
            }
        }
    }

    @Property(tries = 200, seed = "20261125")
    void withinFp16RoundingBoundAndSignBitInvariant(@ForAll("formats") WeightFormat f, @ForAll("configs") LutConfig cfg,
                                                    @ForAll @IntRange(min = 1, max = 64) int k, @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Activations a = Activations.random(dev.bitline.sim.quant.ActivationFormat.FP16, 2, k, rnd);
        PackedWeights w = PackedWeights.random(f, 3, k, cfg.g() * 4, rnd);
        short[] o = Fp16Datapath.multiply(a, w, cfg);
        short[] other = Fp16Datapath.multiply(a, w, cfg.withSignBit(cfg.signBit() == SignBit.TOP ? SignBit.BIT0 : SignBit.TOP));
        assertArrayEquals(o, other, "negation is exact: the sign-bit convention cannot change a bit");
        int planes = f.planes();
        int chunks = (k + cfg.g() - 1) / cfg.g();
        // each FP16 op errs by <= 2^-11 |result| + 2^-14 (flush); n ops in the accumulator chain,
        // g - 1 per table entry; every partial result is <= (2^P - 1) sum|a| (1 + slack)
        int ops = chunks * planes + chunks * (cfg.g() - 1) + chunks * planes;
        double u = 0x1p-11;
        double gamma = ops * u / (1 - ops * u);
        for (int r = 0; r < 2; r++) {
            double sumAbs = 0;
            for (int kk = 0; kk < k; kk++) {
                sumAbs += Math.abs(a.value(r, kk));
            }
            double bound = gamma * ((1L << planes) - 1) * sumAbs * 2 + ops * 0x1p-14;
            for (int c = 0; c < 3; c++) {
                double err = Math.abs(Fp16.toDouble(o[r * 3 + c]) - exact(a, w, cfg.symmetric(), r, c));
                assertTrue(err <= bound, "error " + err + " > bound " + bound + " " + cfg);
            }
        }
    }

    @Test
    void noDenormalsAnywhere() {
        // activations at the smallest subnormal read as zero; a tiny normal halved would be
        // subnormal and is flushed
        short tiny = Fp16.MIN_VALUE;
        Activations a = new Activations.Fp16Values(1, 4, new short[] {tiny, tiny, tiny, tiny});
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(2), 1, 4, 4, new int[] {3, 3, 3, 3});
        short[] o = Fp16Datapath.multiply(a, w, LutConfig.DEFAULT.withTable(TablePrecision.FP16));
        assertEquals(0.0f, Math.abs(Fp16.toFloat(o[0])));
    }
}
