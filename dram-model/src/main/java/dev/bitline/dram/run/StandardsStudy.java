package dev.bitline.dram.run;

import dev.bitline.dram.trace.TextTraceReader;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.stats.Histogram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Bitline against DRAMsim3 and Ramulator 2.1 on the parts other than DDR4
 * (shared/reference/dram/standards.md): every validation setup {@code
 * configs/dram/validation/<part>-<peer>[-<variant>].yaml} listed in {@code
 * configs/dram/validation/peers.csv} runs the trace file its peer ran, with the independent checker,
 * and is lined up with that peer's published figures. {@link ReferenceStudy} does the same for DDR4.
 */
public final class StandardsStudy {
    private StandardsStudy() {}

    /** The peers' figures file, relative to the configs root. */
    public static final String PEERS = "dram/validation/peers.csv";

    /**
     * One published peer run. Counts a peer did not report are -1. For Ramulator, which counts no
     * commands, {@link #acts} is misses + conflicts (an ACT per request that was not a row hit).
     */
    public record Peer(String config, String peer, String trace, long cycles, double bandwidthGBps,
            double readLatency, double rowHitPct, long acts, long pres, long reads, long writes, long refreshes,
            long served, String note) {

        /** The standard's name: the config's first dash-separated field ({@code hbm2-dramsim3-1ch} -> hbm2). */
        public String part() {
            return config.substring(0, config.indexOf('-'));
        }

        /** The trace's short name ({@code random-200k-m29.ramulator} -> random). */
        public String kind() {
            return trace.substring(0, trace.indexOf('-'));
        }
    }

    /** One Bitline run beside its peer. */
    public record Result(Peer peer, double bandwidthGBps, double readLatency, long readLatencyP50,
            long readLatencyP99, long cycles, double rowHitPct, long acts, long pres, long reads, long writes,
            long refreshes, long violations, long checked) {

        public double bandwidthError() {
            return rel(bandwidthGBps, peer.bandwidthGBps());
        }

        public double latencyError() {
            return rel(readLatency, peer.readLatency());
        }

        public double actError() {
            return rel(acts, peer.acts());
        }

        public double refreshError() {
            return rel(refreshes, peer.refreshes());
        }

        static String csvHeader() {
            return "config,peer,trace,bandwidth_GBps,peer_bandwidth_GBps,bandwidth_err_pct,read_latency_cycles,"
                    + "peer_read_latency_cycles,latency_err_pct,read_latency_p50,read_latency_p99,cycles,peer_cycles,"
                    + "row_hit_pct,peer_row_hit_pct,ACT,peer_ACT,act_err_pct,PRE,RD,WR,REF,peer_REF,ref_err_pct,"
                    + "checker_violations,commands_checked";
        }

        String csv() {
            Peer p = peer;
            return String.join(",", p.config(), p.peer(), p.trace(), f(bandwidthGBps, 3), f(p.bandwidthGBps(), 3),
                    f(100 * bandwidthError(), 2), f(readLatency, 1), f(p.readLatency(), 1), f(100 * latencyError(), 2),
                    Long.toString(readLatencyP50), Long.toString(readLatencyP99), Long.toString(cycles),
                    Long.toString(p.cycles()), f(rowHitPct, 1), f(p.rowHitPct(), 1), Long.toString(acts),
                    Long.toString(p.acts()), f(100 * actError(), 2), Long.toString(pres), Long.toString(reads),
                    Long.toString(writes), Long.toString(refreshes), Long.toString(p.refreshes()),
                    f(100 * refreshError(), 2), Long.toString(violations), Long.toString(checked));
        }

        /** One printed line. */
        public String summaryLine() {
            return String.format(Locale.ROOT,
                    "%-18s %-13s %-27s BW %7.2f (%+5.1f%%)  read latency %7.1f (%+5.1f%%)  ACT %+5.1f%%  REF %+5.1f%%  violations %d",
                    peer.config(), peer.peer(), peer.trace(), bandwidthGBps, 100 * bandwidthError(), readLatency,
                    100 * latencyError(), 100 * actError(), 100 * refreshError(), violations);
        }
    }

    static double rel(double got, double want) {
        return want == 0 ? (got == 0 ? 0 : Double.POSITIVE_INFINITY) : (got - want) / want;
    }

