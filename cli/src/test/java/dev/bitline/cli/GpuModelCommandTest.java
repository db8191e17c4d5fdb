package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuModelCommandTest {

    @Test
    void perLayerModelledTimesWithoutAMeasuredGpu(@TempDir Path dir) {
        CliTest.Result r = CliTest.run("gpu", "model", "--gpu", "a100", "--model", "gpt2-xl", "--results", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("MODELLED (roofline, not measured): gpt2-xl"), r.out());
        assertTrue(r.out().contains("NVIDIA A100-80GB SXM"), r.out());
        assertTrue(r.out().contains("L0 ") && r.out().contains("L47 ") && !r.out().contains("L48 "), r.out());
        assertTrue(r.out().contains("roofline error: no measured GPU"), r.out());
        assertTrue(r.out().contains("ms per decode step (modelled)"), r.out());
    }

    @Test
    void measuredRunCalibratesAndReportsErrors(@TempDir Path dir) throws Exception {
        Path gpu = dir.resolve("nvidia-a100-sxm4-80gb");
        Files.createDirectories(gpu);
        StringBuilder csv = new StringBuilder("op,m,n,k,bits,abits,group,rank,kernel,median_ms,min_ms,max_ms,bytes,ops,"
                + "precision,effective_gbs,pct_of_peak_bw,tops,check,max_abs_err,speedup_vs,speedup\n");
        // memory-bound kernels at 1.5 TB/s plus 4 us, and two GEMMs at 200 TFLOP/s
        for (int d : new int[] {2048, 4096, 8192, 16384}) {
            double bytes = 2.0 * d * d;
            csv.append(String.format(java.util.Locale.ROOT, "fp16-gemv,1,%d,%d,4,4,128,256,\"own\",%.6f,0,0,%.0f,%.0f,fp16,0,0,0,pass,0,,%n",
                    d, d, (bytes / 1.5e12 + 4e-6) * 1e3, bytes, 2.0 * d * d));
        }
        for (int d : new int[] {4096, 8192}) {
            double ops = 2.0 * 1024 * d * d;
            csv.append(String.format(java.util.Locale.ROOT, "fp16-gemm,1024,%d,%d,4,4,128,256,\"own\",%.6f,0,0,%.0f,%.0f,fp16,0,0,0,pass,0,,%n",
                    d, d, (ops / 200e12 + 4e-6) * 1e3, 2.0 * d * d, ops));
        }
        Files.writeString(gpu.resolve("results.csv"), csv);
        CliTest.Result r = CliTest.run("gpu", "model", "--gpu", "a100", "--model", "gpt2-small", "--results", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("roofline error against 6 measured kernels"), r.out());
        assertTrue(r.out().contains("least-squares fit"), r.out());
        assertTrue(r.out().contains("fp16-gemv 1x4096x4096"), r.out());
    }

    @Test
    void badPresetNamesTheChoices() {
        CliTest.Result r = CliTest.run("gpu", "model", "--gpu", "v100", "--model", "gpt2-xl");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--gpu 'v100': no such preset (expected a file or one of a100-80gb"), r.err());
        assertEquals(2, CliTest.run("gpu", "model", "--gpu", "a100", "--model", "gpt2-xl", "--phase", "train").code());
    }
}
