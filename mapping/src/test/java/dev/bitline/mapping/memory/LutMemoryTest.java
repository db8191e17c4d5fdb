package dev.bitline.mapping.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.lut.cycle.LutGemmRun;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The LUT array fed by the cycle-accurate HBM2 model: correct data, memory-bound timing. */
class LutMemoryTest {
    private static final Path ROOT = ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath()).orElseThrow();

    private static LutTensorCoreConfig load(String name) {
        return new ConfigLoader(ROOT).load(ROOT.resolve("lut").resolve(name), LutTensorCoreConfig.class, List.of());
    }

    @Test
    void dramBackedGemvIsExactAndNoFasterThanTheDramPeak() {
        LutTensorCoreConfig c = load("lut-tensor-core-hbm2-dram.yaml");
        LutMemory mem = LutMemory.of(c, ROOT);
        assertNotNull(mem.portFactory());
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 1024;
        int k = 1024;
        Activations a = Activations.random(ActivationFormat.parse("int8"), 1, k, rnd);
        PackedWeights w = PackedWeights.random(WeightFormat.parse("w2"), n, k, 128, rnd);
        LutGemmRun.Outcome o = LutGemmRun.run(mem.params(), a, w, c.lutConfig(), mem.portFactory());
        assertTrue(o.verified(), "output equals the reference");
        assertEquals(0.0, o.maxAbsDiff());
        double bytesPerSecond = o.report().bytesRead() / o.report().seconds();
        assertTrue(bytesPerSecond <= mem.params().portBytesPerCycle() * mem.params().clockHz(),
                "delivered " + bytesPerSecond + " B/s exceeds the DRAM peak");

        // the same array on an ideal port of the DRAM's peak bandwidth is never slower
        LutGemmRun.Outcome ideal = LutGemmRun.run(mem.params(), a, w, c.lutConfig(), null);
        assertTrue(ideal.report().cycles() <= o.report().cycles(),
                ideal.report().cycles() + " ideal vs " + o.report().cycles() + " DRAM-backed");
    }

    @Test
    void fixedPortConfigsKeepTheirOwnPort() {
        LutMemory mem = LutMemory.of(load("lut-tensor-core.yaml"), ROOT);
        assertNull(mem.portFactory());
        assertTrue(mem.description().startsWith("fixed port"));
    }
}
