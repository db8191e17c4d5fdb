package dev.bitline.mapping.gpu;

/**
 * The roofline time of one kernel on a GPU preset: the longer of moving its bytes at the
 * achievable bandwidth and doing its operations at the achievable throughput, plus the fixed
 * per-kernel overhead. This is a model, and everything that prints its numbers says "modelled".
 */
public final class Roofline {
    private final GpuPreset preset;

    public Roofline(GpuPreset preset) {
        this.preset = preset;
    }

    public GpuPreset preset() {
        return preset;
    }

    /**
     * Which side of the ridge a kernel sits on, and its time.
     *
     * @param seconds modelled time
     * @param memorySeconds bytes / achievable bandwidth
     * @param computeSeconds ops / achievable throughput
     * @param overheadSeconds fixed per-kernel time
     */
    public record Estimate(double seconds, double memorySeconds, double computeSeconds, double overheadSeconds) {
        public boolean memoryBound() {
            return memorySeconds >= computeSeconds;
        }
    }

    /** Time of a kernel that does {@code ops} operations in {@code p} and moves {@code bytes}. */
    public Estimate estimate(double ops, double bytes, Precision p) {
        GpuPreset.Achievable f = preset.achievable();
        double mem = bytes / (preset.gpu().bandwidth().bytesPerSecond() * f.bandwidth());
        double comp = ops / (preset.peakOpsPerSecond(p) * f.compute());
        double over = f.kernelOverhead().seconds();
        return new Estimate(Math.max(mem, comp) + over, mem, comp, over);
    }

    public double seconds(double ops, double bytes, Precision p) {
        return estimate(ops, bytes, p).seconds();
    }

    /** Ops per byte where the two roofs meet for {@code p}. */
    public double ridge(Precision p) {
        GpuPreset.Achievable f = preset.achievable();
        return preset.peakOpsPerSecond(p) * f.compute() / (preset.gpu().bandwidth().bytesPerSecond() * f.bandwidth());
    }

    /** Energy of {@code seconds} of kernel time at the preset's board power, joules. */
    public double energy(double seconds) {
        return seconds * preset.gpu().boardPower();
    }
}
