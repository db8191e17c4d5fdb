package dev.bitline.sim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import org.junit.jupiter.api.Test;

/** Byte counts of operation descriptions, by hand, and their validation. */
class OperationTest {
    @Test
    void gemvBytesCountPackedCodesScalesAndActivations() {
        // N=4096 K=4096 W2 group 128: codes 4096*4096*2/8 = 4 MiB, scales 4096*32 fp16 = 256 KiB
        Operation.Gemm g = new Operation.Gemm("down", 1, 4096, 4096, WeightFormat.parse("w2"), 128,
                ActivationFormat.FP16, ActivationFormat.FP16, Location.DRAM, Location.ON_CHIP, Location.ON_CHIP);
        assertTrue(g.isGemv());
        assertEquals(4096L * 4096, g.macs());
        assertEquals(4L << 20, g.weightBytes() - 2L * 4096 * 32);
        assertEquals(8192, g.activationBytes());
        assertEquals(g.weightBytes(), g.bytesIn(), "activations on chip move nothing");
        assertEquals(0, g.bytesOut());
        Operation.Gemm all = Operation.Gemm.inDram("x", 2, 64, 64, WeightFormat.parse("ternary"), ActivationFormat.INT8);
        // ternary has 2 planes: 64*64*2/8 = 1024 B + one scale per row (64 * 2 B); A 2*64 B; O 2*64 B
        assertEquals(1024 + 128 + 128, all.bytesIn());
        assertEquals(128, all.bytesOut());
        assertEquals(all.bytesIn() + all.bytesOut(), all.bytesMoved());
        assertFalse(all.isGemv());
    }

    @Test
    void otherKinds() {
        var add = new Operation.ElementWise("residual", Operation.Arithmetic.ADD, 4096, 2, ActivationFormat.BF16,
                Location.BANK);
        assertEquals(2 * 4096 * 2, add.bytesIn());
        assertEquals(4096 * 2, add.bytesOut());
        var sm = new Operation.Nonlinear("softmax", Operation.Function.SOFTMAX, 32, 1024, ActivationFormat.FP16,
                Location.HOST);
        assertEquals(32L * 1024 * 2, sm.bytesIn());
        assertTrue(sm.function().rowWise());
        assertFalse(Operation.Function.GELU.rowWise());
        var t = new Operation.Transfer("kv", 1 << 20, Location.DRAM, Location.ON_CHIP);
        assertEquals(1 << 20, t.bytesIn());
        assertEquals(0, t.bytesOut());
    }

    @Test
    void badDescriptionsAreRejectedWithTheirName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Operation.Gemm.inDram("qkv", 0, 64, 64,
                WeightFormat.parse("w4"), ActivationFormat.INT8));
        assertTrue(e.getMessage().startsWith("qkv: GEMM dimensions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Operation.Transfer("t", 0, Location.DRAM, Location.HOST));
        assertThrows(IllegalArgumentException.class, () -> new Operation.Transfer("t", 1, null, Location.HOST));
        assertThrows(IllegalArgumentException.class, () -> new Operation.Transfer(" ", 1, Location.DRAM, Location.HOST));
    }

    @Test
    void estimatesAreNonNegativeAndNameTheirBound() {
        assertEquals(2e-9, new Estimate(2000, 0, Estimate.Bound.MEMORY).seconds(), 1e-21);
        assertThrows(IllegalArgumentException.class, () -> new Estimate(-1, 0, Estimate.Bound.COMPUTE));
        assertThrows(IllegalArgumentException.class, () -> new Estimate(1, 0, null));
    }
}
