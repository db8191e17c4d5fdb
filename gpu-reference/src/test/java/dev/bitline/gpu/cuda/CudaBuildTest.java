package dev.bitline.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.gpu.op.OpSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA sources compile wherever nvcc and cmake exist (a compile error fails the build),
 * and the binary agrees with the Java side on the op names. Runs on a GPU are GpuRunTest's.
 */
class CudaBuildTest {
    static final Path SOURCES = Path.of("cuda");
    static final Path BUILD_ROOT = Path.of("target", "cuda-build");

    /** The binary for the default arch, built once per source hash; skips without a toolchain. */
    static CudaBinary binary() {
        Toolchain.Detected d = Toolchain.detect();
        assumeTrue(d.toolchain().isPresent(), "CUDA build skipped: " + d.reason());
        return new CudaBinary(CudaBuild.build(SOURCES, BUILD_ROOT, CudaBuild.DEFAULT_ARCH, d.toolchain().get()).binary());
    }

    @Test
    void sourcesCompileAndListTheJavaOps() {
        CudaBinary bin = binary();
        Toolchain.ProcessResult ops = Toolchain.ProcessResult.run(List.of(bin.path().toString(), "ops"), null, 60);
        assertEquals(0, ops.exitCode(), ops.output());
        assertEquals(OpSpec.names(), ops.output().strip().lines().toList());
    }

    @Test
    void withoutAGpuInfoExitsThree() {
        CudaBinary bin = binary();
        assumeTrue(GpuProbe.absentReason().isPresent(), "a GPU is present; GpuRunTest covers it");
        CudaBinary.RunFailure f = org.junit.jupiter.api.Assertions.assertThrows(CudaBinary.RunFailure.class, bin::info);
        assertTrue(f.noDevice(), f.getMessage());
        assertTrue(f.getMessage().startsWith("bitline-cuda: no CUDA device"), f.getMessage());
    }

    @Test
    void badFlagsExitTwo() {
        CudaBinary bin = binary();
        Toolchain.ProcessResult r = Toolchain.ProcessResult.run(List.of(bin.path().toString(), "run", "--op", "nope",
                "--dir", "."), null, 60);
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.lastLine().contains("unknown op 'nope'"), r.output());
    }

    @Test
    void hashFollowsContentArchAndCompiler(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.cu"), "__global__ void k() {}\n");
        String h = CudaBuild.hash(dir, "90", "release 13.0");
        assertEquals(h, CudaBuild.hash(dir, "90", "release 13.0"));
        assertNotEquals(h, CudaBuild.hash(dir, "80", "release 13.0"));
        assertNotEquals(h, CudaBuild.hash(dir, "90", "release 12.4"));
        Files.writeString(dir.resolve("a.cu"), "__global__ void k() { }\n");
        assertNotEquals(h, CudaBuild.hash(dir, "90", "release 13.0"));
    }
}
