package dev.bitline.gpu.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds or builds the bitline-cuda this machine can run, or says in one line why there is
 * none ({@link Unavailable}: no GPU, no CUDA toolkit). Order matters: the cheap GPU probe
 * comes first so that a machine without a GPU never spends a minute compiling.
 *
 * @param sources   gpu-reference/cuda
 * @param buildRoot where hashed builds go (gpu-reference/target/cuda-build)
 */
public record CudaEnvironment(Path sources, Path buildRoot) {

    /** No GPU or no way to build the binary: a normal state, reported, never a stack trace. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    /** The tree the launcher runs from ({@code BITLINE_HOME}), else the working directory. */
    public static CudaEnvironment standard() {
        String home = System.getenv("BITLINE_HOME");
        Path root = home != null && !home.isBlank() ? Path.of(home) : Path.of("");
        return new CudaEnvironment(root.resolve("gpu-reference").resolve("cuda"),
                root.resolve("gpu-reference").resolve("target").resolve("cuda-build"));
    }

    /**
     * The binary: {@code explicit} when given, else a build for {@code arch} ("auto": the GPU's
     * compute capability from nvidia-smi, else {@link CudaBuild#DEFAULT_ARCH}).
     */
    public CudaBinary binary(Path explicit, String arch, Consumer<String> progress) {
        if (explicit != null) {
            if (!Files.isExecutable(explicit)) {
                throw new IllegalArgumentException("--binary: " + explicit + " is not an executable file");
            }
            return new CudaBinary(explicit);
        }
        GpuProbe.absentReason().ifPresent(r -> {
            throw new Unavailable(r);
        });
        Toolchain.Detected d = Toolchain.detect();
        Toolchain tc = d.toolchain().orElseThrow(() -> new Unavailable(d.reason()));
        if (!Files.isDirectory(sources)) {
            throw new Unavailable("CUDA sources not found at " + sources.toAbsolutePath() + " (set BITLINE_HOME)");
        }
        String a = "auto".equals(arch) ? detectArch() : arch;
        progress.accept("building bitline-cuda for sm_" + a + " (cached by source hash)...");
        return new CudaBinary(CudaBuild.build(sources, buildRoot, a, tc).binary());
    }

    /** Compute capability of GPU 0 as "90", or the default when nvidia-smi cannot say. */
    static String detectArch() {
        return Toolchain.find("BITLINE_NVIDIA_SMI", "nvidia-smi").map(smi -> {
            Toolchain.ProcessResult r = Toolchain.ProcessResult.run(List.of(smi.toString(),
                    "--query-gpu=compute_cap", "--format=csv,noheader"), null, 30);
            String cc = r.output().strip().lines().findFirst().orElse("").trim();
            return r.exitCode() == 0 && cc.matches("[0-9]+\\.[0-9]+") ? cc.replace(".", "") : CudaBuild.DEFAULT_ARCH;
        }).orElse(CudaBuild.DEFAULT_ARCH);
    }
}
