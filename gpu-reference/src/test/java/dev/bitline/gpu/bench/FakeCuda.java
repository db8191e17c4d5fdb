package dev.bitline.gpu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stand-in for bitline-cuda speaking its protocol (info / run, exit codes, out.npy and
 * timing.json) that "computes" by copying golden.npy, or a corrupted copy of it: it lets the
 * runner, comparison and report path be tested on machines without a GPU.
 */
public final class FakeCuda {
    private FakeCuda() {}

    public static final String DEVICE = "\"gpu\": \"Fake GPU 9000\", \"compute_capability\": \"9.0\", \"sm_count\": 132, "
            + "\"memory_clock_khz\": 2619000, \"bus_width_bits\": 5120, \"peak_bandwidth_gbs\": 3352.3, "
            + "\"global_memory_bytes\": 85899345920, \"driver_cuda_version\": 12040, \"runtime_version\": 13000, "
            + "\"cublas\": false";

    /** Writes the script; {@code corrupt} flips one byte of every output after the header. */
    public static Path write(Path dir, boolean corrupt) throws IOException {
        Path p = dir.resolve(corrupt ? "fake-cuda-bad" : "fake-cuda");
        String flip = corrupt
                ? "printf '\\177' | dd of=\"$dir/out.npy\" bs=1 seek=130 count=1 conv=notrunc 2>/dev/null\n" : "";
        Files.writeString(p, "#!/bin/sh\n"
                + "if [ \"$1\" = info ]; then echo '{" + DEVICE + "}'; exit 0; fi\n"
                + "op=\"$3\"; dir=\"$5\"\n"
                + "if [ \"$op\" = cublas-gemm ]; then echo 'bitline-cuda: cublas-gemm: built without cuBLAS' >&2; exit 4; fi\n"
                + "cp \"$dir/golden.npy\" \"$dir/out.npy\"\n" + flip
                + "echo '{\"op\": \"'\"$op\"'\", \"kernel\": \"fake\", \"m\": 1, \"n\": 1, \"k\": 1, \"warmup\": 2, \"iters\": 3, "
                + "\"median_ms\": 0.01, \"min_ms\": 0.009, \"max_ms\": 0.02, \"timer\": \"cudaEvent\", " + DEVICE
                + ", \"times_ms\": [0.009, 0.01, 0.02]}' > \"$dir/timing.json\"\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }
}
