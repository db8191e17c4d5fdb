package dev.bitline.cli;

import dev.bitline.dram.run.ReferenceStudy;
import dev.bitline.dram.run.ReferenceStudy.Row;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline dram reference}: the DRAMsim3 / Ramulator comparison of results/dram-validation
 * (CSV + PNG), from the shared reference traces.
 */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Run the DRAMsim3 / Ramulator 2.1 reference traces on the matching configs",
                "(configs/dram/validation/) and write comparison.csv, bandwidth.png and latency.png."})
final class DramReferenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--traces", paramLabel = "DIR",
            description = "Reference traces (default: ../shared/reference/dram/traces beside the repository).")
    Path traces;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results/dram-validation",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        Path configs = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow(
                () -> new UsageError("dram reference: run inside the repository (no configs/ folder above " + Path.of("").toAbsolutePath() + ")"));
        Path dir = traces != null ? traces : configs.getParent().resolve("../shared/reference/dram/traces").normalize();
        if (!Files.isDirectory(dir)) {
            throw new UsageError("dram reference: no trace folder " + dir + " (expected the shared reference traces; pass --traces DIR)");
        }
        PrintWriter o = spec.commandLine().getOut();
        List<Row> rows = ReferenceStudy.runAll(configs, dir);
        StringBuilder csv = new StringBuilder(Row.csvHeader()).append('\n');
        for (Row r : rows) {
            csv.append(r.csv()).append('\n');
            o.printf("%-13s %-26s BW %7.3f GB/s  read latency %7.1f cycles  ACT %,9d  E %8.1f  violations %s%n",
                    r.trace(), r.setup(), r.bandwidthGBps(), r.readLatencyMean(), r.acts(),
                    r.totalEnergy(), r.violations() < 0 ? "-" : Long.toString(r.violations()));
        }
        AtomicFiles.write(out.resolve("comparison.csv"), csv.toString());
        AtomicFiles.write(out.resolve("bandwidth.png"), chart(rows, "Bandwidth, DDR4-2400 x64 (peak 19.2 GB/s)", "GB/s", true));
        AtomicFiles.write(out.resolve("latency.png"), chart(rows, "Average read latency", "DRAM cycles", false));
        o.printf("wrote %s/{comparison.csv,bandwidth.png,latency.png}%n", out);
        return Bitline.EXIT_OK;
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
