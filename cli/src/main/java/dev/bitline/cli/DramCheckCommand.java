package dev.bitline.cli;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.trace.CommandTraceReader;
import dev.bitline.sim.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bitline dram check}: run the independent timing checker on a command-trace file. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a DRAM command trace (the --cmd-trace text format, plain or .gz) against a",
                "standard's timing table, windows, bank protocol and data bus. Exit 0 if clean, 1 if not.",
                "--config may be a DRAM config or a PIM device (configs/pim/*.yaml): PIM traces check the same way."})
final class DramCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The standard the trace must obey (a DRAM or PIM config).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key (e.g. timing.tRCD=20).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--configs", paramLabel = "DIR",
            description = "Preset folder for 'extends:' (default: the nearest configs/ above the config file, else $BITLINE_HOME/configs).")
    Path configsRoot;

    @Option(names = "--show", defaultValue = "10", description = "Violations to print in full (default ${DEFAULT-VALUE}).")
    int show;

    @Parameters(paramLabel = "TRACE", description = "Command trace file.")
    Path trace;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) {
            throw new UsageError("dram check: no such config file " + config + " (expected a YAML file)");
        }
        if (!Files.isRegularFile(trace)) {
            throw new UsageError("dram check: no such trace file " + trace + " (expected a command trace)");
        }
        dev.bitline.dram.spec.DramSpec ds = standardOf(DramCommand.loader(config, configsRoot), config, overrides);
        // Streamed: the checker keeps only what can still constrain a later command.
        TimingChecker checker = new TimingChecker(ds).source(trace.toString());
        long n;
        try {
            n = CommandTraceReader.stream(trace, ds, checker::accept);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e); // already "file:line: message (expected ...)"
        } catch (IOException e) {
            throw new InputException(trace + ": cannot read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new InputException(trace + ": no commands in the trace: nothing to check (expected lines like '"
                    + "0 ACT ch=0 ra=0 bg=0 ba=0 row=0 col=*')");
        }
        CheckReport r = checker.report();
        spec.commandLine().getOut().print(r.summary(show));
        spec.commandLine().getOut().flush(); // print() does not trigger the writer's auto-flush
        return r.clean() ? Bitline.EXIT_OK : Bitline.EXIT_INTERNAL;
    }

    /**
     * The standard of a DRAM config, or of a PIM device config ({@code configs/pim/*.yaml}: its
     * {@code dram:} map), so a PIM channel's command trace is checked like any other.
     */
    static dev.bitline.dram.spec.DramSpec standardOf(Path config, List<String> overrides) {
        return standardOf(dev.bitline.sim.config.ConfigLoader.forFile(config), config, overrides);
    }

    static dev.bitline.dram.spec.DramSpec standardOf(dev.bitline.sim.config.ConfigLoader loader, Path config,
            List<String> overrides) {
        dev.bitline.sim.config.ConfigNode tree = loader.loadTree(config, overrides);
        if (tree instanceof dev.bitline.sim.config.ConfigNode.MapNode m && m.has("unit") && m.has("dram")) {
            return dev.bitline.pim.config.PimSystem.fromTree(tree).dram();
        }
        return DramRunConfig.fromTree(tree).spec();
    }
}
