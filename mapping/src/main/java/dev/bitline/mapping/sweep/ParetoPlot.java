package dev.bitline.mapping.sweep;

import dev.bitline.sim.io.AtomicFiles;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A Pareto plot as PNG and SVG (XChart, headless): every point, grouped by one axis, and the front as a line. */
final class ParetoPlot {
    private ParetoPlot() {
    }

    /**
     * @param groups label of each point's group (its value on the {@code by} axis, or one group)
     * @param front  indices of the front, in x order
     */
    static List<Path> write(Path dir, Sweep.Pareto p, String title, double[] x, double[] y, String[] groups,
            List<Integer> front) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle(p.x() + (p.maximizeX() ? " (higher is better)" : " (lower is better)"))
                .yAxisTitle(p.y() + (p.maximizeY() ? " (higher is better)" : " (lower is better)")).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setLegendVisible(true);
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                byGroup.computeIfAbsent(groups[i], g -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Integer>> g : byGroup.entrySet()) {
            chart.addSeries(g.getKey(), pick(x, g.getValue()), pick(y, g.getValue()));
        }
        XYSeries f = chart.addSeries("Pareto front (" + front.size() + ")", pick(x, front), pick(y, front));
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f.setMarker(SeriesMarkers.CIRCLE);
        f.setLineColor(Color.BLACK);
        f.setMarkerColor(Color.BLACK);
        Path png = dir.resolve(p.stem() + ".png");
        Path svg = dir.resolve(p.stem() + ".svg");
        try {
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            // the SVG encoder writes to a path: write next to the target, then rename (atomic like the rest)
            Path tmp = Files.createTempFile(dir, "." + svg.getFileName(), ".tmp");
            try {
                VectorGraphicsEncoder.saveVectorGraphic(chart, tmp.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
                Path written = Path.of(tmp + ".svg"); // XChart appends the extension
                Files.move(written, svg, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(Path.of(tmp + ".svg"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
        return List.of(png, svg);
    }

    private static double[] pick(double[] v, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v[idx.get(i)];
        }
        return out;
    }
}
