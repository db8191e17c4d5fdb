package dev.bitline.dram.run;

import dev.bitline.sim.stats.Histogram;
import java.util.Locale;

/**
 * Latency histograms as an SVG, written directly as text: no AWT, no image encoder, so drawing the
 * plot of a short run costs microseconds instead of the ~0.7 s of AWT and ImageIO start-up a PNG
 * cost (issue 15). Same content as before: read and write latency (DRAM cycles) against requests
 * per cycle of latency on a log axis.
 */
public final class LatencyPlot {
    private LatencyPlot() {}

    private static final int W = 800;
    private static final int H = 500;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    /** Read and write latency histograms (DRAM cycles, log count axis) as an SVG document. */
    public static String svg(Histogram read, Histogram write) {
        double[][] r = density(read);
        double[][] w = density(write);
        double xMax = 1;
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (double[][] s : new double[][][] {r, w}) {
            for (int i = 0; i < s[0].length; i++) {
                xMax = Math.max(xMax, s[0][i]);
                if (s[1][i] > 0) {
                    yMin = Math.min(yMin, s[1][i]);
                    yMax = Math.max(yMax, s[1][i]);
                }
            }
        }
        if (yMax == 0) {
            yMin = 1;
            yMax = 10;
        }
        int d0 = (int) Math.floor(Math.log10(yMin));
        int d1 = Math.max(d0 + 1, (int) Math.ceil(Math.log10(yMax)));
        double xTop = niceCeil(xMax);
        Frame f = new Frame(xTop, d0, d1);

        StringBuilder sb = new StringBuilder(8192);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">"
                + "DRAM request latency</text>\n");
        // axes, grid and ticks
        int x0 = LEFT;
        int x1 = W - RIGHT;
        int y0 = H - BOTTOM;
        int y1 = TOP;
        sb.append("<g stroke=\"#ddd\">\n");
        for (int d = d0; d <= d1; d++) {
            double y = f.y(Math.pow(10, d));
            sb.append("<line x1=\"").append(x0).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(x1)
                    .append("\" y2=\"").append(fmt(y)).append("\"/>\n");
        }
        double step = xTop / 5;
        for (int i = 0; i <= 5; i++) {
            double x = f.x(i * step);
            sb.append("<line x1=\"").append(fmt(x)).append("\" y1=\"").append(y0).append("\" x2=\"").append(fmt(x))
                    .append("\" y2=\"").append(y1).append("\"/>\n");
        }
        sb.append("</g>\n");
        sb.append("<rect x=\"").append(x0).append("\" y=\"").append(y1).append("\" width=\"").append(x1 - x0)
                .append("\" height=\"").append(y0 - y1).append("\" fill=\"none\" stroke=\"black\"/>\n");
        for (int d = d0; d <= d1; d++) {
            sb.append("<text x=\"").append(x0 - 6).append("\" y=\"").append(fmt(f.y(Math.pow(10, d)) + 4))
                    .append("\" text-anchor=\"end\">1e").append(d).append("</text>\n");
        }
        for (int i = 0; i <= 5; i++) {
            sb.append("<text x=\"").append(fmt(f.x(i * step))).append("\" y=\"").append(y0 + 18)
                    .append("\" text-anchor=\"middle\">").append(fmt(i * step)).append("</text>\n");
        }
        sb.append("<text x=\"").append((x0 + x1) / 2).append("\" y=\"").append(H - 16)
                .append("\" text-anchor=\"middle\">latency (DRAM cycles)</text>\n");
        sb.append("<text transform=\"translate(20 ").append((y0 + y1) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\">requests per cycle of latency</text>\n");
        series(sb, f, r, "#1f77b4");
        series(sb, f, w, "#ff7f0e");
        // legend
        int lx = x1 - 110;
        sb.append("<rect x=\"").append(lx).append("\" y=\"").append(y1 + 10)
                .append("\" width=\"100\" height=\"44\" fill=\"white\" stroke=\"#999\"/>\n");
        legend(sb, lx, y1 + 28, "#1f77b4", "reads");
        legend(sb, lx, y1 + 46, "#ff7f0e", "writes");
        sb.append("</svg>\n");
        return sb.toString();
    }

    private record Frame(double xTop, int d0, int d1) {
        double x(double v) {
            return LEFT + (W - LEFT - RIGHT) * v / xTop;
        }

        double y(double v) {
            double t = (Math.log10(v) - d0) / (d1 - d0);
            return (H - BOTTOM) - t * (H - BOTTOM - TOP);
        }
    }

    private static void series(StringBuilder sb, Frame f, double[][] s, String color) {
        if (s[0].length == 0) {
            return;
        }
        sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < s[0].length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(fmt(f.x(s[0][i]))).append(',').append(fmt(f.y(s[1][i])));
        }
        sb.append("\"/>\n");
    }

    private static void legend(StringBuilder sb, int x, int y, String color, String name) {
        sb.append("<line x1=\"").append(x + 8).append("\" y1=\"").append(y - 4).append("\" x2=\"").append(x + 32)
                .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(color).append("\" stroke-width=\"2\"/>\n");
        sb.append("<text x=\"").append(x + 40).append("\" y=\"").append(y).append("\">").append(name).append("</text>\n");
    }

    /** (x, density) of the non-empty buckets; buckets above 255 are wider than one cycle. */
    static double[][] density(Histogram h) {
        long[][] b = h.buckets();
        double[] x = new double[b.length];
        double[] y = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            long low = b[i][0];
            long high = i + 1 < b.length ? b[i + 1][0] : low + 1;
            long width = Math.max(1, Math.min(high - low, widthAt(low)));
            x[i] = low;
            y[i] = (double) b[i][1] / width;
        }
        return new double[][] {x, y};
    }

    /** Bucket width of the kernel's log-linear histogram at value v (1 below 256). */
    private static long widthAt(long v) {
        if (v < 256) {
            return 1;
        }
        int octave = 63 - Long.numberOfLeadingZeros(v) - 7;
        return 1L << octave;
    }

    /** 1, 2 or 5 times a power of ten, at least v. */
    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** One decimal, without java.util.Formatter (whose pattern matching is slow in a cold JVM). */
    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        if (!(Math.abs(v) < 1e15)) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        long t = Math.round(Math.abs(v) * 10);
        String sign = v < 0 && t != 0 ? "-" : "";
        return sign + (t / 10) + "." + (t % 10);
    }
}
