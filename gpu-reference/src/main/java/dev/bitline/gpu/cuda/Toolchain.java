package dev.bitline.gpu.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CUDA compiler and CMake this machine has, found on the PATH (or {@code BITLINE_NVCC} /
 * {@code BITLINE_CMAKE}). Absence is a normal state (no CUDA toolkit): {@link #detect} then
 * says why in one line, and callers skip or print it.
 *
 * @param nvcc        path of nvcc (a wrapper script is fine: CMake follows it)
 * @param cmake       path of cmake
 * @param nvccVersion the "release X.Y, VX.Y.Z" line of {@code nvcc --version}
 */
public record Toolchain(Path nvcc, Path cmake, String nvccVersion) {

    /** Either a toolchain or the one-line reason there is none. */
    public record Detected(Optional<Toolchain> toolchain, String reason) {}

    public static Detected detect() {
        Optional<Path> nvcc = find("BITLINE_NVCC", "nvcc");
        if (nvcc.isEmpty()) {
            return new Detected(Optional.empty(), "nvcc not found (no CUDA toolkit on the PATH; set BITLINE_NVCC)");
        }
        Optional<Path> cmake = find("BITLINE_CMAKE", "cmake");
        if (cmake.isEmpty()) {
            return new Detected(Optional.empty(), "cmake not found (needed to build bitline-cuda)");
        }
        ProcessResult v = ProcessResult.run(List.of(nvcc.get().toString(), "--version"), null, 60);
        if (v.exitCode() != 0) {
            return new Detected(Optional.empty(), nvcc.get() + " --version failed: " + v.lastLine());
        }
        String version = v.output().lines().filter(l -> l.contains("release")).findFirst().orElse(v.lastLine()).trim();
        return new Detected(Optional.of(new Toolchain(nvcc.get(), cmake.get(), version)), "");
    }

    static Optional<Path> find(String env, String name) {
        String forced = System.getenv(env);
        if (forced != null && !forced.isBlank()) {
            Path p = Path.of(forced);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of(path == null ? new String[0] : path.split(java.io.File.pathSeparator)));
        dirs.add("/usr/local/cuda/bin");
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Output and exit status of a finished child process (stdout and stderr merged). */
    public record ProcessResult(int exitCode, String output) {

        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1];
        }

        /** Runs a command, merging stderr into stdout; exit 124 on timeout, 127 if it cannot start. */
        public static ProcessResult run(List<String> cmd, Path dir, long timeoutSeconds) {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            try {
                Process p = pb.start();
                byte[][] out = new byte[1][];
                Thread reader = new Thread(() -> {
                    try {
                        out[0] = p.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        out[0] = new byte[0];
                    }
                });
                reader.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    reader.join(5000);
                    return new ProcessResult(124, text(out[0]) + "\n(timed out after " + timeoutSeconds + " s)");
                }
                reader.join();
                return new ProcessResult(p.exitValue(), text(out[0]));
            } catch (IOException e) {
                return new ProcessResult(127, "cannot run " + cmd.get(0) + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ProcessResult(130, "interrupted");
            }
        }

        private static String text(byte[] b) {
            return b == null ? "" : new String(b, StandardCharsets.UTF_8);
        }
    }
}
