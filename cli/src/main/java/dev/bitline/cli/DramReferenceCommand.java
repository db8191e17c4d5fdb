package dev.bitline.cli;

import dev.bitline.dram.run.ReferenceStudy;
import dev.bitline.dram.run.ReferenceStudy.Row;
import dev.bitline.dram.run.StandardsStudy;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.io.AtomicFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
                "(configs/dram/validation/): DDR4 -> comparison.csv, bandwidth.png, latency.png;",
                "GDDR6, HBM2, HBM3, DDR5, LPDDR5 (peers.csv) -> standards.csv, standards.md, standards.png."})
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
        rows.forEach(r -> o.println(r.summaryLine()));
        List<StandardsStudy.Result> std = StandardsStudy.runAll(configs, dir);
        std.forEach(r -> o.println(r.summaryLine()));
        // both studies share the folder: written whole, once both have run (the README there is kept)
        AtomicFolder.writeWhole(out, d -> {
            ReferenceStudy.write(d, rows);
            StandardsStudy.write(d, std);
        });
        o.printf("wrote %s/%s%n", out, ReferenceStudy.FILES);
        o.printf("wrote %s/%s%n", out, StandardsStudy.FILES);
        return Bitline.EXIT_OK;
    }
}
