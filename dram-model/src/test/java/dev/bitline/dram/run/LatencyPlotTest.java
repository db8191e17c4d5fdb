package dev.bitline.dram.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.stats.Histogram;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LatencyPlotTest {
    @Test
    void oneDecimalAsFormatterWritesIt() {
        double[] vs = {0, 1, -1, 0.04, 0.05, 0.15, 2.25, 79.95, 123.44, 123.45, -0.04, -2.26, 480.0000001, 1e14 + 0.5};
        for (double v : vs) {
            String f = LatencyPlot.fmt(v);
            if (v != Math.rint(v)) {
                // the same value to one decimal (Formatter rounds HALF_UP on the decimal expansion)
                assertEquals(Double.parseDouble(String.format(Locale.ROOT, "%.1f", v)), Double.parseDouble(f), 0.1000001, f);
            }
        }
        assertEquals("2.3", LatencyPlot.fmt(2.25));
        assertEquals("-2.3", LatencyPlot.fmt(-2.26));
        assertEquals("0.0", LatencyPlot.fmt(0.04));
        assertEquals("480", LatencyPlot.fmt(480));
    }

    @Test
    void svgOfEmptyAndFilledHistograms() {
        dev.bitline.sim.stats.StatsRegistry reg = new dev.bitline.sim.stats.StatsRegistry();
        Histogram r = reg.histogram("r");
        Histogram w = reg.histogram("w");
        String empty = LatencyPlot.svg(r, w);
        assertTrue(empty.startsWith("<svg") && empty.endsWith("</svg>\n"));
        for (int i = 0; i < 5000; i++) {
            r.record(40 + i % 700);
            w.record(60 + (i * 7) % 3000);
        }
        String svg = LatencyPlot.svg(r, w);
        assertTrue(svg.contains("<polyline") && !svg.contains("NaN") && !svg.contains("Infinity"), svg);
    }
}
