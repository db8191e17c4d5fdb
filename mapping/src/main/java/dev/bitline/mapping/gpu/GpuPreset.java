package dev.bitline.mapping.gpu;

import dev.bitline.sim.config.Default;
import dev.bitline.sim.config.Range;
import dev.bitline.sim.units.Bandwidth;
import dev.bitline.sim.units.DataSize;
import dev.bitline.sim.units.Duration;
import java.util.Map;

/**
 * A named GPU as {@code configs/gpu/*.yaml} describes it: datasheet peaks (the {@code gpu:}
 * section) and the fractions of them a real kernel achieves ({@code achievable:}), which are
 * preset data so that measured runs can calibrate them ({@link RooflineFit}).
 *
 * @param gpu datasheet figures
 * @param achievable fractions of peak reached by real kernels, and per-kernel overhead
 */
public record GpuPreset(Gpu gpu, Achievable achievable) {

    /**
     * @param name printed in reports
     * @param memory device memory (a model that does not fit is an error)
     * @param bandwidth peak DRAM bandwidth
     * @param peakTops dense peak per precision, in tera-operations per second (a FMA counts 2);
     *     a precision the GPU lacks is absent and runs in the next wider one present
     * @param boardPower average board power while running kernels, for energy per token
     * @param source where the figures come from
     */
    public record Gpu(String name, DataSize memory, Bandwidth bandwidth, Map<Precision, Double> peakTops,
            @Range(min = 0) double boardPower, String source) {
        public Gpu {
            if (peakTops.isEmpty()) {
                throw new IllegalArgumentException("peakTops needs at least one precision");
            }
            for (var e : peakTops.entrySet()) {
                if (!(e.getValue() > 0)) {
                    throw new IllegalArgumentException("peakTops." + e.getKey().name().toLowerCase() + " must be > 0");
                }
            }
        }
    }

    /**
     * @param bandwidth fraction of peak bandwidth a streaming kernel reaches
     * @param compute fraction of peak throughput a large GEMM reaches
     * @param kernelOverhead fixed time per kernel (launch, tail), added to every operation
     * @param source why these values (assumed until calibrated from measured runs)
     */
    public record Achievable(@Range(min = 0.01, max = 1) double bandwidth, @Range(min = 0.01, max = 1) double compute,
            @Default("0ns") Duration kernelOverhead, String source) {}

    /** Peak in ops/s for {@code p}, falling back to the next wider precision present (int4 -> int8 -> fp16...). */
    public double peakOpsPerSecond(Precision p) {
        Precision[] order = {Precision.INT4, Precision.INT8, Precision.FP8, Precision.FP16, Precision.BF16, Precision.FP32};
        int start = java.util.Arrays.asList(order).indexOf(p);
        for (int i = start; i < order.length; i++) {
            Double t = gpu.peakTops().get(order[i]);
            if (t != null) {
                return t * 1e12;
            }
        }
        for (Double t : gpu.peakTops().values()) {
            return t * 1e12;
        }
        throw new IllegalStateException("no peak");
    }

    public GpuPreset withAchievable(double bandwidthFraction, double computeFraction, Duration overhead, String source) {
        return new GpuPreset(gpu, new Achievable(bandwidthFraction, computeFraction, overhead, source));
    }
}
