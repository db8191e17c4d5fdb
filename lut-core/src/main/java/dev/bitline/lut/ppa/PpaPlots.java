package dev.bitline.lut.ppa;

import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG plots of the PPA study (XChart, headless), written atomically. */
final class PpaPlots {
    private PpaPlots() {}

    /** LUT/MAC compute-density and energy-efficiency ratios per (W, A). */
    static void writeRatios(Path file, PpaStudy.Result r) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(480)
                .title("LUT array / throughput-matched MAC array")
                .xAxisTitle("weights / activations").yAxisTitle("LUT / MAC").build();
        List<String> labels = new ArrayList<>();
        List<Double> density = new ArrayList<>();
        List<Double> efficiency = new ArrayList<>();
        for (PpaStudy.GridRow g : r.grid()) {
            labels.add("W" + g.weightBits() + PpaStudy.actName(g.act()));
            density.add(g.densityRatio());
            efficiency.add(g.efficiencyRatio());
        }
        chart.addSeries("compute density (TOPS/mm2)", labels, density);
        chart.addSeries("energy efficiency (TOPS/W)", labels, efficiency);
        style(chart);
        write(file, chart);
    }

    /** Step-by-step ablation: this model next to the published numbers. */
    static void writeAblation(Path file, PpaStudy.Result r) {
        CategoryChart chart = new CategoryChartBuilder().width(800).height(480)
                .title("Step-by-step gains over UNPU-style LUT (W2 A8, M2N64K4)")
                .xAxisTitle("step").yAxisTitle("x over UNPU").build();
        List<String> labels = List.of("UNPU", "+reinterpret", "+no negation", "+fusion");
        List<Double> density = new ArrayList<>();
        List<Double> efficiency = new ArrayList<>();
        List<Double> paperDensity = new ArrayList<>();
        List<Double> paperEfficiency = new ArrayList<>();
        PpaStudy.AblationRow base = r.ablation().get(0);
        for (PpaStudy.AblationRow a : r.ablation()) {
            density.add(base.result().areaUm2() / a.result().areaUm2());
            efficiency.add(base.result().powerMw() / a.result().powerMw());
            paperDensity.add(base.paperAreaUm2() / a.paperAreaUm2());
            paperEfficiency.add(base.paperPowerMw() / a.paperPowerMw());
        }
        chart.addSeries("density (model)", labels, density);
        chart.addSeries("density (paper)", labels, paperDensity);
        chart.addSeries("power eff. (model)", labels, efficiency);
        chart.addSeries("power eff. (paper)", labels, paperEfficiency);
        style(chart);
        write(file, chart);
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setLabelsVisible(true);
    }

    private static void write(Path file, CategoryChart chart) {
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
        }
    }
}
