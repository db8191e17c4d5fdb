package dev.bitline.mapping.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.TestConfigs;
import dev.bitline.sim.units.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RooflineTest {
    static GpuPreset preset(String name) {
        return TestConfigs.loader().load(TestConfigs.CONFIGS.resolve("gpu/" + name + ".yaml"), GpuPreset.class);
    }

    @Test
    void everyPresetLoadsWithTheSharedAchievableFractions() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(TestConfigs.CONFIGS.resolve("gpu"))) {
            files = s.filter(p -> !p.getFileName().toString().startsWith("achievable")).sorted().toList();
        }
        assertEquals(5, files.size());
        for (Path f : files) {
            GpuPreset p = TestConfigs.loader().load(f, GpuPreset.class);
            assertEquals(0.8, p.achievable().bandwidth());
            assertTrue(p.gpu().boardPower() > 0);
        }
    }

    @Test
    void memoryAndComputeRoofs() {
        Roofline t4 = new Roofline(preset("t4"));
        // a fp16 GEMV of 4096 x 4096: 32 MiB of weights at 0.8 x 320 GB/s, plus 5 us
        Roofline.Estimate gemv = t4.estimate(2.0 * 4096 * 4096, 4096.0 * 4096 * 2, Precision.FP16);
        assertTrue(gemv.memoryBound());
        assertEquals(4096.0 * 4096 * 2 / 256e9 + 5e-6, gemv.seconds(), 1e-12);
        // a big GEMM is compute-bound at 0.7 x 65 TFLOPS
        Roofline.Estimate gemm = t4.estimate(2.0 * 4096 * 4096 * 4096, 3 * 4096.0 * 4096 * 2, Precision.FP16);
        assertTrue(!gemm.memoryBound());
        assertEquals(2.0 * 4096 * 4096 * 4096 / (0.7 * 65e12), gemm.computeSeconds(), 1e-12);
        assertEquals(0.7 * 65e12 / 256e9, t4.ridge(Precision.FP16), 1e-9);
        // T4 has no fp8: fp8 work runs at the next wider precision present, fp16
        assertEquals(65e12, t4.preset().peakOpsPerSecond(Precision.FP8));
        assertEquals(260e12, t4.preset().peakOpsPerSecond(Precision.INT4));
    }

    @Test
    void fitRecoversTheFractionsThatMadeTheSamples() {
        GpuPreset truth = preset("a100-80gb").withAchievable(0.9, 0.6, Duration.parse("3us"), "truth");
        Roofline r = new Roofline(truth);
        List<RooflineFit.Sample> samples = new ArrayList<>();
        for (int n = 256; n <= 16384; n *= 2) {
            double gemvOps = 2.0 * n * n;
            double gemvBytes = 2.0 * n * n;
            samples.add(new RooflineFit.Sample(gemvOps, gemvBytes, Precision.FP16, r.seconds(gemvOps, gemvBytes, Precision.FP16)));
            double gemmOps = 2.0 * n * n * 2048;
            double gemmBytes = 2.0 * (n * n + 2.0 * n * 2048);
            samples.add(new RooflineFit.Sample(gemmOps, gemmBytes, Precision.FP16, r.seconds(gemmOps, gemmBytes, Precision.FP16)));
        }
        RooflineFit.Result fit = RooflineFit.fit(preset("a100-80gb"), samples);
        assertEquals(0.9, fit.preset().achievable().bandwidth(), 1e-3);
        assertEquals(0.6, fit.preset().achievable().compute(), 1e-3);
        assertEquals(3e-6, fit.preset().achievable().kernelOverhead().seconds(), 1e-8);
        assertTrue(fit.rmsRelativeError() < 1e-6);
    }
}
