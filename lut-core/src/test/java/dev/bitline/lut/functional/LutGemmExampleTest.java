package dev.bitline.lut.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import org.junit.jupiter.api.Test;

/** The hand-checkable example of docs/lut-functional.md and lut.md, and small fixed cases. */
class LutGemmExampleTest {

    // A, B, C, D = 3, 5, 7, 11 (distinct primes make any wrong sign visible)
    private static final byte[] ABCD = {3, 5, 7, 11};

    @Test
    void paperExampleBeforeAndAfterReinterpretation() {
        // 1-bit unsigned weights (0,1,0,0) with s = 2, z = 1/2: real weights 2 (q - 1/2) = (-1, 1, -1, -1)
        WeightFormat u1 = new WeightFormat.UInt(1);
        int[] q = {0, 1, 0, 0};
        double expected = -3 + 5 - 7 - 11; // -A + B - C - D = -16
        double before = 0;
        for (int j = 0; j < 4; j++) {
            before += ABCD[j] * 2.0 * (q[j] - 0.5);
        }
        assertEquals(expected, before);
        // after: q' = 2q - 1, s' = s / 2 = 1, z' = 2z + 1 - 2^W = 0
        Reinterpretation r = Reinterpretation.of(u1, 2.0, 1);
        assertEquals(1.0, r.scale());
        assertEquals(0, r.zero());
        assertEquals(1, r.planeScale());
        double after = 0;
        for (int j = 0; j < 4; j++) {
            after += ABCD[j] * r.weight(u1, q[j]);
            assertEquals(2.0 * (q[j] - 0.5), r.weight(u1, q[j]));
        }
        assertEquals(expected, after);
        // and the LUT datapath (symmetrized table, index 0b0010 of the 4 bits) agrees
        PackedWeights w = PackedWeights.fromLevels(u1, 1, 4, 4, q, new float[] {2f}, new int[] {1});
        Activations a = new Activations.Int8(1, 4, ABCD);
        for (SignBit sb : SignBit.values()) {
            LutResult res = LutGemm.multiply(a, w, LutConfig.DEFAULT.withSignBit(sb));
            assertEquals(expected, res.get(0, 0));
        }
        assertEquals(expected, LutGemm.multiply(a, w, LutConfig.DEFAULT.withSymmetric(false)).get(0, 0));
        assertEquals(expected, ReferenceGemm.multiply(a, w)[0]);
    }

    @Test
    void paperFormulaForUnsignedWeights() {
        // q' = 2q - (2^W - 1), s' = s/2, z' = 2z + 1 - 2^W for every W and every code
        for (int bits : new int[] {1, 2, 3, 4, 8}) {
            WeightFormat f = new WeightFormat.UInt(bits);
            for (int twiceZ = 0; twiceZ <= 2 * f.maxCode(); twiceZ++) {
                Reinterpretation r = Reinterpretation.of(f, 3.0, twiceZ);
                assertEquals(1.5, r.scale());
                assertEquals(twiceZ + 1 - (1L << bits), r.zero());
                for (int code = 0; code <= f.maxCode(); code++) {
                    assertEquals(3.0 * (code - twiceZ / 2.0), r.weight(f, code), 0.0);
                }
            }
        }
    }

    @Test
    void reinterpretationPreservesEveryFormatsWeights() {
        WeightFormat[] fs = {new WeightFormat.SInt(2), new WeightFormat.SInt(4), new WeightFormat.Ternary(),
            new WeightFormat.Bipolar(1), new WeightFormat.Bipolar(3), new WeightFormat.SInt(8)};
        for (WeightFormat f : fs) {
            for (int twiceZ = -3; twiceZ <= 3; twiceZ++) {
                Reinterpretation r = Reinterpretation.of(f, 0.75, twiceZ);
                for (int code = 0; code <= f.maxValidCode(); code++) {
                    assertEquals(0.75 * (f.levelOf(code) - twiceZ / 2.0), r.weight(f, code), 0.0, f.name());
                }
            }
        }
    }

    @Test
    void smallTernaryGemvByHand() {
        // W = [[1, 0, -1, 1, -1], [0, 0, 0, 0, 0]], a = [1, 2, 3, 4, 5], K = 5 not a multiple of g = 4
        int[] levels = {1, 0, -1, 1, -1, 0, 0, 0, 0, 0};
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.Ternary(), 2, 5, 8, levels);
        Activations a = new Activations.Int8(1, 5, new byte[] {1, 2, 3, 4, 5});
        LutResult r = LutGemm.multiply(a, w, LutConfig.DEFAULT);
        assertArrayEquals(new double[] {1 - 3 + 4 - 5, 0}, r.out());
        assertEquals(2, r.counts().tables()); // ceil(5 / 4) chunks for the one row
        assertEquals(8, r.counts().entriesPerTable());
        assertEquals(4, r.counts().lookupsPerPlane()); // 1 x 2 x 2
        assertEquals(8, r.counts().lookups());
    }

    @Test
    void groupSizeMustBeMultipleOfG() {
        PackedWeights w = PackedWeights.fromLevels(new WeightFormat.UInt(2), 1, 6, 6, new int[6]);
        Activations a = new Activations.Int8(1, 6, new byte[6]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LutGemm.multiply(a, w, LutConfig.DEFAULT));
        assertEquals("quantization group size 6 must be a multiple of the LUT activation group g = 4", e.getMessage());
    }
}
