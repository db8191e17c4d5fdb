package dev.bitline.gpu.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.gpu.op.GpuCheck;
import dev.bitline.gpu.op.GpuOps;
import dev.bitline.gpu.op.OpSpec;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kernel on a real GPU against the Java golden (odd shapes, tails and several rows). Skipped without a GPU. */
class GpuRunTest {

    static java.util.List<String> ops() {
        return OpSpec.names();
    }

    @ParameterizedTest
    @MethodSource("ops")
    void kernelMatchesGolden(String op, @TempDir Path dir) {
        Optional<String> absent = GpuProbe.absentReason();
        assumeTrue(absent.isEmpty(), () -> "GPU run skipped: " + absent.orElse(""));
        CudaBinary bin = CudaBuildTest.binary();
        assumeTrue(!op.equals("cublas-gemm") || bin.info().cublas(), "cuBLAS not installed");
        OpSpec spec = switch (op) {
            case "bipolar-gemm" -> OpSpec.parse(op, 20, 24, 512, 3, 2, 128, 0);
            case "fp16-gemm", "cublas-gemm" -> OpSpec.of(op, 70, 90, 160);
            case "lowrank-2stage", "lowrank-fused" -> OpSpec.parse(op, 3, 200, 320, 4, 4, 64, 40);
            case "ternary-gemv" -> OpSpec.of(op, 3, 77, 320);
            default -> OpSpec.parse(op, 3, 77, 320, 3, 4, 64, 0);
        };
        GpuCheck.Report r = GpuCheck.run(bin, GpuOps.prepare(spec, 11), dir, 1, 3);
        assertTrue(r.comparison().pass(), spec.label() + ": " + r.comparison().detail());
    }
}
