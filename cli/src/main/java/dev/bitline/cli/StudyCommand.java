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
        subcommands = {StudyCommand.FlashSvd.class, StudyCommand.PimGpt.class, StudyCommand.Duplex.class})
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
            dev.bitline.sim.io.AtomicFolder.writeWhole(out, dir -> FlashSvdReport.write(rows, dir, wall)); // written whole
            spec.commandLine().getOut().printf("%d cases; peak activation reduction %.1f%%..%.1f%% (paper: up to 70.2%%); wrote %s/README.md%n",
                    rows.size(), 100 * rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).min().orElse(0),
                    100 * rows.stream().mapToDouble(FlashSvdStudy.Row::reduction).max().orElse(0), out);
            return Bitline.EXIT_OK;
        }
    }

    @Command(name = "pim-gpt", mixinStandardHelpOptions = true,
            description = "PIM-GPT reproduction: 8 GPT models decoding on PIM-GPT vs the T4 roofline.")
    static final class PimGpt implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", defaultValue = "results/pim-gpt", description = "Output folder (default ${DEFAULT-VALUE}).")
        Path out;

        @Option(names = "--prompt", defaultValue = "0", description = "Tokens in the KV cache before decoding (default ${DEFAULT-VALUE}).")
        int prompt;

        @Option(names = "--tokens", defaultValue = "32", description = "Generated tokens per model (default ${DEFAULT-VALUE}).")
        int tokens;

        @Override
        public Integer call() {
            if (tokens < 1 || prompt < 0) {
                throw new UsageError("--tokens >= 1 and --prompt >= 0 expected");
            }
            long t = System.nanoTime();
            var rows = dev.bitline.mapping.study.PimGptStudy.run(configs(), prompt, tokens,
                    m -> spec.commandLine().getErr().println("pim-gpt: " + m));
            double wall = (System.nanoTime() - t) / 1e9;
            dev.bitline.sim.io.AtomicFolder.writeWhole(out, dir -> dev.bitline.mapping.study.PimGptReport.write(rows, dir, prompt, tokens, wall));
            for (var r : rows) {
                spec.commandLine().getOut().printf("%-12s PIM %8.1f us/token  T4 (modelled) %8.1f us/token  speedup %6.1fx  energy %6.1fx%n",
                        r.model(), r.pim().latencyPerToken() * 1e6, r.gpu().latencyPerToken() * 1e6, r.speedup(), r.energyEfficiency());
            }
            spec.commandLine().getOut().printf("wrote %s/README.md (%.0f s)%n", out, wall);
            return Bitline.EXIT_OK;
        }
    }

    @Command(name = "duplex", mixinStandardHelpOptions = true,
            description = "Duplex: H100 alone vs H100 + Logic-PIM decode throughput on Mixtral-8x7B and LLaMA-3-8B.")
    static final class Duplex implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", defaultValue = "results/duplex", description = "Output folder (default ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() {
            long t = System.nanoTime();
            var rows = dev.bitline.mapping.study.DuplexStudy.run(configs(), 1024, 2);
            double wall = (System.nanoTime() - t) / 1e9;
            dev.bitline.sim.io.AtomicFolder.writeWhole(out, dir -> dev.bitline.mapping.study.DuplexStudy.write(rows, dir, 1024, 2, wall));
            for (var r : rows) {
                spec.commandLine().getOut().printf("%-13s batch %3d  H100 %8.0f tok/s  Duplex %8.0f tok/s  %.2fx%n", r.model(),
                        r.batch(), r.gpu().tokensPerSecond(), r.hybrid().tokensPerSecond(), r.speedup());
            }
            spec.commandLine().getOut().printf("wrote %s/README.md (%.0f s)%n", out, wall);
            return Bitline.EXIT_OK;
        }
    }
}
