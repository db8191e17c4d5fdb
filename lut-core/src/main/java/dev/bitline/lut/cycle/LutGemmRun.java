package dev.bitline.lut.cycle;

import dev.bitline.sim.Component;
import dev.bitline.sim.Simulator;
import java.util.function.BiFunction;

import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.ReferenceGemm;
import dev.bitline.lut.functional.TablePrecision;

/**
 * One verified GEMM: the cycle model drives the functional model block by block, and the output
 * is checked against the dequantize-then-GEMM reference: bit for bit for integer activations with
 * exact tables (the functional model's guarantee), otherwise within the functional model's
 * documented error bound.
 */
public final class LutGemmRun {
    private LutGemmRun() {}

    /**
     * @param report timing
     * @param output O[M,N] from the functional model, row-major
     * @param reference O[M,N] from the reference
     * @param maxAbsDiff largest |output - reference|
     * @param exactRequired whether bit equality was required (integer activations, exact tables)
     * @param verified whether the check passed
     * @param statsJson the run's statistics (kernel registry, {@code lut.*}) as JSON
     */
    public record Outcome(CycleReport report, double[] output, double[] reference, double maxAbsDiff,
            boolean exactRequired, boolean verified, String statsJson) {}

    /** The timing view of a GEMM on these operands. */
    public static GemmJob job(Activations a, PackedWeights w, LutConfig cfg) {
        return new GemmJob(a.m(), w.n(), a.k(), w.format().planes(), (a.format().bits() + 7) / 8,
                cfg.storedEntries(), LutArrayModel.tableEntryBits(a.format(), cfg));
    }

    public static Outcome run(ArrayParams p, Activations a, PackedWeights w, LutConfig cfg) {
        return run(p, a, w, cfg, null);
    }

    /** Runs on a memory port made by {@code portFactory} (null: the fixed-bandwidth port of {@code p}). */
    public static Outcome run(ArrayParams p, Activations a, PackedWeights w, LutConfig cfg,
            BiFunction<Simulator, Component, MemoryPort> portFactory) {
        Simulator sim = new Simulator(0);
        LutArraySim array = new LutArraySim(sim, "lut", null, p, cfg, portFactory);
        FunctionalBlocks blocks = new FunctionalBlocks(a, w, cfg);
        array.submit(job(a, w, cfg), blocks, -1, 0);
        sim.runUntilQuiet();
        CycleReport report = array.lastReport();
        if (array.pending() != 0 || report == null) {
            throw new IllegalStateException("the simulator went quiet with the GEMM unfinished");
        }
        double[] out = blocks.output();
        double[] ref = ReferenceGemm.multiply(a, w);
        boolean exact = a.format().isInteger() && cfg.table() == TablePrecision.EXACT;
        double[] bound = exact ? null : LutGemm.errorBound(a, w, cfg);
        double maxDiff = 0;
        boolean ok = true;
        for (int i = 0; i < out.length; i++) {
            double d = Math.abs(out[i] - ref[i]);
            maxDiff = Math.max(maxDiff, d);
            if (exact ? Double.doubleToLongBits(out[i]) != Double.doubleToLongBits(ref[i]) && out[i] != ref[i]
                    : !(d <= bound[i])) {
                ok = false;
            }
        }
        return new Outcome(report, out, ref, maxDiff, exact, ok, sim.stats().toJson());
    }
}
