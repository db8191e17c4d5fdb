package dev.bitline.gpu.cuda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A cheap look for an NVIDIA GPU before building anything: the driver's device node or a
 * working {@code nvidia-smi}. The binary's {@code info} stays the authority (a node can exist
 * with a broken driver); this only spares a minute of compiling on machines without a GPU.
 */
public final class GpuProbe {
    private GpuProbe() {}

    /** Empty when a GPU seems present, else the one-line reason none is. */
    public static Optional<String> absentReason() {
        if (Files.exists(Path.of("/dev/nvidia0"))) {
            return Optional.empty();
        }
        Optional<Path> smi = Toolchain.find("BITLINE_NVIDIA_SMI", "nvidia-smi");
        if (smi.isPresent()) {
            Toolchain.ProcessResult r = Toolchain.ProcessResult.run(List.of(smi.get().toString(), "-L"), null, 30);
            if (r.exitCode() == 0 && r.output().contains("GPU")) {
                return Optional.empty();
            }
            return Optional.of("no NVIDIA GPU: nvidia-smi -L says \"" + r.lastLine() + "\"");
        }
        return Optional.of("no NVIDIA GPU on this machine (no /dev/nvidia0, no nvidia-smi)");
    }
}
