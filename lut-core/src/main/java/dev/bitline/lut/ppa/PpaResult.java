package dev.bitline.lut.ppa;

import dev.bitline.sim.quant.ActivationFormat;
import java.util.List;

/**
 * Area and power of one design at one (weight bits, activation) point.
 *
 * @param design design name
 * @param weightBits weight precision the throughput is counted at
 * @param act activation format
 * @param parts per-part breakdown
 * @param opsPerCycle useful operations per cycle (a multiply-accumulate counts as 2)
 * @param clockHz clock frequency
 */
public record PpaResult(String design, int weightBits, ActivationFormat act, List<PartUse> parts,
        double opsPerCycle, double clockHz) {

    public PpaResult {
        parts = List.copyOf(parts);
    }

    public double areaUm2() {
        return parts.stream().mapToDouble(PartUse::areaUm2).sum();
    }

    public double energyPerCyclePj() {
        return parts.stream().mapToDouble(PartUse::energyPerCyclePj).sum();
    }

    /** Dynamic power (leakage is not modelled). */
    public double powerMw() {
        return energyPerCyclePj() * 1e-12 * clockHz * 1e3;
    }

    public double tops() {
        return opsPerCycle * clockHz / 1e12;
    }

    public double topsPerMm2() {
        return tops() / (areaUm2() / 1e6);
    }

    public double topsPerW() {
        return opsPerCycle / energyPerCyclePj(); // ops/pJ == TOPS/W
    }
}
