package dev.bitline.dram.run;

import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.stats.Histogram;
import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Runs the shared reference traces (DRAMsim3 / Ramulator 2.1 comparison, see
 * shared/reference/dram/README.md) on Bitline's two matching configurations and lines the results
 * up with the peers' published figures. Every Bitline run is checked by the independent checker.
 */
public final class ReferenceStudy {
    private ReferenceStudy() {}

    /** The traces, in report order. */
    public static final List<String> TRACES = List.of("random-200k", "stream-200k", "mixed-200k", "unloaded-20k");

    /**
     * One line of the comparison. Peer rows leave what the peer did not report as NaN / -1.
     * Energies are in the reference table's unit (DRAMsim3's V*mA*cycles / 10^6, labelled nJ there).
     */
    public record Row(String trace, String setup, double bandwidthGBps, double readLatencyMean,
            long readLatencyP50, long readLatencyP99, long cycles, long acts, long reads, long writes,
            long refreshes, double act, double read, double write, double refresh, double actStandby,
            double preStandby, double totalEnergy, double energyPerBitPj, long violations) {

        public static String csvHeader() {
            return "trace,setup,bandwidth_GBps,read_latency_mean_cycles,read_latency_p50,read_latency_p99,cycles,"
                    + "ACT,RD,WR,REF,e_act,e_read,e_write,e_refresh,e_act_standby,e_pre_standby,e_total,"
                    + "energy_per_bit_pJ,checker_violations";
        }

        public String csv() {
            return String.join(",", trace, setup, f(bandwidthGBps, 3), f(readLatencyMean, 1), i(readLatencyP50),
                    i(readLatencyP99), i(cycles), i(acts), i(reads), i(writes), i(refreshes), f(act, 1), f(read, 1),
                    f(write, 1), f(refresh, 1), f(actStandby, 1), f(preStandby, 1), f(totalEnergy, 1),
                    f(energyPerBitPj, 2), i(violations));
        }

        /** One printed line: trace, setup, bandwidth, read latency, ACTs, energy, checker violations. */
        public String summaryLine() {
            return String.format("%-13s %-26s BW %7.3f GB/s  read latency %7.1f cycles  ACT %,9d  E %8.1f  violations %s",
                    trace, setup, bandwidthGBps, readLatencyMean, acts, totalEnergy,
                    violations < 0 ? "-" : Long.toString(violations));
        }

        private static String f(double v, int digits) {
            return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
        }

        private static String i(long v) {
            return v < 0 ? "" : Long.toString(v);
        }
    }

    /** The peers' published figures (reference README). */
    public static List<Row> peers() {
        double n = Double.NaN;
        return List.of(
                new Row("random-200k", "DRAMsim3", 10.92, 864, -1, -1, 1_412_082, 200_711, 133_003, 66_976, 150, 834, 470, 206, 125, 556, 21, 2212, n, -1),
                new Row("random-200k", "Ramulator2.1", 10.82, 381, -1, -1, -1, -1, -1, -1, -1, n, n, n, n, n, n, n, n, -1),
                new Row("stream-200k", "DRAMsim3", 15.08, 243, -1, -1, 1_022_855, 1_727, 200_000, 0, 109, 7.2, 707, 0, 91, 403, 16, 1223, n, -1),
                new Row("stream-200k", "Ramulator2.1", 14.33, 193, -1, -1, -1, -1, -1, -1, -1, n, n, n, n, n, n, n, n, -1),
                new Row("mixed-200k", "DRAMsim3", 14.83, 721, -1, -1, 1_040_160, 113_970, 98_955, 101_024, 111, 474, 350, 310, 93, 409, 16, 1652, n, -1),
                new Row("mixed-200k", "Ramulator2.1", 14.50, 374, -1, -1, -1, -1, -1, -1, -1, n, n, n, n, n, n, n, n, -1),
                new Row("unloaded-20k", "DRAMsim3", 0.193, 59.7, -1, -1, 7_999_657, 20_000, 20_000, 0, 854, 83, 71, 0, 713, 3148, 122, 4137, n, -1));
    }

    /** Runs one trace on one validation config ({@code configs/dram/validation/<config>.yaml}). */
    public static Row run(Path configsRoot, Path traceDir, String config, String trace) {
        DramRunConfig c = DramRunConfig.load(configsRoot.resolve("dram/validation/" + config + ".yaml"), List.of());
        RunResult r = new TraceRun(c.spec(), c.controller()).check(true).run(TextTraceReader.open(
                traceDir.resolve(trace + ".dramsim3.trace.gz"), null, c.spec().organization().totalBytes()));
        EnergyBreakdown e = r.energy();
        EnergyBreakdown d = e.inDramsim3Units();
        double k = 1e-6;
        Histogram h = r.readLatency();
        return new Row(trace, "Bitline/" + config.replace("ddr4-2400-", "") + "-setup", r.bandwidthGBps(),
                h.mean(), h.percentile(50), h.percentile(99), r.cycles(), r.stats().count("ACT"),
                r.stats().count("RD"), r.stats().count("WR"), r.stats().count("REFab"),
                d.act() * k, d.read() * k, d.write() * k, d.refresh() * k, d.actStandby() * k,
                d.preStandby() * k, d.total() * k, e.perBitPj(), r.check().violations());
    }

    /** All traces on both configs, followed by the peers' rows. */
    public static List<Row> runAll(Path configsRoot, Path traceDir) {
        if (!Files.isDirectory(traceDir)) {
            throw new IllegalArgumentException("no reference traces at " + traceDir);
        }
        List<Row> rows = new ArrayList<>();
        for (String t : TRACES) {
            rows.add(run(configsRoot, traceDir, "ddr4-2400-dramsim3", t));
            if (!t.startsWith("unloaded")) {
                rows.add(run(configsRoot, traceDir, "ddr4-2400-ramulator", t));
            }
        }
        rows.addAll(peers());
        return rows;
    }

    /** The files {@link #write} creates, for messages. */
    public static final String FILES = "{comparison.csv,bandwidth.png,latency.png}";

    /** Writes the comparison table and its two charts into {@code dir}, each atomically. */
    public static void write(Path dir, List<Row> rows) {
        StringBuilder csv = new StringBuilder(Row.csvHeader()).append('\n');
        for (Row r : rows) {
            csv.append(r.csv()).append('\n');
        }
        AtomicFiles.write(dir.resolve("comparison.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("bandwidth.png"), chart(rows, "Bandwidth, DDR4-2400 x64 (peak 19.2 GB/s)", "GB/s", true));
        AtomicFiles.write(dir.resolve("latency.png"), chart(rows, "Average read latency", "DRAM cycles", false));
    }

    private static byte[] chart(List<Row> rows, String title, String yTitle, boolean bandwidth) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(900).height(500).title(title).yAxisTitle(yTitle).build();
        List<String> traces = new ArrayList<>(List.of("random-200k", "stream-200k", "mixed-200k"));
        if (!bandwidth) {
            traces.add("unloaded-20k");
        }
        List<String> setups = new ArrayList<>();
        for (Row r : rows) {
            if (!setups.contains(r.setup())) {
                setups.add(r.setup());
            }
        }
        for (String s : setups) {
            List<Double> ys = new ArrayList<>();
            for (String t : traces) {
                double v = 0;
                for (Row r : rows) {
                    if (r.trace().equals(t) && r.setup().equals(s)) {
                        v = bandwidth ? r.bandwidthGBps() : r.readLatencyMean();
                    }
                }
                ys.add(v);
            }
            c.addSeries(s, traces, ys);
        }
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
