package dev.bitline.pim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.pim.config.PimConfig;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Frequency;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HostAsicTest {
    static final HostAsic ASIC = new HostAsic(new PimConfig.Host(Frequency.parse("1GHz"), 64,
            DataSize.parse("256KiB"), 4, 0.5, 5, 50));

    static float[] random(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (r.nextDouble() * 8 - 4);
        return v;
    }

    @Test
    void functionsMatchTheirDoubleDefinitions() {
        float[] x = random(1000);
        float[] sm = ASIC.apply(VectorOp.SOFTMAX, x, null);
        double sum = 0;
        for (float v : sm) sum += v;
        assertEquals(1.0, sum, 1e-5);
        float[] ln = ASIC.apply(VectorOp.LAYER_NORM, x, null);
        double mean = 0, var = 0;
        for (float v : ln) mean += v;
        mean /= ln.length;
        for (float v : ln) var += (v - mean) * (v - mean);
        assertEquals(0, mean, 1e-5);
        assertEquals(1, var / ln.length, 1e-3);
        float[] rms = ASIC.apply(VectorOp.RMS_NORM, x, null);
        double ms = 0;
        for (float v : rms) ms += v * v;
        assertEquals(1, ms / rms.length, 1e-3);
        float[] gelu = ASIC.apply(VectorOp.GELU, x, null);
        float[] silu = ASIC.apply(VectorOp.SILU, x, null);
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            double g = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            assertEquals(g, gelu[i], 1e-5);
            assertEquals(v / (1 + Math.exp(-v)), silu[i], 1e-5);
        }
        float[] add = ASIC.apply(VectorOp.RESIDUAL_ADD, x, x);
        assertEquals(2 * x[3], add[3]);
    }

    @Test
    void costFollowsLanesAndSpecialUnit() {
        HostAsic.Cost add = ASIC.cost(VectorOp.RESIDUAL_ADD, 4096, 1);
        assertEquals(64, add.cycles());
        assertEquals(64_000, add.timePs());
        HostAsic.Cost sm = ASIC.cost(VectorOp.SOFTMAX, 4096, 1);
        assertEquals(64 * (4 + 4) + 6, sm.cycles());
        assertTrue(sm.energyPj() > add.energyPj());
        assertEquals(2 * sm.cycles(), ASIC.cost(VectorOp.SOFTMAX, 4096, 2).cycles());
    }

    @Test
    void aRowTooLargeForTheBufferIsAProblem() {
        assertNull(ASIC.problem(VectorOp.SOFTMAX, 4096));
        assertNotNull(ASIC.problem(VectorOp.SOFTMAX, 1 << 20));
    }
}
