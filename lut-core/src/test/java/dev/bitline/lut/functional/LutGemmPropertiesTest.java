package dev.bitline.lut.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** LUT mpGEMM against dequantize-then-GEMM over random shapes, formats and configurations. */
class LutGemmPropertiesTest {

    /** Weight values of a case: random, all zero, all max, all min, or alternating extremes. */
    enum Fill { RANDOM, ZERO_CODES, MAX, MIN, EXTREMES }

    /** Activations: random, all -128 (saturating int8), all 127, or zeros. */
    enum ActFill { RANDOM, ALL_MIN, ALL_MAX, ZERO }

    record Case(int m, int n, int k, WeightFormat format, int groupSize, LutConfig cfg,
                Fill fill, ActFill actFill, long seed) {}

    @Provide
    Arbitrary<WeightFormat> formats() {
        return Arbitraries.of(new WeightFormat.UInt(1), new WeightFormat.UInt(2), new WeightFormat.UInt(3),
                new WeightFormat.UInt(4), new WeightFormat.UInt(8), new WeightFormat.SInt(1), new WeightFormat.SInt(2),
                new WeightFormat.SInt(3), new WeightFormat.SInt(4), new WeightFormat.SInt(8), new WeightFormat.Ternary(),
                new WeightFormat.Bipolar(1), new WeightFormat.Bipolar(2), new WeightFormat.Bipolar(4));
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> g = Arbitraries.of(1, 2, 3, 4, 4, 4, 5, 8);
        Arbitrary<LutConfig> cfg = Combinators.combine(g, Arbitraries.of(true, false), Arbitraries.of(SignBit.values()))
                .as((gg, sym, sb) -> new LutConfig(gg, sym, sb, TablePrecision.EXACT));
        Arbitrary<Integer> groupMul = Arbitraries.of(1, 2, 8, 16, 32); // group size = g * this (32/64/128 for g = 4)
        return Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(1, 300),
                formats(), cfg, groupMul,
                Arbitraries.of(Fill.values()), Arbitraries.of(ActFill.values()))
                .as((m, n, k, f, c, gm, fill, af) -> new Case(m, n, k, f, c.g() * gm, c, fill, af, (long) m * 1_000_003 + n * 7919L + k))
                .flatMap(c -> Arbitraries.longs().map(seed -> new Case(c.m(), c.n(), c.k(), c.format(), c.groupSize(),
                        c.cfg(), c.fill(), c.actFill(), seed)));
    }

    static PackedWeights weights(Case c) {
        SplittableRandom rnd = new SplittableRandom(c.seed());
        PackedWeights r = PackedWeights.random(c.format(), c.n(), c.k(), c.groupSize(), rnd);
        if (c.fill() == Fill.RANDOM) {
            return r;
        }
        WeightFormat f = c.format();
        int[] levels = new int[c.n() * c.k()];
        for (int i = 0; i < levels.length; i++) {
            switch (c.fill()) {
                case ZERO_CODES: levels[i] = f.levelOf(0); break;
                case MAX: levels[i] = f.maxLevel(); break;
                case MIN: levels[i] = f.minLevel(); break;
                default: levels[i] = i % 2 == 0 ? f.maxLevel() : f.minLevel(); break;
            }
        }
        return PackedWeights.fromLevels(f, c.n(), c.k(), c.groupSize(), levels, r.scales(), r.twiceZeros());
    }

    static Activations int8(Case c) {
        SplittableRandom rnd = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
        byte[] d = new byte[c.m() * c.k()];
        for (int i = 0; i < d.length; i++) {
            switch (c.actFill()) {
                case ALL_MIN: d[i] = -128; break;
                case ALL_MAX: d[i] = 127; break;
                case ZERO: d[i] = 0; break;
                default: d[i] = (byte) rnd.nextInt(256); break;
            }
        }
        return new Activations.Int8(c.m(), c.k(), d);
    }

    @Property(tries = 400, seed = "20261125")
    void int8LutEqualsReferenceExactly(@ForAll("cases") Case c) {
        PackedWeights w = weights(c);
        Activations a = int8(c);
        LutResult lut = LutGemm.multiply(a, w, c.cfg());
        double[] ref = ReferenceGemm.multiply(a, w);
        assertArrayEquals(ref, lut.out(), 0.0, c::toString);
        // counts follow the shape
        int chunks = (c.k() + c.cfg().g() - 1) / c.cfg().g();
        assertEquals((long) c.m() * chunks, lut.counts().tables());
        assertEquals((long) c.m() * c.n() * chunks, lut.counts().lookupsPerPlane());
        assertEquals(lut.counts().lookups(), lut.counts().accumulateAdds());
        assertEquals(c.cfg().storedEntries(), lut.counts().entriesPerTable());
        LutCounts predicted = LutGemm.counts(c.m(), c.n(), c.k(), c.format(), c.groupSize(), c.cfg());
        assertEquals(lut.counts().tables(), predicted.tables());
        assertEquals(lut.counts().precomputeAdds(), predicted.precomputeAdds());
        assertEquals(lut.counts().lookups(), predicted.lookups());
    }

    @Property(tries = 100, seed = "20261125")
    void unitScaleIntegerGemmIsTheIntegerProduct(@ForAll("formats") WeightFormat f,
                                                   @ForAll @IntRange(min = 1, max = 150) int k,
                                                   @ForAll long seed) {
        // scales 1, zero points 0: O is the plain integer matrix product, computed here directly
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 2;
        int n = 3;
        int[] levels = new int[n * k];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = f.levelOf(rnd.nextInt(f.maxValidCode() + 1));
        }
        byte[] act = new byte[m * k];
        for (int i = 0; i < act.length; i++) {
            act[i] = (byte) rnd.nextInt(256);
        }
        PackedWeights w = PackedWeights.fromLevels(f, n, k, 64, levels);
        LutResult r = LutGemm.multiply(new Activations.Int8(m, k, act), w, LutConfig.DEFAULT);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                long dot = 0;
                for (int kk = 0; kk < k; kk++) {
                    dot += act[i * k + kk] * levels[j * k + kk];
                }
                assertEquals((double) dot, r.get(i, j));
            }
        }
    }

    @Property(tries = 200, seed = "20261125")
    void signBitConventionAndSymmetrizationDoNotChangeFloatResults(@ForAll("cases") Case c,
            @ForAll ActivationFormat af) {
        PackedWeights w = weights(c);
        Activations a = Activations.random(af, c.m(), c.k(), new SplittableRandom(c.seed()));
        LutResult top = LutGemm.multiply(a, w, c.cfg().withSymmetric(true).withSignBit(SignBit.TOP));
        LutResult bit0 = LutGemm.multiply(a, w, c.cfg().withSymmetric(true).withSignBit(SignBit.BIT0));
        assertArrayEquals(top.out(), bit0.out(), 0.0);
    }

    @Property(tries = 300, seed = "20261125")
    void floatActivationsWithinDerivedBound(@ForAll("cases") Case c, @ForAll ActivationFormat af,
                                            @ForAll TablePrecision tp) {
        PackedWeights w = weights(c);
        Activations a = Activations.random(af, c.m(), c.k(), new SplittableRandom(c.seed()));
        LutConfig cfg = c.cfg().withTable(tp);
        LutResult lut = LutGemm.multiply(a, w, cfg);
        double[] ref = ReferenceGemm.multiply(a, w);
        double[] bound = LutGemm.errorBound(a, w, cfg);
        for (int i = 0; i < ref.length; i++) {
            double err = Math.abs(lut.out()[i] - ref[i]);
            int ii = i;
            assertTrue(err <= bound[i], () -> c + " " + af + " " + tp + " output " + ii + ": |" + lut.out()[ii]
                    + " - " + ref[ii] + "| = " + err + " > bound " + bound[ii]);
        }
        if (af.isInteger() && tp == TablePrecision.EXACT) {
            assertTrue(Arrays.stream(bound).allMatch(b -> b == 0.0), "exact integer path has a zero bound");
        }
    }

    @Property(tries = 100, seed = "20261125")
    void int8TableErrorIsReportedAndBounded(@ForAll("cases") Case c, @ForAll ActivationFormat af) {
        Activations a = Activations.random(af, c.m(), c.k(), new SplittableRandom(c.seed()));
        TableQuantError e = LutGemm.tableQuantizationError(a, c.cfg());
        // one scale per table, max|T| / 127: every entry within half a step of its exact value
        assertTrue(e.maxRelativeError() <= 0.5 / 127 * (1 + 1e-6), e::toString);
        assertTrue(e.maxAbsError() >= 0 && e.meanAbsError() <= e.maxAbsError());
        assertEquals((long) c.m() * ((c.k() + c.cfg().g() - 1) / c.cfg().g()) * c.cfg().storedEntries(), e.entries());
    }
}
