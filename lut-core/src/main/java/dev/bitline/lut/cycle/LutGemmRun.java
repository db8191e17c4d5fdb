package dev.bitline.lut.cycle;

import dev.bitline.sim.Component;
import dev.bitline.sim.Simulator;
import java.util.function.BiFunction;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.WeightFormat;
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
            boolean exactRequired, boolean verified, String statsJson) {

        /**
         * The printed summary of this run of an {@code m x n x k} GEMM on array {@code c}: shape,
         * cycles, time, utilization, bound, where the tile-cycles went, memory traffic, events,
         * and whether the output matched the reference.
         */
        public String summary(LutTensorCoreConfig c, WeightFormat wf, ActivationFormat af, int m, int n, int k) {
            java.io.StringWriter sw = new java.io.StringWriter();
            java.io.PrintWriter out = new java.io.PrintWriter(sw);
            CycleReport r = report;
            out.printf("%s%n", c.name());
            out.printf("GEMM %d x %d x %d, weights %s (%d planes), activations %s, %d tile(s) of M%d N%d K%d, precompute %s%n",
                    m, n, k, wf.name(), wf.planes(), af.name().toLowerCase(), r.tiles(), c.array().tile().m(),
                    c.array().tile().n(), c.array().tile().k(), c.precompute().fused() ? "fused" : "unfused");
            out.printf("  cycles        %,d%n", r.cycles());
            out.printf("  time          %.3f us at %.3f GHz%n", r.seconds() * 1e6, r.clockHz() / 1e9);
            out.printf("  utilization   %.2f%% (useful lookups %,d / peak %,d)%n", 100 * r.utilization(), r.usefulLookups(), r.peakLookups());
            out.printf("  bound         %s%n", r.bound());
            out.printf("  tile-cycles   compute %.2f%%, weight stall (memory) %.2f%%, table stall %.2f%%, precompute phase %.2f%%, idle %.2f%%%n",
                    100 * r.computeFraction(), 100 * r.weightStallFraction(), 100 * r.tableStallFraction(),
                    100 * r.precomputeFraction(), 100 * r.idleFraction());
            out.printf("  precompute    %,d cycles on the critical path%n", r.precomputeCycles());
            // a DRAM-backed port has no single busy signal: report delivered bandwidth instead
            String port = r.portUtilization() > 0 || c.memory().dram().isEmpty()
                    ? String.format("port busy %.2f%% of cycles", 100 * r.portUtilization())
                    : String.format("delivered %.1f GB/s", r.bytesRead() / r.seconds() / 1e9);
            out.printf("  memory        %,d bytes, %s; tables %s, weights %s%n", r.bytesRead(),
                    port, r.tablesResident() ? "resident" : "re-made per visit (" + r.tableProductions() + ")",
                    r.weightsResident() ? "fetched once, reused across row blocks"
                            : m <= c.array().tile().m() ? "fetched once (one row block)" : "re-streamed per row block");
            out.printf("  events        %,d%n", r.events());
            out.printf("  output        %s (max |LUT - reference| = %s)%n",
                    verified ? (exactRequired ? "equals the dequantize-then-GEMM reference bit for bit"
                            : "within the functional model's error bound of the reference") : "MISMATCH",
                    maxAbsDiff);
            out.flush();
            return sw.toString();
        }
    }

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
