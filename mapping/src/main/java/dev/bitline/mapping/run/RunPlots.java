package dev.bitline.mapping.run;

import dev.bitline.sim.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Breakdown plots of a run (XChart, headless), PNG and SVG, each written atomically. */
public final class RunPlots {
    private RunPlots() {}

    /** Time per decode step by operation function, simulated next to estimated. */
    public static CategoryChart breakdown(RunReport r) {
        CategoryChart chart = new CategoryChartBuilder().width(960).height(540)
                .title(r.model() + " on " + r.hardware() + ", " + r.compression() + ": time per token by operation")
                .xAxisTitle("operation").yAxisTitle("us per token").build();
        List<String> labels = new ArrayList<>();
        List<Double> sim = new ArrayList<>();
        List<Double> est = new ArrayList<>();
        for (RunReport.FunctionRow f : r.functions()) {
            labels.add(f.function() + " (" + f.unit() + ")");
            sim.add(f.simulatedPs() * 1e-6 / r.workload().tokens());
            est.add(f.estimatedPs() * 1e-6 / r.workload().tokens());
        }
        String first = r.fast() ? "analytical (--fast)" : r.cycleModelUsed() ? "simulated" : "analytical (no cycle model; modelled)";
        chart.addSeries(first, labels, sim);
        if (r.cycleModelUsed()) {
            chart.addSeries("analytical estimate", labels, est);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public static void write(Chart<?, ?> chart, Path base) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(base.resolveSibling(base.getFileName() + ".png"), png.toByteArray());
            Files.createDirectories(base.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(base.toAbsolutePath().getParent(), ".plot", ".svg");
            try {
                VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                AtomicFiles.write(base.resolveSibling(base.getFileName() + ".svg"), Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + base + ": " + e.getMessage(), e);
        }
    }
}
