package dev.bitline.rtl.cosim;

import dev.bitline.rtl.emit.VerilogEmitter;
import dev.bitline.rtl.hdl.Design;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PortLayout;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.function.Function;

/**
 * Co-simulation: the Verilated design and its Java cycle model get the same {@link Stimulus}
 * and every output is compared on every cycle. The first difference stops the run; the design
 * is then replayed from the start with a VCD of the cycles around it.
 */
public final class Cosim {
    private Cosim() {}

    /** Cycles of VCD before and after a mismatch. */
    public static final int WINDOW = 32;
    private static final int BATCH = 2048;

    public record Mismatch(long cycle, String signal, String expected, String actual) {
        @Override
        public String toString() {
            return "cycle " + cycle + ": " + signal + " = " + actual + " in Verilog, " + expected + " in the Java model";
        }
    }

    /**
     * @param mismatch first difference, or null
     * @param status   0, or 1 / 2 if the design stopped by $finish / $fatal ({@code statusMessage})
     * @param vcd      the VCD written for a mismatch, or null
     */
    public record Result(String top, long cycles, Mismatch mismatch, int status, String statusMessage, Path vcd,
                         double seconds, double buildSeconds) {
        public boolean passed() {
            return mismatch == null && status != 2;
        }

        public double cyclesPerSecond() {
            return cycles / Math.max(seconds, 1e-9);
        }
    }

    /** Emits, builds (cached) and runs; {@code vcdOut} is where a mismatch's VCD goes (null: none). */
    public static Result run(Module top, Function<PortLayout, CycleModel> modelFactory, Map<String, Stimulus.Role> roles,
            long cycles, long seed, Path vcdOut) {
        Design d = top.elaborate();
        PortLayout layout = PortLayout.of(top);
        Map<String, String> files = VerilogEmitter.emit(d);
        long t0 = System.nanoTime();
        Path exe = Verilator.build(files, layout);
        double build = (System.nanoTime() - t0) / 1e9;
        CycleModel model = modelFactory.apply(layout);
        Stimulus stim = new Stimulus(layout, roles, seed);
        long[][] ins = new long[BATCH][layout.inWords()];
        long[][] outs = new long[BATCH][layout.outWords()];
        long[] expected = new long[layout.outWords()];
        long t1 = System.nanoTime();
        long done = 0;
        Mismatch mismatch = null;
        int status = 0;
        String statusMessage = "";
        try (HarnessProcess h = new HarnessProcess(exe, layout)) {
            while (done < cycles && mismatch == null && status == 0) {
                int n = (int) Math.min(BATCH, cycles - done);
                for (int i = 0; i < n; i++) {
                    stim.next(ins[i]);
                }
                h.send(ins, n);
                // the Java model runs while the harness computes the same batch
                long[][] exp = expectedBatch(model, ins, n, layout);
                int got = h.receive(outs);
                for (int i = 0; i < got && mismatch == null; i++) {
                    mismatch = compare(layout, exp[i], outs[i], done + i);
                }
                if (mismatch != null) {
                    break;
                }
                done += got;
                if (h.status() != 0) {
                    status = h.status();
                    statusMessage = status == 1 ? "$finish at cycle " + done
                            : "$fatal/$stop at cycle " + done + ": " + h.firstStderrLine();
                }
            }
        }
        double secs = (System.nanoTime() - t1) / 1e9;
        Path vcd = null;
        if (mismatch != null) {
            done = mismatch.cycle();
            if (vcdOut != null) {
                vcd = replayWithVcd(exe, layout, roles, seed, mismatch.cycle(), vcdOut);
            }
        }
        return new Result(layout.top(), done, mismatch, status, statusMessage, vcd, secs, build);
    }

    private static long[][] expectedBatch(CycleModel model, long[][] ins, int n, PortLayout l) {
        long[][] exp = new long[n][l.outWords()];
        for (int i = 0; i < n; i++) {
            model.eval(ins[i], exp[i]);
            model.tick(ins[i]);
        }
        return exp;
    }

    private static Mismatch compare(PortLayout l, long[] exp, long[] act, long cycle) {
        for (PortLayout.Slot s : l.outputs()) {
            for (int w = 0; w < s.words(); w++) {
                if (exp[s.word() + w] != act[s.word() + w]) {
                    return new Mismatch(cycle, s.name(), format(exp, s), format(act, s));
                }
            }
        }
        return null;
    }

    /** Decimal (signed ports as signed) plus hex. */
    static String format(long[] frame, PortLayout.Slot s) {
        BigInteger v = BigInteger.ZERO;
        for (int w = s.words() - 1; w >= 0; w--) {
            v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(frame[s.word() + w])));
        }
        String hex = "0x" + v.toString(16);
        if (s.signed() && v.testBit(s.width() - 1)) {
            v = v.subtract(BigInteger.ONE.shiftLeft(s.width()));
        }
        return v + " (" + hex + ")";
    }

    private static Path replayWithVcd(Path exe, PortLayout layout, Map<String, Stimulus.Role> roles, long seed,
            long at, Path vcdOut) {
        Path tmp = vcdOut.resolveSibling(vcdOut.getFileName() + ".tmp");
        Stimulus stim = new Stimulus(layout, roles, seed);
        long end = at + WINDOW;
        long[][] ins = new long[BATCH][layout.inWords()];
        long[][] outs = new long[BATCH][layout.outWords()];
        try {
            Files.createDirectories(vcdOut.toAbsolutePath().getParent());
            try (HarnessProcess h = new HarnessProcess(exe, layout)) {
                h.trace(Math.max(0, at - WINDOW), end, tmp);
                long done = 0;
                while (done < end && h.status() == 0) {
                    int n = (int) Math.min(BATCH, end - done);
                    for (int i = 0; i < n; i++) {
                        stim.next(ins[i]);
                    }
                    done += h.step(ins, outs, n);
                }
            }
            Files.move(tmp, vcdOut, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return vcdOut;
        } catch (IOException e) {
            throw new ToolException("writing VCD " + vcdOut + ": " + e.getMessage());
        }
    }

    /** The Java model alone over the same stimulus (for {@code bitline bench rtl}); returns seconds. */
    public static double modelOnly(Module top, Function<PortLayout, CycleModel> modelFactory, Map<String, Stimulus.Role> roles,
            long cycles, long seed) {
        PortLayout layout = PortLayout.of(top);
        CycleModel model = modelFactory.apply(layout);
        Stimulus stim = new Stimulus(layout, roles, seed);
        long[] in = new long[layout.inWords()];
        long[] out = new long[layout.outWords()];
        long t0 = System.nanoTime();
        long sink = 0;
        for (long c = 0; c < cycles; c++) {
            stim.next(in);
            model.eval(in, out);
            model.tick(in);
            sink += out[0];
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (sink == 42) {
            System.out.print("");
        }
        return s;
    }
}