    private static String f(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Reads {@link #PEERS} under {@code configsRoot}. */
    public static List<Peer> peers(Path configsRoot) {
        Path file = configsRoot.resolve(PEERS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Peer> out = new ArrayList<>();
        boolean header = true;
        int n = 0;
        for (String l : lines) {
            n++;
            if (l.isBlank() || l.startsWith("#")) continue;
            if (header) {
                header = false;
                continue;
            }
            String[] c = l.split(",", -1);
            if (c.length != 17) {
                throw new IllegalArgumentException(file + ":" + n + ": expected 17 columns, got " + c.length);
            }
            long misses = lng(c[14]), conflicts = lng(c[15]);
            long acts = !c[7].isEmpty() ? lng(c[7]) : misses + conflicts;
            out.add(new Peer(c[0], c[1], c[2], lng(c[3]), Double.parseDouble(c[4]), Double.parseDouble(c[5]),
                    Double.parseDouble(c[6]), acts, lng(c[8]), lng(c[9]), lng(c[10]), lng(c[11]), lng(c[12]), c[16]));
        }
        return out;
    }

    private static long lng(String s) {
        return s.isEmpty() ? -1 : Long.parseLong(s);
    }

    /** Runs one peer's trace on its validation setup, with the checker. */
    public static Result run(Path configsRoot, Path traceDir, Peer p) {
        DramRunConfig c = DramRunConfig.load(configsRoot.resolve("dram/validation/" + p.config() + ".yaml"), List.of());
        RunResult r = new TraceRun(c.spec(), c.controller()).energy(false).check(true).run(TextTraceReader.open(
                traceDir.resolve(p.trace() + ".trace.gz"), null, c.spec().organization().totalBytes()));
        Histogram h = r.readLatency();
        return new Result(p, r.bandwidthGBps(), h.mean(), h.percentile(50), h.percentile(99), r.cycles(),
                100 * r.rowHitRate(), r.stats().count("ACT"), r.stats().count("PRE"), r.stats().count("RD"),
                r.stats().count("WR"), r.stats().count("REFab"), r.check().violations(), r.check().commands());
    }

    /** Every peer run of {@link #PEERS}, in file order. */
    public static List<Result> runAll(Path configsRoot, Path traceDir) {
        if (!Files.isDirectory(traceDir)) {
            throw new IllegalArgumentException("no reference traces at " + traceDir);
        }
        List<Result> out = new ArrayList<>();
        for (Peer p : peers(configsRoot)) out.add(run(configsRoot, traceDir, p));
        return out;
    }

    /** The files {@link #write} creates, for messages. */
    public static final String FILES = "{standards.csv,standards.md,standards.png}";

    /** Writes the comparison (CSV, a Markdown table, a chart of Bitline / peer bandwidth) into {@code dir}. */
    public static void write(Path dir, List<Result> results) {
        StringBuilder csv = new StringBuilder(Result.csvHeader()).append('\n');
        for (Result r : results) csv.append(r.csv()).append('\n');
        AtomicFiles.write(dir.resolve("standards.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("standards.md"), markdown(results));
        AtomicFiles.write(dir.resolve("standards.png"), chart(results));
    }

    /** The table of {@code standards.md}: every run beside its peer, with the worst errors. */
    public static String markdown(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Bitline vs DRAMsim3 / Ramulator 2.1 on GDDR6, HBM2, HBM3, DDR5, LPDDR5\n\n");
        sb.append("Written by `./bitline dram reference` from `configs/dram/validation/peers.csv` (the peers'\n");
        sb.append("figures of shared/reference/dram/standards.md) and one checked Bitline run per row.\n");
        sb.append("Bandwidth in GB/s, read latency in the part's CK (arrival to end of data); Bitline's error\n");
        sb.append("against the peer in brackets. Ramulator's ACT = its misses + conflicts.\n\n");
        sb.append("| setup | peer | trace | BW peer | BW Bitline | latency peer | latency Bitline | ACT peer | ACT Bitline | REF peer | REF Bitline | row hits peer / Bitline | violations |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double bw = 0, lat = 0, act = 0, ref = 0;
        long viol = 0;
        for (Result r : results) {
            Peer p = r.peer();
            sb.append(String.format(Locale.ROOT,
                    "| %s | %s | %s | %.2f | %.2f (%+.1f%%) | %.1f | %.1f (%+.1f%%) | %,d | %,d (%+.1f%%) | %d | %d (%+.1f%%) | %.1f%% / %.1f%% | %d |\n",
                    p.config(), p.peer(), p.trace(), p.bandwidthGBps(), r.bandwidthGBps(), 100 * r.bandwidthError(),
                    p.readLatency(), r.readLatency(), 100 * r.latencyError(), p.acts(), r.acts(), 100 * r.actError(),
                    p.refreshes(), r.refreshes(), 100 * r.refreshError(), p.rowHitPct(), r.rowHitPct(), r.violations()));
            bw = Math.max(bw, Math.abs(r.bandwidthError()));
            lat = Math.max(lat, Math.abs(r.latencyError()));
            act = Math.max(act, Math.abs(r.actError()));
            ref = Math.max(ref, Math.abs(r.refreshError()));
            viol += r.violations();
        }
        sb.append(String.format(Locale.ROOT,
                "%nWorst of %d runs: bandwidth %.1f%%, read latency %.1f%%, ACT count %.1f%%, REF count %.1f%%; "
                        + "checker violations %d in all.%n", results.size(), 100 * bw, 100 * lat, 100 * act, 100 * ref, viol));
        return sb.toString();
    }

    private static byte[] chart(List<Result> results) {
        System.setProperty("java.awt.headless", "true");
        CategoryChart c = new CategoryChartBuilder().width(1000).height(500)
                .title("Bitline / peer, per validation setup (1.0 = the peer's figure)").yAxisTitle("ratio").build();
        Map<String, List<Double>> bw = new LinkedHashMap<>(), lat = new LinkedHashMap<>();
        List<String> setups = new ArrayList<>();
        for (Result r : results) {
            String s = r.peer().config() + " " + r.peer().kind();
            setups.add(s);
            bw.computeIfAbsent("bandwidth", k -> new ArrayList<>()).add(r.bandwidthGBps() / r.peer().bandwidthGBps());
            lat.computeIfAbsent("read latency", k -> new ArrayList<>()).add(r.readLatency() / r.peer().readLatency());
        }
        c.getStyler().setXAxisLabelRotation(60);
        c.addSeries("bandwidth", setups, bw.get("bandwidth"));
        c.addSeries("read latency", setups, lat.get("read latency"));
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
