package dev.bitline.cli;

import dev.bitline.rtl.cosim.Cosim;
import dev.bitline.rtl.cosim.ToolException;
import dev.bitline.rtl.cosim.Verilator;
import dev.bitline.rtl.emit.VerilogEmitter;
import dev.bitline.rtl.gen.Params;
import dev.bitline.rtl.hdl.Design;
import dev.bitline.rtl.hdl.HdlException;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.synth.SynthReport;
import dev.bitline.rtl.synth.Yosys;
import dev.bitline.rtl.unit.RtlUnit;
import dev.bitline.rtl.unit.Units;
import dev.bitline.sim.io.AtomicFiles;
import dev.bitline.sim.io.AtomicFolder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bitline rtl}: generate, lint, co-simulate and synthesize the hardware generators. */
@Command(name = "rtl", mixinStandardHelpOptions = true,
        description = {"Hardware generators (units lut-tile, mac-array, pim-mac; integer, fp16, bf16): Verilog, Verilator lint,",
            "co-simulation against the Java cycle model, Yosys area. Tool failures exit 1."},
        subcommands = {RtlCommand.Gen.class, RtlCommand.Lint.class, RtlCommand.CosimCmd.class, RtlCommand.Synth.class})
public final class RtlCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The unit and its parameters, shared by every subcommand. */
    static final class UnitOptions {
        @Parameters(index = "0", paramLabel = "UNIT", description = "lut-tile, mac-array or pim-mac.")
        String unit;

        @Option(names = "--param", paramLabel = "KEY=VALUE",
                description = {"Generator parameter, repeatable.",
                    "lut-tile: m (2), n (64), k (4, = table group g), w (4, max weight bits), a (8), acc (32), precompute (true),",
                    "  fp16 (false; true: fp16 tables and accumulators, flush-to-zero, precomputed tables, no a/acc).",
                    "mac-array: rows (8), cols (1), k (16), w (4), a (8), acc (32),",
                    "  fp16 (false; true: fp16 activations, dequantize fp16(u-z) x scale, fp16 products/tree/accumulator).",
                    "pim-mac: lanes (16), format (int8; int16, int4, or bf16 / fp16 with fp32 products and IEEE fp32 accumulation)."})
        List<String> params = new ArrayList<>();

        RtlUnit parse() {
            try {
                return Units.parse(unit, Params.parse(params));
            } catch (Params.BadParameterException e) {
                throw new UsageError("rtl: " + e.getMessage());
            }
        }
    }

    static Design elaborate(RtlUnit u, PrintWriter err) {
        Module top = u.build();
        try {
            Design d = top.elaborate();
            for (String w : d.warnings()) {
                err.println(w);
            }
            return d;
        } catch (HdlException e) {
            throw new UsageError("rtl: " + u.kind() + " " + u.describe() + ": " + e.getMessage());
        }
    }

    /** Runs {@code body}; a tool failure is one line on stderr and exit 1. */
    static int tool(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (ToolException e) {
            spec.commandLine().getErr().println("bitline: " + e.getMessage());
            return Bitline.EXIT_INTERNAL;
        }
    }

    @Command(name = "gen", mixinStandardHelpOptions = true,
            description = "Write the unit's Verilog (one file per module) to DIR, replacing it as a whole.")
    static final class Gen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        UnitOptions unit = new UnitOptions();

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Override
        public Integer call() {
            RtlUnit u = unit.parse();
            Design d = elaborate(u, spec.commandLine().getErr());
            Map<String, String> files = VerilogEmitter.emit(d);
            writeDir(out, files);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("%s %s: %d modules, top %s, written to %s%n", u.kind(), u.describe(), files.size(), d.top().name(), out);
            for (String f : files.keySet()) {
                o.println("  " + f);
            }
            return Bitline.EXIT_OK;
        }
    }

    /**
     * Writes all files into a temp folder that then replaces DIR whole: never a half-written DIR,
     * and no stale file of an earlier generation left beside the new ones.
     */
    static void writeDir(Path dir, Map<String, String> files) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError("rtl gen: -o " + dir + ": exists and is not a directory");
        }
        try (AtomicFolder folder = AtomicFolder.open(dir)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                AtomicFiles.write(folder.dir().resolve(f.getKey()), f.getValue());
            }
            folder.commitReplacing();
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Run 'verilator --lint-only -Wall' on the unit's Verilog; any warning exits 1.")
    static final class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        UnitOptions unit = new UnitOptions();

        @Override
        public Integer call() throws Exception {
            RtlUnit u = unit.parse();
            Design d = elaborate(u, spec.commandLine().getErr());
            return tool(spec, () -> {
                List<String> diags = Verilator.lint(VerilogEmitter.emit(d), d.top().name());
                PrintWriter o = spec.commandLine().getOut();
                if (diags.isEmpty()) {
                    o.printf("%s %s: lint clean (verilator --lint-only -Wall, %d modules)%n", u.kind(), u.describe(), d.modules().size());
                    return Bitline.EXIT_OK;
                }
                diags.forEach(spec.commandLine().getErr()::println);
                spec.commandLine().getErr().printf("bitline: %d lint diagnostics in %s%n", diags.size(), d.top().name());
                return Bitline.EXIT_INTERNAL;
            });
        }
    }

    @Command(name = "cosim", mixinStandardHelpOptions = true,
            description = {"Co-simulate the Verilated unit against its Java cycle model: the same random and directed",
                "stimulus, every output compared every cycle. A mismatch prints the first differing cycle,",
                "signal and both values, writes a VCD of the cycles around it, and exits 1."})
    static final class CosimCmd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        UnitOptions unit = new UnitOptions();

        @Option(names = "--cycles", defaultValue = "100000", description = "Cycles (default ${DEFAULT-VALUE}).")
        long cycles;

        @Option(names = "--seed", defaultValue = "1", description = "Stimulus seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--vcd", defaultValue = "cosim-mismatch.vcd", paramLabel = "FILE",
                description = "Where a mismatch's VCD goes (default ${DEFAULT-VALUE}).")
        Path vcd;

        @Override
        public Integer call() throws Exception {
            if (cycles <= 0) {
                throw new UsageError("rtl cosim: --cycles must be positive, got " + cycles);
            }
            RtlUnit u = unit.parse();
            elaborate(u, spec.commandLine().getErr());
            return tool(spec, () -> {
                Cosim.Result r = Cosim.run(u.build(), u::model, u.stimulus(), cycles, seed, vcd);
                PrintWriter o = spec.commandLine().getOut();
                o.printf("%s %s (%s), seed %d%n", u.kind(), u.describe(), r.top(), seed);
                o.printf("  build %.1f s (cached by content hash under %s)%n", r.buildSeconds(), Verilator.cacheRoot());
                if (r.mismatch() != null) {
                    o.println("  MISMATCH at " + r.mismatch());
                    o.println("  VCD of cycles " + Math.max(0, r.mismatch().cycle() - Cosim.WINDOW) + ".."
                            + (r.mismatch().cycle() + Cosim.WINDOW - 1) + ": " + r.vcd());
                    return Bitline.EXIT_INTERNAL;
                }
                if (r.status() == 2) {
                    o.println("  design stopped: " + r.statusMessage());
                    return Bitline.EXIT_INTERNAL;
                }
                o.printf("  %,d cycles, every output equal on every cycle%s%n", r.cycles(),
                        r.status() == 1 ? " (" + r.statusMessage() + ")" : "");
                o.printf("  %.2f s, %,.0f cycles/s%n", r.seconds(), r.cyclesPerSecond());
                return Bitline.EXIT_OK;
            });
        }
    }

    @Command(name = "synth", mixinStandardHelpOptions = true,
            description = {"Yosys generic synthesis of the unit: cell counts by type and gate-equivalent area",
                "(NanGate FreePDK45 X1 cell areas, NAND2 = 1 GE)."})
    static final class Synth implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        UnitOptions unit = new UnitOptions();

        @Option(names = "--hierarchical",
                description = {"Keep module boundaries: each module is synthesized once and counted per instance",
                    "(fast for arrays of identical cells; no optimisation across cells). Default: flatten."})
        boolean hierarchical;

        @Override
        public Integer call() throws Exception {
            RtlUnit u = unit.parse();
            Design d = elaborate(u, spec.commandLine().getErr());
            return tool(spec, () -> {
                SynthReport r = Yosys.synth(VerilogEmitter.emit(d), d.top().name(), !hierarchical);
                print(spec.commandLine().getOut(), u, r);
                return Bitline.EXIT_OK;
            });
        }
    }

    static void print(PrintWriter o, RtlUnit u, SynthReport r) {
        o.printf("%s %s (%s): Yosys generic synthesis%n", u.kind(), u.describe(), r.top());
        o.printf("  %-16s %10s %12s%n", "cell", "count", "area um2");
        for (Map.Entry<String, Long> e : new java.util.TreeMap<>(r.cells()).entrySet()) {
            o.printf("  %-16s %,10d %,12.1f%n", e.getKey(), e.getValue(), e.getValue() * SynthReport.cellAreaUm2(e.getKey()));
        }
        o.printf("  %-16s %,10d %,12.1f%n", "total", r.cellCount(), r.areaUm2());
        o.printf("  gate equivalents %,.0f GE (45 nm NanGate X1, NAND2 = %.3f um2); flip-flops %,d%n",
                r.gateEquivalents(), SynthReport.NAND2_UM2, r.flipFlops());
    }
}
