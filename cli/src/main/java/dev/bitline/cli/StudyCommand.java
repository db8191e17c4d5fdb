package dev.bitline.cli;

import dev.bitline.mapping.study.FlashSvdReport;
import dev.bitline.mapping.study.FlashSvdStudy;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline study NAME}: regenerate one checked-in reproduction under results/. */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = "Regenerate a reproduction report under results/ (README.md, CSV, plots).",
        subcommands = {StudyCommand.FlashSvd.class})
public final class StudyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Path configs() {
        Path home = System.getenv("BITLINE_HOME") == null ? Path.of("") : Path.of(System.getenv("BITLINE_HOME"));
        return ConfigLoader.findConfigsRoot(home.toAbsolutePath())
                .orElseThrow(() -> new UsageError("study: no configs/ folder found (run from the repository)"));
    }

    @Command(name = "flashsvd", mixinStandardHelpOptions = true,
            description = "Peak activation memory of SVD low-rank models, two GEMMs vs streamed (FlashSVD).")
    static final class FlashSvd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", defaultValue = "results/flashsvd", description = "Output folder (default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() {
            long t = System.nanoTime();
            var rows = FlashSvdStudy.run(configs());
            double wall = (System.nanoTime() - t) / 1e9;
            FlashSvdReport.write(rows, out, wall);
            spec.commandLine().getOut().printf("%d cases; peak activation reduction %.1f%%..%.1f%% (paper: up to 70.2%%); wrote %s/README.md%n",
                    rows.size(), 100 * rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).min().orElse(0),
                    100 * rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).max().orElse(0), out);
            return Bitline.EXIT_OK;
        }
    }
}
