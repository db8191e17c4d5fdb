package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bitline.sim.perf.HoldWorkload;
import org.junit.jupiter.api.Test;

class HoldWorkloadTest {
    /** Both kernels must dispatch the same events in the same order (same checksum and end time). */
    @Test
    void bitlineAndBaselineKernelsAgree() {
        HoldWorkload w = new HoldWorkload(1000, 0.8, 100, 1_000_000, 3); // many equal-time ties
        assertEquals(w.prepareBaseline().run(20_000), w.prepareBitline().run(20_000));
    }
}
