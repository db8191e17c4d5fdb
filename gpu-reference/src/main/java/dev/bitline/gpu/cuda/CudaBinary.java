package dev.bitline.gpu.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A built {@code bitline-cuda} and the protocol to talk to it: {@code info} prints the device
 * as JSON (exit 3 when there is none), {@code run --op OP --dir DIR} reads the op's inputs from
 * DIR, writes {@code out.npy} and {@code timing.json} there. Exit statuses: 0 ok, 1 CUDA
 * error, 2 bad input, 3 no CUDA device, 4 op not built in.
 */
public record CudaBinary(Path path) {
    public static final int EXIT_NO_DEVICE = 3;
    public static final int EXIT_NOT_BUILT = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The device as bitline-cuda reports it. */
    public record GpuInfo(String gpu, String computeCapability, int smCount, double peakBandwidthGBs,
                          long globalMemoryBytes, int driverCudaVersion, int runtimeVersion, boolean cublas) {

        /** "12.4" from 12040. */
        public static String version(int v) {
            return (v / 1000) + "." + (v % 1000) / 10;
        }

        /** A folder name for results/gpu/: lower case, runs of other characters as '-'. */
        public String slug() {
            return gpu.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }

        static GpuInfo of(JsonNode j) {
            return new GpuInfo(j.path("gpu").asText(), j.path("compute_capability").asText(), j.path("sm_count").asInt(),
                    j.path("peak_bandwidth_gbs").asDouble(), j.path("global_memory_bytes").asLong(),
                    j.path("driver_cuda_version").asInt(), j.path("runtime_version").asInt(), j.path("cublas").asBoolean());
        }
    }

    /** One timed kernel: median of {@code iters} CUDA-event timings after {@code warmup} runs. */
    public record Timing(String op, String kernel, int m, int n, int k, int warmup, int iters, double medianMs,
                         double minMs, double maxMs, GpuInfo device) {

        public static Timing parse(String json) {
            try {
                JsonNode j = JSON.readTree(json);
                return new Timing(j.path("op").asText(), j.path("kernel").asText(), j.path("m").asInt(), j.path("n").asInt(),
                        j.path("k").asInt(), j.path("warmup").asInt(), j.path("iters").asInt(), j.path("median_ms").asDouble(),
                        j.path("min_ms").asDouble(), j.path("max_ms").asDouble(), GpuInfo.of(j));
            } catch (IOException e) {
                throw new IllegalArgumentException("timing.json is not JSON: " + e.getMessage(), e);
            }
        }
    }

    /** bitline-cuda exited with a non-zero status; the message is its last line. */
    public static final class RunFailure extends RuntimeException {
        private final int exitCode;

        RunFailure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

        public boolean noDevice() {
            return exitCode == EXIT_NO_DEVICE;
        }
    }

    public GpuInfo info() {
        Toolchain.ProcessResult r = Toolchain.ProcessResult.run(List.of(path.toString(), "info"), null, 120);
        if (r.exitCode() != 0) {
            throw new RunFailure(r.exitCode(), r.lastLine());
        }
        try {
            return GpuInfo.of(JSON.readTree(r.output()));
        } catch (IOException e) {
            throw new RunFailure(1, "bitline-cuda info printed no JSON: " + r.lastLine());
        }
    }

    public Timing run(String op, Path dir, int warmup, int iters) {
        Toolchain.ProcessResult r = Toolchain.ProcessResult.run(List.of(path.toString(), "run", "--op", op,
                "--dir", dir.toAbsolutePath().toString(), "--warmup", Integer.toString(warmup),
                "--iters", Integer.toString(iters)), null, 1800);
        if (r.exitCode() != 0) {
            throw new RunFailure(r.exitCode(), r.lastLine());
        }
        try {
            return Timing.parse(Files.readString(dir.resolve("timing.json")));
        } catch (IOException e) {
            throw new RunFailure(1, "bitline-cuda wrote no timing.json in " + dir);
        }
    }
}
