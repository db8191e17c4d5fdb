package dev.bitline.lut.cycle;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import org.junit.jupiter.api.Test;

/** A GEMM that cannot fit is refused before any allocation, saying what it needs and what fits. */
class GemmFootprintTest {
    private static final WeightFormat W2 = WeightFormat.parse("w2");
    private static final ActivationFormat INT8 = ActivationFormat.parse("int8");

    @Test
    void smallGemmFits() {
        assertNull(GemmFootprint.check(1, 4096, 4096, W2, INT8, 1L << 30));
    }

    @Test
    void moreElementsThanOneJavaArrayIsRefused() {
        String m = GemmFootprint.check(64, 100_000, 100_000, W2, INT8, 1L << 40);
        assertTrue(m != null && m.startsWith("n*k = 10000000000 elements (expected at most"), m);
    }

    @Test
    void tooBigForTheHeapSaysWhatFits() {
        String m = GemmFootprint.check(64, 40_000, 40_000, W2, INT8, 2L << 30);
        assertTrue(m != null && m.contains("needs about 6.9 GB") && m.contains("this JVM may use 2.1 GB")
                && m.contains("expected n*k <= about"), m);
    }
}
