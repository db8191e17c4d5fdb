package dev.bitline.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.gpu.cuda.CudaBinary;
import dev.bitline.gpu.op.GpuCheck;
import dev.bitline.gpu.op.GpuOps;
import dev.bitline.gpu.op.OpSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check and bench pipeline against {@link FakeCuda} (no GPU needed). */
class GpuBenchTest {

    @Test
    void checkReportsBandwidthAndCatchesACorruptOutput(@TempDir Path dir) throws Exception {
        GpuOps.Prepared p = GpuOps.prepare(OpSpec.of("w4a16-gemv", 1, 256, 256), 1);
        GpuCheck.Report ok = GpuCheck.run(new CudaBinary(FakeCuda.write(dir, false)), p, dir, 2, 3);
        assertTrue(ok.comparison().pass(), ok.comparison().detail());
        // bytes: 2*256 activations + 256*256*4/8 codes + 4*256*2 scales/zeros + 4*256 outputs
        assertEquals(512 + 32768 + 2048 + 1024, ok.bytes());
        assertEquals(ok.bytes() / 1e-5 / 1e9, ok.effectiveGBs(), 1e-6);
        assertEquals(100 * ok.effectiveGBs() / 3352.3, ok.percentOfPeak(), 1e-9);
        assertEquals("Fake GPU 9000", ok.timing().device().gpu());

        GpuCheck.Report bad = GpuCheck.run(new CudaBinary(FakeCuda.write(dir, true)), p, dir, 2, 3);
        assertFalse(bad.comparison().pass());
        GpuOps.Prepared exact = GpuOps.prepare(OpSpec.of("ternary-gemv", 1, 64, 64), 1);
        GpuCheck.Report badExact = GpuCheck.run(new CudaBinary(FakeCuda.write(dir, true)), exact, dir, 2, 3);
        assertFalse(badExact.comparison().pass());
        assertTrue(badExact.comparison().detail().contains("differ"), badExact.comparison().detail());
    }

    @Test
    void benchWritesCsvPlotAndReadme(@TempDir Path dir) throws Exception {
        List<OpSpec> suite = List.of(OpSpec.of("w4a16-gemv", 1, 128, 256), OpSpec.parse("lut-gemv", 1, 128, 256, 4, 4, 128, 0),
                OpSpec.of("cublas-gemm", 16, 32, 64), OpSpec.parse("bipolar-gemm", 16, 16, 256, 2, 2, 128, 0));
        CudaBinary fake = new CudaBinary(FakeCuda.write(dir, false));
        List<String> log = new ArrayList<>();
        List<GpuBench.Row> rows = GpuBench.run(fake, suite, dir.resolve("work"), 1, 3, 5, log::add);
        assertEquals(3, rows.size(), "cublas-gemm is skipped on a binary without cuBLAS");
        assertTrue(log.stream().anyMatch(l -> l.contains("skipped") && l.contains("cuBLAS")), log.toString());
        GpuBench.Row lut = rows.get(1);
        assertEquals("w4a16-gemv 1x128x256 g128", lut.versus());
        assertEquals(1.0, lut.speedupVsDequant().orElseThrow(), 1e-12);
        Path out = GpuBench.write(rows, fake.info(), "bitline gpu bench --quick", "release 13.0", dir.resolve("results"));
        assertEquals(dir.resolve("results").resolve("fake-gpu-9000"), out);
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(2).startsWith("lut-gemv,1,128,256,4,"), csv.get(2));
        assertTrue(csv.get(2).contains(",pass,"), csv.get(2));
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("bitline gpu bench --quick") && readme.contains("| driver (CUDA API) | 12.4 |"), readme);
        assertTrue(Files.size(out.resolve("bandwidth.png")) > 1000);
    }
}
