package dev.bitline.lut.ppa;

import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.quant.ActivationFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The LUT-versus-MAC comparison over weight/activation precisions and the UNPU-style step-by-step
 * ablation, from one cost model. Published LUT Tensor Core figures are carried alongside only to
 * print the gap; nothing here is fitted to them.
 */
public final class PpaStudy {
    /** Weight precisions compared. */
    public static final int[] WEIGHT_BITS = {1, 2, 4};
    /** Activation formats compared (A8 = int8, A16 = fp16). */
    public static final ActivationFormat[] ACTS = {ActivationFormat.INT8, ActivationFormat.FP16};

    /** Published step-by-step figures (LUT Tensor Core paper, W_INT2 A_INT8, M*N*K = 512). */
    public static final String[] ABLATION_STEPS = {
        "UNPU (plain 2^k tables, in-array precompute)",
        "+ weight reinterpretation",
        "+ negation-circuit elimination",
        "+ precompute fusion (= LUT Tensor Core)",
    };
    public static final double[] PAPER_ABLATION_AREA_UM2 = {17271.71, 13116.60, 12780.05, 11991.29};
    public static final double[] PAPER_ABLATION_POWER_MW = {23.39, 17.98, 17.37, 16.22};

    /** One (W, A) point: the LUT array and its throughput-matched MAC baseline. */
    public record GridRow(int weightBits, ActivationFormat act, PpaResult lut, PpaResult mac) {
        public double densityRatio() {
            return lut.topsPerMm2() / mac.topsPerMm2();
        }

        public double efficiencyRatio() {
            return lut.topsPerW() / mac.topsPerW();
        }

        public double areaRatio() {
            return lut.areaUm2() / mac.areaUm2();
        }

        public double powerRatio() {
            return lut.powerMw() / mac.powerMw();
        }
    }

    /** One ablation step at W2 A8. */
    public record AblationRow(String step, PpaResult result, double paperAreaUm2, double paperPowerMw) {}

    public record Result(String techName, TechScaling.Factors factors, List<GridRow> grid, List<AblationRow> ablation) {}

    private PpaStudy() {}

    public static Result run(LutDesign lut, MacDesign mac, CostModel cost, double clockHz) {
        return run(lut, mac, cost, clockHz, null);
    }

    /** With SRAM buffers counted on both sides when {@code buffers} is non-null. */
    public static Result run(LutDesign lut, MacDesign mac, CostModel cost, double clockHz, BufferSizes buffers) {
        List<GridRow> grid = new ArrayList<>();
        for (ActivationFormat act : ACTS) {
            for (int w : WEIGHT_BITS) {
                if (w > lut.maxWeightBits()) {
                    continue;
                }
                grid.add(new GridRow(w, act,
                        LutPpa.evaluate("LUT", lut, w, act, cost, clockHz, buffers),
                        MacPpa.evaluate("MAC", mac, lut, w, act, cost, clockHz, buffers)));
            }
        }
        List<AblationRow> ablation = new ArrayList<>();
        LutDesign unpu = lut.withSymmetrized(false).withPrecomputeFused(false);
        LutDesign[] steps = {
            unpu,
            unpu.withSymmetrized(true).withNegationEliminated(false),
            unpu.withSymmetrized(true).withNegationEliminated(true),
            unpu.withSymmetrized(true).withNegationEliminated(true).withPrecomputeFused(true),
        };
        int w = Math.min(2, lut.maxWeightBits());
        for (int i = 0; i < steps.length; i++) {
            ablation.add(new AblationRow(ABLATION_STEPS[i],
                    LutPpa.evaluate(ABLATION_STEPS[i], steps[i], w, ActivationFormat.INT8, cost, clockHz, buffers),
                    PAPER_ABLATION_AREA_UM2[i], PAPER_ABLATION_POWER_MW[i]));
        }
        return new Result(cost.table().name(), cost.factors(), grid, ablation);
    }

    public static String gridCsv(Result r) {
        StringBuilder sb = new StringBuilder(
                "weights,acts,lut_area_um2,lut_power_mw,lut_tops,lut_tops_per_mm2,lut_tops_per_w,"
                        + "mac_area_um2,mac_power_mw,mac_tops,mac_tops_per_mm2,mac_tops_per_w,density_ratio,efficiency_ratio\n");
        for (GridRow g : r.grid()) {
            sb.append(String.format(Locale.ROOT, "W%d,%s,%.2f,%.4f,%.4f,%.3f,%.3f,%.2f,%.4f,%.4f,%.3f,%.3f,%.3f,%.3f%n",
                    g.weightBits(), actName(g.act()),
                    g.lut().areaUm2(), g.lut().powerMw(), g.lut().tops(), g.lut().topsPerMm2(), g.lut().topsPerW(),
                    g.mac().areaUm2(), g.mac().powerMw(), g.mac().tops(), g.mac().topsPerMm2(), g.mac().topsPerW(),
                    g.densityRatio(), g.efficiencyRatio()));
        }
        return sb.toString();
    }

