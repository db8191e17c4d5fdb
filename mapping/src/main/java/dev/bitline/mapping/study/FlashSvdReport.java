package dev.bitline.mapping.study;

import dev.bitline.mapping.run.RunPlots;
import dev.bitline.sim.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes results/flashsvd/: README.md, rows.csv, peak-activations.{png,svg}. */
public final class FlashSvdReport {
    private FlashSvdReport() {}

    public static void write(List<FlashSvdStudy.Row> rows, Path dir, double wallSeconds) {
        StringBuilder csv = new StringBuilder("model,prompt,batch,rank_fraction,peak_two_gemms_mb,peak_streamed_mb,reduction,peak_at_two_gemms,peak_at_streamed\n");
        for (var r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.3f,%.3f,%.4f,%s,%s%n", r.model(), r.prompt(), r.batch(),
                    r.fraction(), r.plainBytes() / 1e6, r.streamedBytes() / 1e6, r.reduction(), r.plainPeakAt(), r.streamedPeakAt()));
        }
        AtomicFiles.write(dir.resolve("rows.csv"), csv.toString());

        CategoryChart chart = new CategoryChartBuilder().width(960).height(520)
                .title("Peak activation memory in prefill, SVD low-rank factors: two GEMMs vs streamed (modelled)")
                .xAxisTitle("model, prompt, rank fraction").yAxisTitle("reduction of peak activations").build();
        List<String> labels = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> paper = new ArrayList<>();
        for (var r : rows) {
            labels.add(r.model() + " " + r.prompt() + " r" + r.fraction());
            ours.add(r.reduction());
            paper.add(FlashSvdStudy.PAPER_MAX_REDUCTION);
        }
        chart.addSeries("this model", labels, ours);
        chart.addSeries("FlashSVD paper: up to 70.2%", labels, paper);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        RunPlots.write(chart, dir.resolve("peak-activations"));

        double best = rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).max().orElse(0);
        double worst = rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).min().orElse(0);
        StringBuilder md = new StringBuilder();
        md.append("# FlashSVD: peak activation memory of low-rank models, streamed or not\n\n");
        md.append("```sh\n./bitline study flashsvd            # writes this folder (").append(String.format(Locale.ROOT, "%.1f", wallSeconds))
                .append(" s on this machine)\n```\n\n");
        md.append("Configs: `configs/compress/lowrank-svd.yaml` (W ~ U V, the two factors as two GEMMs, rank-space\n")
          .append("intermediate and attention scores materialized) and `configs/compress/lowrank-flashsvd.yaml`\n")
          .append("(same factors fused and streamed, 64-row tiles), rank fraction set with\n")
          .append("`--set defaults.lowRank.fraction=F`; models from `configs/models/`; batch 1, prefill.\n\n");
        md.append("What is computed: the prefill layer graph (`GraphBuilder`) and, per operation, the activation\n")
          .append("bytes live at once (residual stream + inputs + outputs + materialized intermediates; a\n")
          .append("streamed tensor counts one tile of rows). The peak is the largest over operations. This is\n")
          .append("an analytical memory model, not a measurement.\n\n");
        md.append("| model | prompt | rank fraction | peak, two GEMMs (MB) | peak, streamed (MB) | reduction | peak at (two GEMMs -> streamed) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (var r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.1f | %.1f | %.1f%% | %s -> %s |%n", r.model(), r.prompt(),
                    r.fraction(), r.plainBytes() / 1e6, r.streamedBytes() / 1e6, 100 * r.reduction(), r.plainPeakAt(),
                    r.streamedPeakAt()));
        }
        md.append("\n![peak activation reduction](peak-activations.png)\n\n");
        md.append(String.format(Locale.ROOT, "**Ours: %.1f%% to %.1f%% less peak activation memory. FlashSVD (paper): up to 70.2%%.**%n%n",
                100 * worst, 100 * best));
        md.append("Why the numbers differ from the paper's, and where they agree:\n\n")
          .append("- The paper measures PyTorch's allocator on BERT-class encoders and decoder models, where\n")
          .append("  the allocator also holds framework temporaries; this model counts only the tensors the\n")
          .append("  dataflow needs at once, so absolute megabytes are lower bounds.\n")
          .append("- Without streaming the peak sits at the attention scores (heads x causal pairs) for long\n")
          .append("  prompts or at the FFN's wide intermediate (gate and up outputs) for short ones; streaming\n")
          .append("  removes both, leaving the residual stream and the d_model-wide inputs and outputs of one\n")
          .append("  projection. The reduction therefore grows with prompt length and with FFN width over\n")
          .append("  d_model, and shrinks as rank grows only through the rank-space intermediate.\n")
          .append("- Our baseline materializes the score matrix (standard attention). Against a baseline that\n")
          .append("  already uses a flash-style attention kernel the FFN intermediate is the only large\n")
          .append("  tensor left, and the reduction is smaller; the paper's \"up to\" figure is its best case.\n");
        AtomicFiles.write(dir.resolve("README.md"), md.toString());
    }
}
