package dev.bitline.mapping.study;

import dev.bitline.mapping.run.RunPlots;
import dev.bitline.mapping.run.RunReport;
import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes results/pim-gpt/: README.md, rows.csv, speedup.{png,svg}, breakdown of one model. */
public final class PimGptReport {
    private PimGptReport() {}

    public static void write(List<PimGptStudy.Row> rows, Path dir, int prompt, int tokens, double wall) {
        StringBuilder csv = new StringBuilder("model,parameters,pim_us_per_token,pim_est_us_per_token,pim_uj_per_token,t4_us_per_token_modelled,t4_mj_per_token_modelled,speedup,energy_efficiency\n");
        for (var r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%.3f,%.3f,%.4f,%.2f,%.2f%n", r.model(), r.parameters(),
                    r.pim().latencyPerToken() * 1e6, r.pim().estimatedPs() * 1e-6 / tokens, r.pim().energyPerTokenJ() * 1e6,
                    r.gpu().latencyPerToken() * 1e6, r.gpu().energyPerTokenJ() * 1e3, r.speedup(), r.energyEfficiency()));
        }
        AtomicFiles.write(dir.resolve("rows.csv"), csv.toString());

        CategoryChart chart = new CategoryChartBuilder().width(960).height(520)
                .title("PIM-GPT over T4: speedup per generated token (ours: PIM cycle model / T4 roofline)")
                .xAxisTitle("model").yAxisTitle("x over T4").build();
        List<String> labels = new ArrayList<>();
        List<Double> sp = new ArrayList<>();
        List<Double> en = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        for (var r : rows) {
            labels.add(r.model());
            sp.add(r.speedup());
            en.add(r.energyEfficiency());
            lo.add(PimGptStudy.PAPER_SPEEDUP_GPU[0]);
            hi.add(PimGptStudy.PAPER_SPEEDUP_GPU[1]);
        }
        chart.addSeries("speedup (ours)", labels, sp);
        chart.addSeries("paper speedup, low end 41x", labels, lo);
        chart.addSeries("paper speedup, high end 137x", labels, hi);
        chart.addSeries("energy efficiency (ours)", labels, en);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        RunPlots.write(chart, dir.resolve("speedup"));
        RunPlots.write(RunPlots.breakdown(rows.get(1).pim()), dir.resolve("breakdown-gpt2-medium"));

        double sMin = rows.stream().mapToDouble(PimGptStudy.Row::speedup).min().orElse(0);
        double sMax = rows.stream().mapToDouble(PimGptStudy.Row::speedup).max().orElse(0);
        double eMin = rows.stream().mapToDouble(PimGptStudy.Row::energyEfficiency).min().orElse(0);
        double eMax = rows.stream().mapToDouble(PimGptStudy.Row::energyEfficiency).max().orElse(0);
        double errMax = rows.stream().mapToDouble(r -> Math.abs(r.pim().estimateError())).max().orElse(0);
        StringBuilder md = new StringBuilder();
        md.append("# PIM-GPT reproduction: GPT decode on in-bank PIM vs the T4 GPU\n\n");
        md.append("```sh\n./bitline study pim-gpt                # writes this folder; ")
                .append(String.format(Locale.ROOT, "%.0f s on this machine (2 shared cores)", wall)).append("\n```\n\n");
        md.append(String.format(Locale.ROOT, "Configs: `configs/pim/pim-gpt.yaml` (16 GDDR6 channels x 16 banks, a bf16 MAC unit per bank, host ASIC),\n"
                + "`configs/gpu/t4.yaml` (roofline, **modelled**), models `configs/models/gpt{2,3}-*.json`, compression\n"
                + "`configs/compress/bf16.yaml` on PIM and `fp16.yaml` on the T4; batch 1, prompt %d, %d generated tokens\n"
                + "(step i attends over prompt + i + 1 keys). Per token: every layer graph mapped by `PimMapper`, its GEMVs\n"
                + "and attention products run as DRAM command streams on the timing engine (`PimDevice`), host work on\n"
                + "the ASIC's cost model, KV appends as channel-bus transfers. Identical operations are simulated once\n"
                + "(exact: same description, same idle start).%n%n", prompt, tokens));
        md.append("| model | params | PIM us/token (cycle model) | PIM estimate | PIM uJ/token | T4 us/token (modelled) | T4 mJ/token (modelled) | speedup | energy eff. |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var r : rows) {
            RunReport p = r.pim();
            md.append(String.format(Locale.ROOT, "| %s | %.0f M | %.1f | %.1f (%+.1f%%) | %.0f | %.0f | %.1f | %.1fx | %.1fx |%n", r.model(),
                    r.parameters() / 1e6, p.latencyPerToken() * 1e6, p.estimatedPs() * 1e-6 / tokens, 100 * p.estimateError(),
                    p.energyPerTokenJ() * 1e6, r.gpu().latencyPerToken() * 1e6, r.gpu().energyPerTokenJ() * 1e3, r.speedup(),
                    r.energyEfficiency()));
        }
        md.append("\n![speedup](speedup.png)\n\n");
        md.append("| | ours | paper |\n|---|---|---|\n");
        md.append(String.format(Locale.ROOT, "| speedup vs GPU (T4) | %.0fx - %.0fx (T4 modelled by our roofline) | 41x - 137x (all versions) |%n", sMin, sMax));
        md.append("| speedup vs CPU | not modelled (no CPU preset) | 631x - 1074x |\n");
        md.append(String.format(Locale.ROOT, "| energy efficiency vs GPU | %.0fx - %.0fx | 123x - 383x (journal / v2; v1 said 339x - 1085x) |%n", eMin, eMax));
        md.append("| energy efficiency vs CPU | not modelled | 320x - 602x (journal / v2; v1: 890x - 1632x) |\n\n");
        md.append(String.format(Locale.ROOT, "Analytical estimate vs the PIM cycle model, whole runs: worst %.1f%%.%n%n", 100 * errMax));
        md.append("Where the time goes on PIM (GPT-2 medium):\n\n![breakdown](breakdown-gpt2-medium.png)\n\n");
        md.append("## Gaps over 20%, and why\n\n");
        md.append("- **The GPU baseline is a roofline, not the paper's measured T4.** The paper's per-model T4 latencies are\n"
                + "  not in text we could read, only the speedup ranges. Our T4 runs every operation as one kernel at 80% of\n"
                + "  320 GB/s with 5 us of launch and tail per kernel (`configs/gpu/achievable-default.yaml`, assumed). A\n"
                + "  decode step of GPT-2 small is ~160 small kernels, so the fixed overhead dominates small models and the\n"
                + "  speedup falls with model size; a measured T4 with PyTorch eager kernels has larger per-kernel costs,\n"
                + "  which is likely where much of the paper's larger ratio comes from. Calibrating the fractions from\n"
                + "  real runs (`RooflineFit`, the GPU reference issue) moves these numbers; the PIM side does not change.\n");
        md.append("- **Energy:** PIM energy is the DRAM command energy (IDD model) + MAC and host-ASIC energy from the\n"
                + "  preset's per-operation figures (`configs/pim/pim-gpt.yaml`, sources there); T4 energy is board power\n"
                + "  (70 W) x modelled time. Both sides differ from the paper's power models, so the ratio is indicative.\n");
        md.append("- **PIM-GPT's layout is not published;** ours (`PimPlacement`, `GemvLayout`) puts every matrix row whole in\n"
                + "  one bank, K and V rows likewise, one DRAM row per KV token slot per bank; attention GEMVs (k = 64) use a\n"
                + "  DRAM row per token and are activation-bound, where the paper packs tokens more densely.\n");
        md.append("- GPT-3 models are written in GPT-2 form from the GPT-3 paper's Table 2.1 (dense attention only; GPT-3 XL\n"
                + "  as 16 heads of 128: see `configs/models/gpt3-xl.json`).\n");
        AtomicFiles.write(dir.resolve("README.md"), md.toString());
    }
}