    public static String ablationCsv(Result r) {
        StringBuilder sb = new StringBuilder(
                "step,area_um2,power_mw,density_vs_unpu,efficiency_vs_unpu,paper_area_um2,paper_power_mw,paper_density_vs_unpu,paper_efficiency_vs_unpu\n");
        AblationRow base = r.ablation().get(0);
        for (AblationRow a : r.ablation()) {
            sb.append(String.format(Locale.ROOT, "\"%s\",%.2f,%.4f,%.4f,%.4f,%.2f,%.2f,%.4f,%.4f%n", a.step(),
                    a.result().areaUm2(), a.result().powerMw(),
                    base.result().areaUm2() / a.result().areaUm2(), base.result().powerMw() / a.result().powerMw(),
                    a.paperAreaUm2(), a.paperPowerMw(),
                    base.paperAreaUm2() / a.paperAreaUm2(), base.paperPowerMw() / a.paperPowerMw()));
        }
        return sb.toString();
    }

    /** Per-part breakdown of every design in the study, for inspection. */
    public static String partsCsv(Result r) {
        StringBuilder sb = new StringBuilder("design,weights,acts,part,unit,count,unit_area_um2,area_um2,energy_per_cycle_pj\n");
        for (GridRow g : r.grid()) {
            for (PpaResult res : List.of(g.lut(), g.mac())) {
                appendParts(sb, res.design(), res);
            }
        }
        for (AblationRow a : r.ablation()) {
            appendParts(sb, a.step(), a.result());
        }
        return sb.toString();
    }

    private static void appendParts(StringBuilder sb, String design, PpaResult res) {
        for (PartUse p : res.parts()) {
            sb.append(String.format(Locale.ROOT, "\"%s\",W%d,%s,\"%s\",\"%s\",%.2f,%.4f,%.2f,%.5f%n", design,
                    res.weightBits(), actName(res.act()), p.name(), p.unit(), p.count(), p.unitAreaUm2(),
                    p.areaUm2(), p.energyPerCyclePj()));
        }
    }

    public static String actName(ActivationFormat a) {
        return a == ActivationFormat.INT8 ? "A8" : "A16";
    }

    /** Human-readable report. */
    public static String format(Result r, String configName) {
        StringBuilder sb = new StringBuilder();
        sb.append(configName).append('\n');
        sb.append("tech: ").append(r.techName()).append(String.format(Locale.ROOT,
                "  (Stillmaker & Baas factors from 45 nm/0.9 V: area x%.4f, energy x%.4f)%n",
                r.factors().area(), r.factors().energy()));
        sb.append(String.format(Locale.ROOT, "%n%-8s %11s %9s %9s %9s %11s %9s %9s %9s %8s %8s%n",
                "W/A", "LUT um2", "LUT mW", "TOPS/mm2", "TOPS/W", "MAC um2", "MAC mW", "TOPS/mm2", "TOPS/W",
                "density", "energy"));
        for (GridRow g : r.grid()) {
            sb.append(String.format(Locale.ROOT, "%-8s %11.1f %9.3f %9.2f %9.2f %11.1f %9.3f %9.2f %9.2f %7.2fx %7.2fx%n",
                    "W" + g.weightBits() + actName(g.act()),
                    g.lut().areaUm2(), g.lut().powerMw(), g.lut().topsPerMm2(), g.lut().topsPerW(),
                    g.mac().areaUm2(), g.mac().powerMw(), g.mac().topsPerMm2(), g.mac().topsPerW(),
                    g.densityRatio(), g.efficiencyRatio()));
        }
        sb.append(String.format(Locale.ROOT, "%nStep-by-step (W2 A8, one tile):%n%-46s %10s %8s %8s %8s   %-17s%n",
                "configuration", "area um2", "mW", "density", "eff.", "paper density/eff."));
        AblationRow base = r.ablation().get(0);
        for (AblationRow a : r.ablation()) {
            sb.append(String.format(Locale.ROOT, "%-46s %10.1f %8.3f %7.3fx %7.3fx   %.3fx / %.3fx%n", a.step(),
                    a.result().areaUm2(), a.result().powerMw(),
                    base.result().areaUm2() / a.result().areaUm2(), base.result().powerMw() / a.result().powerMw(),
                    base.paperAreaUm2() / a.paperAreaUm2(), base.paperPowerMw() / a.paperPowerMw()));
        }
        return sb.toString();
    }

    /** The files {@link #write} creates, for messages. */
    public static final String FILES = "{lut-vs-mac.csv, ablation.csv, parts.csv, lut-vs-mac.png, ablation.png}";

    /** Writes the study's tables and plots into {@code dir}, each atomically. */
    public static void write(Path dir, Result r) {
        AtomicFiles.write(dir.resolve("lut-vs-mac.csv"), gridCsv(r));
        AtomicFiles.write(dir.resolve("ablation.csv"), ablationCsv(r));
        AtomicFiles.write(dir.resolve("parts.csv"), partsCsv(r));
        PpaPlots.writeRatios(dir.resolve("lut-vs-mac.png"), r);
        PpaPlots.writeAblation(dir.resolve("ablation.png"), r);
    }
}
