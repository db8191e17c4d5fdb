package dev.bitline.pim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.pim.Presets;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PimDeviceTest {
    static Operation.Gemm gemv(int n, int k, ActivationFormat a) {
        return new Operation.Gemm("qkv", 1, n, k, WeightFormat.parse("int8"), 0, a, a, Location.BANK, Location.ON_CHIP,
                Location.HOST);
    }

    @Test
    void operationsCompleteOnTheSharedTimelineInOrder() {
        PimSystem sys = Presets.load("pim-gpt");
        Simulator sim = new Simulator(1);
        PimDevice dev = new PimDevice(sim, "pim", null, sys);
        List<long[]> done = new ArrayList<>();
        int h = sim.register((t, p) -> done.add(new long[] {t, p}));
        dev.submit(gemv(2048, 2048, ActivationFormat.BF16), h, 1);
        dev.submit(new Operation.Nonlinear("softmax", Operation.Function.SOFTMAX, 16, 2048, ActivationFormat.BF16,
                Location.ON_CHIP), h, 2);
        assertEquals(2, dev.pending());
        sim.runUntilQuiet();
        assertEquals(0, dev.pending());
        long gemvPs = GemvRun.run(sys, 2048, 2048, 1, InputFormat.BF16, GemvRun.Options.defaults().withNumerics(false)).timePs();
        assertEquals(gemvPs, done.get(0)[0]);
        assertEquals(1, done.get(0)[1]);
        assertTrue(done.get(1)[0] > gemvPs);
        assertEquals(4L * 1024 * 1024, sim.stats().find("pim.macs").values().get("value").longValue());
    }

    @Test
    void theAnalyticalModelTracksTheCycleModel() {
        for (String name : Presets.names()) {
            PimSystem sys = Presets.load(name);
            PimModel m = new PimModel(sys);
            InputFormat f = sys.precisions().get(0);
            ActivationFormat a = f == InputFormat.BF16 ? ActivationFormat.BF16 : ActivationFormat.FP16;
            for (int[] s : new int[][] {{1024, 1024}, {4096, 4096}, {3000, 700}}) {
                long est = m.estimate(gemv(s[0], s[1], a)).timePs();
                long sim = GemvRun.run(sys, s[0], s[1], 1, f, GemvRun.Options.defaults().withNumerics(false)).timePs();
                assertTrue(Math.abs(est - sim) <= 0.15 * sim, name + " " + s[0] + "x" + s[1] + ": estimate " + est + " vs " + sim);
            }
        }
    }

    @Test
    void unsupportedOperationsSayWhy() {
        PimModel m = new PimModel(Presets.load("pim-gpt"));
        assertNotNull(m.unsupported(gemv(4096, 4096, ActivationFormat.FP32)));
        assertTrue(m.unsupported(gemv(4096, 4096, ActivationFormat.FP16)).contains("no fp16 datapath"));
        assertTrue(m.unsupported(new Operation.Gemm("w", 1, 64, 64, WeightFormat.parse("int8"), 0, ActivationFormat.BF16,
                ActivationFormat.BF16, Location.DRAM, Location.ON_CHIP, Location.HOST)).contains("BANK"));
        assertNull(m.unsupported(gemv(4096, 4096, ActivationFormat.BF16)));
        assertNull(m.unsupported(new Operation.Transfer("x", 8192, Location.HOST, Location.ON_CHIP)));
    }
}
