package dev.bitline.cli;

import dev.bitline.rtl.cosim.Cosim;
import dev.bitline.rtl.hdl.Module;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bitline bench rtl}: co-simulation speed (Verilated design + Java model + comparison of
 * every output every cycle) against the Java cycle model alone, same stimulus, same run.
 */
@Command(name = "rtl", mixinStandardHelpOptions = true,
        description = {"Co-simulation cycles/s of a unit (default the LUT tile, m2 n64 k4 w4) vs its Java cycle",
            "model alone on the same stimulus. Needs verilator; the build is cached."})
final class BenchRtlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    BenchUnit unit = new BenchUnit();

    @Option(names = "--cycles", defaultValue = "1000000", description = "Cycles (default ${DEFAULT-VALUE}).")
    long cycles;

    /** The unit, defaulting to the LUT tile. */
    static final class BenchUnit {
        @picocli.CommandLine.Parameters(index = "0", arity = "0..1", defaultValue = "lut-tile", paramLabel = "UNIT",
                description = "lut-tile (default), mac-array or pim-mac.")
        String unit;

        @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Generator parameter, repeatable (see rtl gen --help).")
        java.util.List<String> params = new java.util.ArrayList<>();
    }

    @Override
    public Integer call() throws Exception {
        if (cycles <= 0) {
            throw new UsageError("bench rtl: --cycles must be positive, got " + cycles);
        }
        RtlCommand.UnitOptions opts = new RtlCommand.UnitOptions();
        opts.unit = unit.unit;
        opts.params = unit.params;
        var u = opts.parse();
        RtlCommand.elaborate(u, spec.commandLine().getErr());
        return RtlCommand.tool(spec, () -> {
            PrintWriter o = spec.commandLine().getOut();
            Module top = u.build();
            // warm the JIT on the model, then time it alone over the full run
            Cosim.modelOnly(top, u::model, u.stimulus(), Math.min(cycles, 100_000), 2);
            double model = Cosim.modelOnly(top, u::model, u.stimulus(), cycles, 1);
            Cosim.Result r = Cosim.run(u.build(), u::model, u.stimulus(), cycles, 1, null);
            if (!r.passed()) {
                o.println("co-simulation failed: " + (r.mismatch() != null ? r.mismatch() : r.statusMessage()));
                return Bitline.EXIT_INTERNAL;
            }
            o.printf("%s %s: %,d cycles%n", u.kind(), u.describe(), cycles);
            o.printf("  %-40s %,14.0f cycles/s  (%.2f s)%n", "co-simulation (Verilator + Java + compare)",
                    r.cyclesPerSecond(), r.seconds());
            o.printf("  %-40s %,14.0f cycles/s  (%.2f s)%n", "Java cycle model alone", cycles / model, model);
            o.printf("  co-sim / model alone                     %14.3fx%n", (cycles / r.seconds()) / (cycles / model));
            return Bitline.EXIT_OK;
        });
    }
}
