package dev.bitline.gpu.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds {@code bitline-cuda} from {@code gpu-reference/cuda/} with CMake + nvcc into
 * {@code <buildRoot>/<hash>/}, where the hash covers every source file (path and bytes), the
 * target architecture and the nvcc version: an unchanged tree is never compiled twice (a build
 * takes a minute or more on two cores), and a changed one never reuses a stale binary.
 * A compile error is a {@link BuildFailure} carrying the compiler's output.
 */
public final class CudaBuild {
    /** Default target: sm_90 (H100/H200); one architecture keeps the build short. */
    public static final String DEFAULT_ARCH = "90";
    public static final String BINARY = "bitline-cuda";

    private CudaBuild() {}

    /** The build failed; the message ends with the last lines of the compiler output. */
    public static final class BuildFailure extends RuntimeException {
        private final String log;

        BuildFailure(String what, String log) {
            super(what + ":\n" + tail(log, 40));
            this.log = log;
        }

        public String log() {
            return log;
        }
    }

    /** Where a build lands and whether it came from the cache. */
    public record Built(Path binary, boolean cached, String hash) {}

    /** Builds (or reuses) the binary for {@code arch} (e.g. "80", "90"). */
    public static Built build(Path sourceDir, Path buildRoot, String arch, Toolchain tc) {
        if (!arch.matches("[0-9]{2,3}[a-z]?")) {
            throw new IllegalArgumentException("CUDA architecture '" + arch + "' (expected a compute capability like 80 or 90)");
        }
        String hash = hash(sourceDir, arch, tc.nvccVersion());
        Path dir = buildRoot.resolve(hash);
        Path bin = dir.resolve(BINARY);
        if (Files.isExecutable(bin)) {
            return new Built(bin, true, hash);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Toolchain.ProcessResult conf = Toolchain.ProcessResult.run(List.of(tc.cmake().toString(),
                "-S", sourceDir.toAbsolutePath().toString(), "-B", dir.toAbsolutePath().toString(),
                "-DCMAKE_CUDA_COMPILER=" + tc.nvcc(), "-DCMAKE_CUDA_ARCHITECTURES=" + arch,
                "-DCMAKE_BUILD_TYPE=Release"), dir, 600);
        if (conf.exitCode() != 0) {
            throw new BuildFailure("cmake configure of " + sourceDir + " failed (exit " + conf.exitCode() + ")", conf.output());
        }
        int jobs = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        Toolchain.ProcessResult make = Toolchain.ProcessResult.run(List.of(tc.cmake().toString(),
                "--build", dir.toAbsolutePath().toString(), "-j", Integer.toString(jobs)), dir, 1800);
        if (make.exitCode() != 0 || !Files.isExecutable(bin)) {
            throw new BuildFailure("compiling bitline-cuda failed (exit " + make.exitCode() + ")", make.output());
        }
        return new Built(bin, false, hash);
    }

    /** SHA-256 over (relative path, bytes) of every source file, the arch and the nvcc version; 16 hex digits. */
    static String hash(Path sourceDir, String arch, String nvccVersion) {
        try (Stream<Path> files = Files.walk(sourceDir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                md.update(sourceDir.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Files.readAllBytes(p));
                md.update((byte) 0);
            }
            md.update(("arch=" + arch + ";nvcc=" + nvccVersion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CUDA sources in " + sourceDir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String s, int lines) {
        String[] l = s.strip().split("\n");
        int from = Math.max(0, l.length - lines);
        return String.join("\n", java.util.Arrays.copyOfRange(l, from, l.length));
    }
}
