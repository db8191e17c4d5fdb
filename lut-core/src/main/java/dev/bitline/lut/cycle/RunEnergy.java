package dev.bitline.lut.cycle;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import java.util.Optional;
import dev.bitline.lut.ppa.CostModel;
import dev.bitline.lut.ppa.LutDesign;
import dev.bitline.lut.ppa.LutPpa;

/**
 * Array energy of one simulated GEMM from the PPA model: tile-cycles spent computing at the
 * tile's active energy per cycle, every other tile-cycle at its idle (flip-flop hold) energy.
 * Dynamic energy of the LUT arrays only: no buffers, no memory, no leakage.
 *
 * @param picojoules       energy of the run
 * @param activePjPerCycle one tile computing for one cycle
 * @param idlePjPerCycle   one tile idle (holding its tables) for one cycle
 * @param topsPerWatt      2*M*N*K operations over the energy
 */
public record RunEnergy(double picojoules, double activePjPerCycle, double idlePjPerCycle, double topsPerWatt) {

    public static RunEnergy of(LutDesign design, int weightPlanes, ActivationFormat act, CostModel cost, long clockHz,
                               CycleReport r, long m, long n, long k) {
        double active = LutPpa.evaluate("lut", design, weightPlanes, act, cost, clockHz).energyPerCyclePj();
        double idle = LutPpa.idleEnergyPerCyclePj(design, act, cost);
        long other = (long) r.tiles() * r.cycles() - r.computeTileCycles();
        double pj = r.computeTileCycles() * active + other * idle;
        return new RunEnergy(pj, active, idle, 2.0 * m * n * k / pj);
    }

    /**
     * The array energy of a GEMM of weights {@code wf} and activations {@code af} on array {@code
     * c}, or empty where the PPA model has no datapath for the activations (fp32).
     */
    public static Optional<RunEnergy> of(LutTensorCoreConfig c, CostModel cost, WeightFormat wf, ActivationFormat af,
            CycleReport r, long m, long n, long k) {
        if (af == ActivationFormat.FP32) {
            return Optional.empty();
        }
        return Optional.of(of(c.lutDesign(), wf.planes(), af, cost, c.array().clock().hz(), r, m, n, k));
    }

    /** One line: energy, what it counts, per-cycle figures and TOPS/W. */
    public String summary(String techName) {
        return String.format("array energy  %.3f uJ (%s; compute %.1f pJ/cycle, idle %.1f pJ/cycle per tile), %.2f TOPS/W on this run",
                picojoules * 1e-6, techName, activePjPerCycle, idlePjPerCycle, topsPerWatt);
    }
}
