package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.gpu.bench.FakeCuda;
import dev.bitline.gpu.cuda.GpuProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCommandTest {

    @Test
    void withoutAGpuCheckSaysSoAndExitsThree() {
        assumeTrue(GpuProbe.absentReason().isPresent(), "this machine has a GPU");
        CliTest.Result r = CliTest.run("gpu", "check", "--op", "w4a16-gemv", "--m", "1", "--n", "4096", "--k", "4096");
        assertEquals(GpuCommand.EXIT_NO_GPU, r.code(), r.err());
        assertTrue(r.err().startsWith("bitline gpu: no NVIDIA GPU"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(GpuCommand.EXIT_NO_GPU, CliTest.run("gpu", "bench", "--quick").code());
    }

    @Test
    void badFlagsExitTwo() {
        CliTest.Result r = CliTest.run("gpu", "check", "--op", "w4a16-gemv", "--k", "100");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--k must be a multiple of 32"), r.err());
        assertEquals(2, CliTest.run("gpu", "check", "--op", "nope").code());
        assertEquals(2, CliTest.run("gpu", "check", "--op", "fp16-gemv", "--iters", "0").code());
        assertEquals(2, CliTest.run("gpu", "check", "--op", "fp16-gemv", "--binary", "/no/such/binary").code());
    }

    @Test
    void checkPrintsTimeBandwidthAndVerdict(@TempDir Path dir) throws Exception {
        Path fake = FakeCuda.write(dir, false);
        CliTest.Result r = CliTest.run("gpu", "check", "--op", "lut-gemv", "--n", "256", "--k", "512", "--bits", "2",
                "--binary", fake.toString(), "--keep", dir.resolve("kept").toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("lut-gemv 1x256x512 W2 g128 on Fake GPU 9000 (measured)"), r.out());
        assertTrue(r.out().contains("check      PASS bit-exact"), r.out());
        assertTrue(r.out().contains("% of 3352 GB/s peak"), r.out());
        assertTrue(Files.exists(dir.resolve("kept").resolve("planes.npy")));

        CliTest.Result bad = CliTest.run("gpu", "check", "--op", "fp16-gemv", "--n", "64", "--k", "64",
                "--binary", FakeCuda.write(dir, true).toString());
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.out().contains("check      FAIL"), bad.out());
    }

    @Test
    void benchWritesResultsForTheGpu(@TempDir Path dir) throws Exception {
        CliTest.Result r = CliTest.run("gpu", "bench", "--quick", "--iters", "3", "--binary",
                FakeCuda.write(dir, false).toString(), "--out", dir.resolve("gpu").toString());
        assertEquals(0, r.code(), r.err());
        Path res = dir.resolve("gpu").resolve("fake-gpu-9000");
        assertTrue(Files.readString(res.resolve("README.md")).contains("./bitline gpu bench --quick"));
        assertFalse(Files.readString(res.resolve("results.csv")).contains("FAIL"));
        assertTrue(r.err().contains("skipped"), "cublas-gemm skipped on the fake binary: " + r.err());
    }

    @Test
    void inspectPrintsShapesAndRejectsMalformedNpy(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("a.npy");
        dev.bitline.gpu.npy.Npy.write(ok, dev.bitline.gpu.npy.NpyArray.ofInt32(new int[] {-3, 5, 1}, 3));
        CliTest.Result r = CliTest.run("gpu", "inspect", ok.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("a.npy: <i4 [3], 3 elements, min -3.00000, max 5.00000, mean 1.00000"), r.out());

        Path bad = dir.resolve("bad.npy");
        byte[] b = Files.readAllBytes(ok);
        Files.write(bad, java.util.Arrays.copyOf(b, b.length - 2));
        CliTest.Result e = CliTest.run("gpu", "inspect", bad.toString());
        assertEquals(2, e.code());
        assertTrue(e.err().strip().endsWith("bad.npy: truncated data: shape [3] of <i4 needs 12 bytes, file has 10"), e.err());
        assertEquals(1, e.err().strip().lines().count());
        b[1] = 'X';
        Files.write(bad, b);
        assertEquals(2, CliTest.run("gpu", "inspect", bad.toString()).code());
    }
}
