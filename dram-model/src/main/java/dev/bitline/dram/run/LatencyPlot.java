package dev.bitline.dram.run;

import dev.bitline.sim.stats.Histogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Latency histograms as a PNG (XChart, headless). */
public final class LatencyPlot {
    private LatencyPlot() {}

    /** Read and write latency histograms (DRAM cycles, log count axis) as PNG bytes. */
    public static byte[] png(Histogram read, Histogram write) {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title("DRAM request latency")
                .xAxisTitle("latency (DRAM cycles)").yAxisTitle("requests per cycle of latency").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setYAxisLogarithmic(true);
        add(chart, "reads", read);
        add(chart, "writes", write);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(XYChart chart, String name, Histogram h) {
        long[][] b = h.buckets();
        if (b.length == 0) {
            return;
        }
        double[] x = new double[b.length];
        double[] y = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            // Buckets above 255 are wider than one cycle: show density so the curve stays comparable.
            long low = b[i][0];
            long high = i + 1 < b.length ? b[i + 1][0] : low + 1;
            long width = Math.max(1, Math.min(high - low, widthAt(low)));
            x[i] = low;
            y[i] = (double) b[i][1] / width;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** Bucket width of the kernel's log-linear histogram at value v (1 below 256). */
    private static long widthAt(long v) {
        if (v < 256) {
            return 1;
        }
        int octave = 63 - Long.numberOfLeadingZeros(v) - 7;
        return 1L << octave;
    }
}
