package dev.bitline.gpu.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.gpu.GpuPreset;
import dev.bitline.mapping.gpu.Precision;
import dev.bitline.mapping.gpu.RooflineFit;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration on synthetic measurements (no measured GPU exists yet): kernels timed by a
 * known "true" GPU, with 1% noise, must give back its fractions, and the per-kernel error must
 * shrink from the assumed defaults to the noise level.
 */
class CalibrationTest {
    static final Path CONFIGS = Path.of("..", "configs");

    static GpuPreset a100() {
        return new ConfigLoader(CONFIGS).load(CONFIGS.resolve("gpu/a100-80gb.yaml"), GpuPreset.class);
    }

    @Test
    void recoversTheFractionsOfASyntheticGpu() {
        GpuPreset p = a100();
        double bw = p.gpu().bandwidth().bytesPerSecond();
        double trueBw = 0.72;
        double trueCompute = 0.55;
        double trueOverhead = 3e-6;
        SplittableRandom rnd = new SplittableRandom(14);
        List<MeasuredRuns.Kernel> ks = new ArrayList<>();
        for (int d : new int[] {1024, 2048, 4096, 8192, 16384}) {
            for (int bits : new int[] {16, 4, 2}) {
                double bytes = (double) d * d * bits / 8 + 4.0 * d;
                double ops = 2.0 * d * d;
                double t = Math.max(bytes / (bw * trueBw), ops / (p.peakOpsPerSecond(Precision.FP16) * trueCompute))
                        + trueOverhead;
                ks.add(new MeasuredRuns.Kernel("gemv" + bits + " " + d, new RooflineFit.Sample(ops, bytes, Precision.FP16,
                        t * (1 + 0.01 * (2 * rnd.nextDouble() - 1)))));
            }
            double ops = 2.0 * 512 * d * d;
            double bytes = 2.0 * (512.0 * d + (double) d * d) + 4.0 * 512 * d;
            double t = Math.max(bytes / (bw * trueBw), ops / (p.peakOpsPerSecond(Precision.FP16) * trueCompute)) + trueOverhead;
            ks.add(new MeasuredRuns.Kernel("gemm " + d, new RooflineFit.Sample(ops, bytes, Precision.FP16,
                    t * (1 + 0.01 * (2 * rnd.nextDouble() - 1)))));
        }
        Calibration.Result r = Calibration.calibrate(p, ks);
        assertEquals(trueBw, r.calibrated().achievable().bandwidth(), 0.02);
        assertEquals(trueCompute, r.calibrated().achievable().compute(), 0.02);
        assertTrue(r.rmsCalibrated() < 0.015, "rms after fit " + r.rmsCalibrated());
        assertTrue(r.rmsAssumed() > 5 * r.rmsCalibrated(), r.rmsAssumed() + " vs " + r.rmsCalibrated());
        for (Calibration.KernelError e : r.kernels()) {
            assertTrue(Math.abs(e.calibratedError()) < 0.03, e.label() + " " + e.calibratedError());
        }
    }

    @Test
    void readsBenchCsvAndSkipsFailedRows(@TempDir Path dir) throws Exception {
        Path gpu = dir.resolve("nvidia-a100-sxm4-80gb");
        Files.createDirectories(gpu);
        String head = "op,m,n,k,bits,abits,group,rank,kernel,median_ms,min_ms,max_ms,bytes,ops,precision,"
                + "effective_gbs,pct_of_peak_bw,tops,check,max_abs_err,speedup_vs,speedup";
        Files.writeString(gpu.resolve("results.csv"), head + "\n"
                + "w4a16-gemv,1,4096,4096,4,4,128,256,\"own: a, b\",0.0123,0.012,0.013,8421376,33554432,fp16,684.6,33.6,2.7,pass,0.01,,\n"
                + "lut-gemv,1,4096,4096,4,4,128,256,\"own\",0.02,0.02,0.02,8421376,33554432,int8,1,1,1,FAIL,1,,\n"
                + "bipolar-gemm,16,4096,4096,4,4,128,256,\"own\",0.05,0.05,0.05,8421376,536870912,int1,1,1,1,pass,0,,\n");
        List<Path> found = MeasuredRuns.find(dir, "a100-80gb");
        assertEquals(List.of(gpu.resolve("results.csv")), found);
        assertTrue(MeasuredRuns.find(dir, "h100-sxm").isEmpty());
        List<MeasuredRuns.Kernel> ks = MeasuredRuns.read(found.get(0));
        assertEquals(2, ks.size());
        assertEquals("w4a16-gemv 1x4096x4096", ks.get(0).label());
        assertEquals(0.0123e-3, ks.get(0).sample().seconds(), 1e-15);
        assertEquals(Precision.INT4, ks.get(1).sample().precision());

        Files.writeString(gpu.resolve("results.csv"), "op,m\nx,1\n");
        InputException e = assertThrows(InputException.class, () -> MeasuredRuns.read(gpu.resolve("results.csv")));
        assertTrue(e.getMessage().contains("results.csv:1: no column 'n'"), e.getMessage());
    }

    @Test
    void presetTokens() {
        assertEquals(List.of("a100"), MeasuredRuns.tokens("a100-80gb"));
        assertEquals(List.of("4090"), MeasuredRuns.tokens("rtx-4090"));
        assertEquals(List.of("jetson", "orin"), MeasuredRuns.tokens("jetson-orin"));
        assertEquals(List.of("t4"), MeasuredRuns.tokens("t4"));
    }
}
