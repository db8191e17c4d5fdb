package dev.bitline.cli;

import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.pim.device.MixedRun;
import dev.bitline.pim.channel.Loss;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.host.HostAsic;
import dev.bitline.pim.host.VectorOp;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.Activation;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.pim.run.PimAnalytical;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bitline pim}: GEMV / GEMM / element-wise runs on a PIM device preset. */
@Command(name = "pim", mixinStandardHelpOptions = true,
        description = "PIM devices (PIM-GPT, GDDR6-AiM, HBM-PIM, AttAcc, Logic-PIM): simulated GEMV, GEMM and host ops.",
        subcommands = {PimCommand.Gemv.class, PimCommand.Gemm.class, PimCommand.Eltwise.class, PimCommand.Mixed.class,
            PimMicrobenchCommand.class})
public final class PimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by every pim subcommand. */
    static final class Device {
        @Option(names = "--config", required = true, paramLabel = "FILE", description = "PIM device preset, e.g. configs/pim/pim-gpt.yaml")
        Path config;

        @Mixin
        CommonOptions common; // --set (e.g. unit.resultRegisters=4, dram.timing.tMAC=4), --configs

        PimSystem load() {
            if (!Files.isRegularFile(config)) {
                throw new UsageError("pim: no such config file " + config + " (expected a YAML file under configs/pim/)");
            }
            return PimSystem.load(common.loader(config), config, common.overrides);
        }
    }

    /** Options of the matrix runs. */
    static final class MatrixOptions {
        @Option(names = "--rows", defaultValue = "4096", description = "Rows of W = outputs (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--cols", defaultValue = "4096", description = "Columns of W = reduction length (default ${DEFAULT-VALUE}).")
        int cols;

        @Option(names = "--precision", description = "Input precision (default: the unit's first, e.g. bf16).")
        String precision;

        @Option(names = "--check", description = "Run the independent timing checker on every command.")
        boolean check;

        @Option(names = "--timing-only", description = "Skip the numerics (same timing; for large sweeps).")
        boolean timingOnly;

        @Option(names = "--ticked", description = "Drive the channels with the ticked reference (slow; same trace).")
        boolean ticked;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the random operands (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--cmd-trace", paramLabel = "FILE", description = "Write every command in the trace text format (check it with 'bitline dram check').")
        Path cmdTrace;

        @Option(names = "--af", paramLabel = "FN", description = "AF stage: the units apply relu | gelu | silu to the results before readout (y = f(W x)).")
        String af;
    }

    static int matrix(CommandSpec spec, Device dev, MatrixOptions m, int batch, String what) {
        if (m.rows < 1 || m.cols < 1) throw new UsageError("pim " + what + ": --rows and --cols must be >= 1");
        if (batch < 1) throw new UsageError("pim " + what + ": --batch must be >= 1");
        PimSystem sys = dev.load();
        InputFormat f;
        try {
            f = m.precision == null ? sys.precisions().get(0) : InputFormat.parse(m.precision);
        } catch (IllegalArgumentException e) {
            throw new UsageError("pim " + what + ": --precision: " + e.getMessage());
        }
        if (sys.unsupported(f) != null) throw new UsageError("pim " + what + ": --precision " + m.precision + ": " + sys.unsupported(f));
        GemvLayout layout;
        try {
            layout = GemvRun.layout(sys, m.rows, m.cols, f);
        } catch (IllegalArgumentException e) {
            throw new UsageError("pim " + what + ": --rows " + m.rows + " --cols " + m.cols + ": " + e.getMessage());
        }
        if (!m.timingOnly && (long) m.rows * m.cols > 64L * 1024 * 1024) {
            throw new UsageError("pim " + what + ": " + m.rows + " x " + m.cols + " is too large for numerics (use --timing-only)");
        }
        CommandBuffer trace = m.cmdTrace == null ? null : new CommandBuffer();
        Activation af = null;
        if (m.af != null) {
            try {
                af = Activation.valueOf(m.af.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageError("pim " + what + ": --af " + m.af + " (expected relu, gelu or silu)");
            }
        }
        GemvRun.Options o = new GemvRun.Options(!m.timingOnly, m.ticked, m.check, m.seed, trace).withActivation(af);
        long t0 = System.nanoTime();
        GemvResult r = GemvRun.run(sys, m.rows, m.cols, batch, f, o);
        double wall = (System.nanoTime() - t0) * 1e-9;
        PrintWriter out = spec.commandLine().getOut();
        print(out, sys, layout, r, wall, PimAnalytical.cycles(sys, layout, batch));
        if (af != null) {
            out.printf("  activation:       %s by an AF command per block of results, in the units before readout%n",
                    af.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (trace != null) writeTrace(m.cmdTrace, trace.sortedByCycle());
        if (trace != null) out.printf("command trace:    %s%n", m.cmdTrace);
        out.flush();
        if (r.check() != null && !r.check().clean()) {
            spec.commandLine().getErr().println(r.check().summary(5).trim());
            return Bitline.EXIT_INTERNAL;
        }
        if (Boolean.FALSE.equals(r.verified())) {
            spec.commandLine().getErr().println("bitline: pim " + what + ": output does NOT match the reference - a bug, please report it");
            return Bitline.EXIT_INTERNAL;
        }
        return Bitline.EXIT_OK;
    }

    static void print(PrintWriter o, PimSystem sys, GemvLayout l, GemvResult r, double wall, double analytical) {
        var g = sys.geometry();
        o.printf("pim %s: %s%n", r.batch() == 1 ? "gemv" : "gemm", sys.name());
        o.printf("  shape:            %d x %d %s%s, %d channels x %d x %d banks, %d units (%s), %d-element chunks, %d slots/bank%n",
                r.n(), r.k(), r.format().name().toLowerCase(), r.batch() == 1 ? "" : ", batch " + r.batch(),
                g.channels(), g.rankUnits(), g.banksPerRankUnit(), g.totalUnits(),
                sys.config().unit().placement().name().toLowerCase().replace('_', '-'), l.chunk(), l.slots());
        o.printf("  cycles:           %,d (tCK %.3f ns)%n", r.cycles(), sys.dram().tCKps() / 1000.0);
        o.printf("  time:             %.3f us%n", r.seconds() * 1e6);
        o.printf("  peak:             %.1f GMAC/s (%.2f TFLOPS)%n", r.peakMacsPerSecond() / 1e9, 2 * r.peakMacsPerSecond() / 1e12);
        o.printf("  achieved:         %.1f GMAC/s%n", r.macsPerSecond() / 1e9);
        o.printf("  utilization:      %.1f%%%n", 100 * r.utilization());
        o.printf("  internal BW:      %.1f GB/s (peak %.1f GB/s)%n", r.internalBytesPerSecond() / 1e9,
                sys.peakInternalBytesPerSecond() / 1e9);
        o.printf("  energy:           %.3f uJ, %.2f pJ/MAC (%s)%n", r.energy().total() / 1e6, r.energyPerMacPj(),
                components(r.energy().components(), r.energy().total()));
        StringBuilder loss = new StringBuilder();
        for (Map.Entry<Loss, Double> e : r.loss().entrySet()) {
            if (loss.length() > 0) loss.append(", ");
            loss.append(e.getKey().name().toLowerCase().replace('_', ' ')).append(String.format(" %.1f%%", 100 * e.getValue()));
        }
        o.printf("  time split:       %s%n", loss);
        o.printf("  analytical:       %,.0f cycles (%+.1f%% vs simulated)%n", analytical, 100 * (analytical / r.cycles() - 1));
        o.printf("  commands:         %,d (%,d decision cycles%s), wall %.3f s%n", r.commands(), r.decisions(),
                "", wall);
        if (r.check() != null) {
            o.printf("  checker:          %s%n", r.check().clean() ? "0 violations in " + r.check().commands() + " commands"
                    : r.check().violations() + " VIOLATIONS");
        }
        if (r.verified() == null) {
            o.printf("  verified:         - (--timing-only)%n");
        } else {
            o.printf("  verified:         %s against the %s reference bit for bit; max error %.3g of the format bound%n",
                    r.verified() ? "yes" : "NO", sys.macUnit(r.format()).accumulator().name().toLowerCase(), r.maxErrorRatio());
        }
    }

    private static String components(Map<String, Double> m, double total) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : m.entrySet()) {
            if (e.getValue() <= 0) continue;
            if (b.length() > 0) b.append(", ");
            b.append(e.getKey()).append(String.format(" %.0f%%", 100 * e.getValue() / total));
        }
        return b.toString();
    }

    static void writeTrace(Path file, CommandBuffer trace) {
        StringWriter w = new StringWriter();
        try {
            trace.writeText(w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dev.bitline.sim.io.AtomicFiles.write(file, w.toString());
    }

    @Command(name = "gemv", mixinStandardHelpOptions = true,
            description = {"y = W x on the device: W laid out across channels and banks, every channel's command",
                "stream simulated on the DRAM timing engine, y computed by the MAC units and checked."})
    static final class Gemv implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Device dev;

        @Mixin
        MatrixOptions m;

        @Override
        public Integer call() {
            return matrix(spec, dev, m, 1, "gemv");
        }
    }

    @Command(name = "mixed", mixinStandardHelpOptions = true,
            description = {"Mixed traffic: random host reads/writes through the channels' DRAM ports and a GEMV",
                "phase on the same channels. --mode blocked: host requests wait at the port during the phase (AiM);",
                "--mode dual-row-buffer: a second row buffer per bank for the PIM work, host accesses overlap it (NeuPIMs)."})
    static final class Mixed implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Device dev;

        @Option(names = "--rows", defaultValue = "1024", description = "Rows of W (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--cols", defaultValue = "1024", description = "Columns of W (default ${DEFAULT-VALUE}).")
        int cols;

        @Option(names = "--requests", defaultValue = "2000", description = "Host requests, one in three a write (default ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--gap", defaultValue = "4", description = "Cycles between host requests (default ${DEFAULT-VALUE}).")
        long gap;

        @Option(names = "--pim-at", defaultValue = "2000", description = "Cycle the PIM phase is started (default ${DEFAULT-VALUE}).")
        long pimAt;

        @Option(names = "--ticked", description = "Controllers and PIM channels in the ticked reference mode (same trace).")
        boolean ticked;

        @Option(names = "--mode", defaultValue = "blocked", paramLabel = "MODE",
                description = "blocked | dual-row-buffer (default ${DEFAULT-VALUE}).")
        String mode;

        @Option(names = "--check", description = "Check the whole trace (host and PIM commands) with the independent checker.")
        boolean check;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of addresses and operands (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (rows < 1 || cols < 1 || requests < 0 || gap < 1 || pimAt < 0) {
                throw new UsageError("pim mixed: --rows/--cols >= 1, --requests >= 0, --gap >= 1, --pim-at >= 0");
            }
            boolean dual = switch (mode) {
                case "blocked" -> false;
                case "dual-row-buffer" -> true;
                default -> throw new UsageError("pim mixed: --mode " + mode + " (expected blocked or dual-row-buffer)");
            };
            PimSystem sys = dev.load();
            if (dual) sys = sys.withDualRowBuffer(dev.common.loader(dev.config));
            InputFormat f = sys.precisions().get(0);
            try {
                GemvRun.layout(sys, rows, cols, f);
            } catch (IllegalArgumentException e) {
                throw new UsageError("pim mixed: --rows " + rows + " --cols " + cols + ": " + e.getMessage());
            }
            if ((long) rows * cols > 16L * 1024 * 1024) throw new UsageError("pim mixed: at most 16 Mi weights (numerics run)");
            var cfg = ControllerConfig.defaults().withTicked(ticked);
            if (sys.dram().organization().pseudoChannels() > 1) cfg = cfg.withAddressMapping("ro-ba-bg-ra-pc-co-ch");
            long t0 = System.nanoTime();
            var r = MixedRun.run(sys, cfg, rows, cols, f, true, requests, gap, pimAt, seed);
            double wall = (System.nanoTime() - t0) * 1e-9;
            PrintWriter o = spec.commandLine().getOut();
            o.printf("pim mixed: %s, %s mode%n", sys.name(), mode);
            o.printf("  host:             %,d of %,d requests served, mean latency %.1f ns, max %.1f ns%n", r.served(), requests,
                    r.meanLatencyNs(), r.maxLatencyNs());
            o.printf("  host in phase:    %,d requests sent during the phase, mean latency %.1f ns%n", r.sentInPhase(),
                    r.meanLatencyInPhaseNs());
            o.printf("  PIM phase:        cycles %,d .. %,d (%,d cycles), %d x %d GEMV, utilization %.1f%%%n", r.phaseStart(),
                    r.phaseEnd(), r.gemv().cycles(), rows, cols, 100 * r.gemv().utilization());
            o.printf("  host commands during the phase: %d%n", r.hostCommandsInPhase());
            var e = r.dramEnergy();
            o.printf("  DRAM energy:      %.3f uJ for the whole trace (host + PIM + refresh + standby), refresh %.3f uJ (%.1f%%)%n",
                    e.total() * 1e-6, e.refresh() * 1e-6, 100 * e.refresh() / e.total());
            o.printf("  commands:         %,d in the trace, wall %.3f s%n", r.trace().size(), wall);
            o.printf("  verified:         %s%n", Boolean.TRUE.equals(r.gemv().verified()) ? "yes, bit for bit" : "NO");
            int rc = Bitline.EXIT_OK;
            if (check) {
                var rep = TimingChecker.check(sys.dram(), r.trace());
                o.printf("  checker:          %d violations in %d commands%n", rep.violations(), rep.commands());
                if (!rep.clean()) rc = Bitline.EXIT_INTERNAL;
            }
            o.flush();
            if (!Boolean.TRUE.equals(r.gemv().verified()) || r.served() != requests) return Bitline.EXIT_INTERNAL;
            return rc;
        }
    }

    @Command(name = "gemm", mixinStandardHelpOptions = true,
            description = {"Y = W X for a batch of input vectors: PIM units have no reuse across inputs, so each",
                "vector is a GEMV over the same weights (the buffer and result registers are reloaded)."})
    static final class Gemm implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Device dev;

        @Mixin
        MatrixOptions m;

        @Option(names = "--batch", defaultValue = "4", description = "Input vectors (default ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() {
            return matrix(spec, dev, m, batch, "gemm");
        }
    }

    @Command(name = "eltwise", mixinStandardHelpOptions = true,
            description = {"An element-wise or row-wise op on the host ASIC (residual add, softmax, layer norm,",
                "RMSNorm, GELU, SiLU, sum): real fp32 values, cycles, time and energy."})
    static final class Eltwise implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Device dev;

        @Option(names = "--op", required = true, description = "residual-add, softmax, layer-norm, rms-norm, gelu, silu, reduce-sum")
        String op;

        @Option(names = "--length", defaultValue = "4096", description = "Elements per row (default ${DEFAULT-VALUE}).")
        int length;

        @Option(names = "--rows", defaultValue = "1", description = "Rows (default ${DEFAULT-VALUE}).")
        int rows;

        @Override
        public Integer call() {
            VectorOp v = null;
            for (VectorOp c : VectorOp.values()) {
                if (c.name().replace('_', '-').equalsIgnoreCase(op) || c.name().equalsIgnoreCase(op)) v = c;
            }
            if (v == null) {
                throw new UsageError("pim eltwise: --op " + op + ": unknown (expected residual-add, softmax, layer-norm, rms-norm, gelu, silu or reduce-sum)");
            }
            if (length < 1 || rows < 1) throw new UsageError("pim eltwise: --length and --rows must be >= 1");
            PimSystem sys = dev.load();
            HostAsic asic = new HostAsic(sys.config().host());
            String why = asic.problem(v, length);
            if (why != null) throw new UsageError("pim eltwise: --length " + length + ": " + why);
            SplittableRandom rnd = new SplittableRandom(1);
            float[] x = new float[length];
            float[] b = new float[length];
            for (int i = 0; i < length; i++) {
                x[i] = (float) (rnd.nextDouble() * 4 - 2);
                b[i] = (float) (rnd.nextDouble() * 4 - 2);
            }
            float[] y = asic.apply(v, x, b);
            HostAsic.Cost c = asic.cost(v, length, rows);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("pim eltwise: %s on the host ASIC of %s%n", v.name().toLowerCase().replace('_', '-'), sys.name());
            o.printf("  shape:            %d rows x %d fp32 elements, %d lanes at %s%n", rows, length,
                    sys.config().host().vectorLanes(), sys.config().host().clock());
            o.printf("  cycles:           %,d%n", c.cycles());
            o.printf("  time:             %.3f us%n", c.timePs() * 1e-6);
            o.printf("  energy:           %.3f nJ, %.2f pJ/element%n", c.energyPj() / 1e3, c.energyPj() / ((double) length * rows));
            o.printf("  first outputs:    %s%n", java.util.Arrays.toString(java.util.Arrays.copyOf(y, Math.min(4, y.length))));
            return Bitline.EXIT_OK;
        }
    }
}
