package dev.bitline.gpu.op;

import dev.bitline.gpu.cuda.CudaBinary;
import dev.bitline.gpu.npy.Npy;
import dev.bitline.gpu.npy.NpyArray;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs one prepared op on the GPU and judges it: writes the inputs (and {@code golden.npy},
 * for anyone who wants to diff by hand) to a folder, runs bitline-cuda there, reads
 * {@code out.npy}, compares it with the golden and derives effective bandwidth and throughput
 * from the median time.
 */
public final class GpuCheck {
    private GpuCheck() {}

    /**
     * @param effectiveGBs minimum bytes / median time
     * @param percentOfPeak effectiveGBs against the device's peak DRAM bandwidth
     * @param tops operations / median time, in tera-ops per second
     */
    public record Report(OpSpec spec, CudaBinary.Timing timing, Expected.Comparison comparison, long bytes, double ops,
                         String precision, double effectiveGBs, double percentOfPeak, double tops) {}

    public static void writeInputs(GpuOps.Prepared p, Path dir) {
        for (Map.Entry<String, NpyArray> e : p.inputs().entrySet()) {
            Npy.write(dir.resolve(e.getKey() + ".npy"), e.getValue());
        }
        Npy.write(dir.resolve("golden.npy"), p.expected().golden());
    }

    public static Report run(CudaBinary bin, GpuOps.Prepared p, Path dir, int warmup, int iters) {
        writeInputs(p, dir);
        CudaBinary.Timing t = bin.run(p.spec().name(), dir, warmup, iters);
        NpyArray out = Npy.read(dir.resolve("out.npy"));
        Expected.Comparison c = p.expected().compare(out);
        double sec = t.medianMs() / 1e3;
        double gbs = sec > 0 ? p.bytes() / sec / 1e9 : Double.NaN;
        double peak = t.device().peakBandwidthGBs();
        return new Report(p.spec(), t, c, p.bytes(), p.ops(), p.precision(), gbs, peak > 0 ? 100 * gbs / peak : Double.NaN,
                sec > 0 ? p.ops() / sec / 1e12 : Double.NaN);
    }
}
