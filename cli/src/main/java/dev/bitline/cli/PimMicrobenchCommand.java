package dev.bitline.cli;

import dev.bitline.pim.channel.Loss;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.run.Microbench;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline pim microbench}: every preset x GEMV sizes; CSV, table and plots into a results folder. */
@Command(name = "microbench", mixinStandardHelpOptions = true,
        description = {"Square GEMVs 1k..16k on every preset in configs/pim/ (timing only): utilization,",
                "energy per MAC, the loss against peak by cause, the analytical estimate; writes",
                "microbench.csv, table.md, utilization.png and energy.png into --out."})
final class PimMicrobenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--configs", paramLabel = "DIR", description = "Folder of PIM presets (default: configs/pim).")
    Path dir;

    @Option(names = "--out", defaultValue = "results/pim-microbench", description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--sizes", split = ",", description = "Sizes (default 1024,2048,4096,8192,16384).")
    int[] sizes = Microbench.SIZES;

    @Override
    public Integer call() {
        Path d = dir;
        if (d == null) {
            // the one resolution rule: configs/ above the working folder, else the installation's
            Path root = ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath())
                    .or(() -> java.util.Optional.ofNullable(ConfigLoader.forFile(Path.of("x.yaml")).configsRoot()))
                    .orElseThrow(() -> new UsageError("pim microbench: no configs/ folder found (pass --configs DIR)"));
            d = root.resolve("pim");
        }
        if (!Files.isDirectory(d)) throw new UsageError("pim microbench: --configs " + d + ": not a directory");
        for (int s : sizes) if (s < 1) throw new UsageError("pim microbench: --sizes must be positive");
        List<Path> files;
        try (Stream<Path> s = Files.list(d)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintWriter o = spec.commandLine().getOut();
        List<Microbench.Row> rows = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".yaml", "");
            PimSystem sys = PimSystem.load(ConfigLoader.forFile(f), f, List.of());
            List<Microbench.Row> r = Microbench.run(name, sys, sizes);
            for (Microbench.Row row : r) {
                o.printf(Locale.ROOT, "%-10s %6d  utilization %5.1f%%  %8.1f GMAC/s of %8.1f  %6.2f pJ/MAC  (%.2f s)%n", name,
                        row.size(), 100 * row.utilization(), row.gmacPerSecond(), row.peakGmacPerSecond(), row.pjPerMac(),
                        row.wallSeconds());
                o.flush();
            }
            rows.addAll(r);
        }
        StringBuilder csv = new StringBuilder(Microbench.csvHeader()).append('\n');
        StringBuilder md = new StringBuilder("| preset | size | utilization | GMAC/s (peak) | internal GB/s | pJ/MAC |");
        for (Loss l : Loss.values()) md.append(' ').append(l.name().toLowerCase().replace('_', ' ')).append(" |");
        md.append(" analytical vs cycles |\n|---|---|---|---|---|---|");
        for (int i = 0; i < Loss.values().length; i++) md.append("---|");
        md.append("---|\n");
        for (Microbench.Row r : rows) {
            csv.append(Microbench.csv(r)).append('\n');
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.1f (%.1f) | %.1f | %.2f |", r.preset(), r.size(),
                    100 * r.utilization(), r.gmacPerSecond(), r.peakGmacPerSecond(), r.internalGBps(), r.pjPerMac()));
            for (Loss l : Loss.values()) md.append(String.format(Locale.ROOT, " %.1f%% |", 100 * r.loss().get(l)));
            md.append(String.format(Locale.ROOT, " %+.1f%% |%n", 100 * (r.analyticalCycles() / r.cycles() - 1)));
        }
        // written whole: a temp folder beside --out, renamed into place (other files in it are kept)
        try (dev.bitline.sim.io.AtomicFolder folder = dev.bitline.sim.io.AtomicFolder.open(out)) {
            Path dir = folder.dir();
            AtomicFiles.write(dir.resolve("microbench.csv"), csv.toString());
            AtomicFiles.write(dir.resolve("table.md"), md.toString());
            plot(dir.resolve("utilization.png"), rows, "GEMV utilization of peak in-bank MAC throughput", "utilization (%)", true);
            plot(dir.resolve("energy.png"), rows, "GEMV energy per MAC", "pJ / MAC", false);
            folder.commit();
        }
        o.printf("results: %s%n", out.resolve("{microbench.csv,table.md,utilization.png,energy.png}"));
        return Bitline.EXIT_OK;
    }

    private static void plot(Path file, List<Microbench.Row> rows, String title, String y, boolean util) {
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle("matrix size N (N x N)")
                .yAxisTitle(y).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> presets = rows.stream().map(Microbench.Row::preset).distinct().toList();
        for (String p : presets) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (Microbench.Row r : rows) {
                if (!r.preset().equals(p)) continue;
                xs.add((double) r.size());
                ys.add(util ? 100 * r.utilization() : r.pjPerMac());
            }
            chart.addSeries(p, xs, ys);
        }
        System.setProperty("java.awt.headless", "true");
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
        }
    }
}
