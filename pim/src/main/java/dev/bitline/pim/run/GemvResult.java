package dev.bitline.pim.run;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.pim.channel.Loss;
import dev.bitline.pim.mac.InputFormat;
import java.util.Map;

/**
 * What one simulated PIM GEMV / GEMM reports.
 *
 * @param n output rows
 * @param k reduction length
 * @param batch input vectors (1 = GEMV)
 * @param format input precision
 * @param cycles channel-clock cycles until the last result reached the host (slowest channel)
 * @param timePs the same in picoseconds
 * @param macs useful multiply-accumulates (batch x n x k)
 * @param peakMacsPerSecond all units at their peak rate
 * @param internalBytes bytes the units read from the banks (every MAC column of every unit)
 * @param commands DRAM and PIM commands issued, all channels
 * @param decisions cycles the channel drivers visited (every cycle when ticked)
 * @param loss fraction of (rank units x time) per {@link Loss}
 * @param energy by component
 * @param output batch x n results in the accumulator format, or null with --timing-only
 * @param verified output equals the plain reference bit for bit (null with --timing-only)
 * @param maxErrorRatio max over outputs of |y - exact| / bound (<= 1 within the format's bound)
 * @param check checker report (null unless checked)
 */
public record GemvResult(int n, int k, int batch, InputFormat format, long cycles, long timePs, long macs,
        double peakMacsPerSecond, long internalBytes, long commands, long decisions, Map<Loss, Double> loss,
        PimEnergy energy, double[][] output, Boolean verified, double maxErrorRatio, CheckReport check) {

    public double seconds() {
        return timePs * 1e-12;
    }

    /** Achieved fraction of peak in-bank MAC throughput. */
    public double utilization() {
        return macs / (peakMacsPerSecond * seconds());
    }

    public double macsPerSecond() {
        return macs / seconds();
    }

    public double internalBytesPerSecond() {
        return internalBytes / seconds();
    }

    public double energyPerMacPj() {
        return energy.total() / macs;
    }
}
