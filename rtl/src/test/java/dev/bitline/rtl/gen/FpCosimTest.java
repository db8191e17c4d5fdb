package dev.bitline.rtl.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.rtl.cosim.Cosim;
import dev.bitline.rtl.cosim.Stimulus;
import dev.bitline.rtl.cosim.Tools;
import dev.bitline.rtl.cosim.Verilator;
import dev.bitline.rtl.emit.VerilogEmitter;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import dev.bitline.rtl.model.CycleModel;
import dev.bitline.rtl.model.PortLayout;
import dev.bitline.sim.numeric.Bf16;
import dev.bitline.sim.numeric.Fp16;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floating-point units alone, each against the Java arithmetic it stands for, on 10^5 operand
 * pairs per unit (near-bias values, random bit patterns, subnormals, exponent-range edges, exact
 * cancellations, and the +-0 / inf / NaN / max / min corners of {@link Stimulus.Role.Float}).
 */
class FpCosimTest {
    static final long CYCLES = 100_000;

    @TempDir
    Path tmp;

    @BeforeEach
    void needsVerilator() {
        assumeTrue(Tools.available("verilator"), "verilator not on PATH: co-simulation skipped");
    }

    /** A top that registers {@code unit(ab[0], ab[1])}; the model does the same with {@code op}. */
    private void check(Module unit, FpFormat in, FpFormat out, LongBinaryOperator op) {
        Module top = new Module("fp_check_" + unit.name());
        Port ab = top.input("ab", 2 * in.width());
        Port q = top.output("q", out.width());
        String outPort = unit.findPort("s") != null ? "s" : "p";
        var u = top.instance("dut", unit).in("a", ab.bits(in.width() - 1, 0)).in("b", ab.bits(2 * in.width() - 1, in.width()));
        Reg r = top.reg("r", out.width());
        r.set(u.out(outPort));
        q.set(r);
        assertEquals(List.of(), Verilator.lint(VerilogEmitter.emit(top.elaborate()), top.name()), "lint");
        Cosim.Result res = Cosim.run(top, l -> new CycleModel() {
            long state;

            @Override
            public void eval(long[] i, long[] o) {
                o[l.output("q").word()] = state;
            }

            @Override
            public void tick(long[] i) {
                if (i[l.input("rst").word()] != 0) {
                    state = 0;
                    return;
                }
                long a = PortLayout.field(i, l.input("ab").word(), 0, in.width());
                long b = PortLayout.field(i, l.input("ab").word(), in.width(), in.width());
                state = op.applyAsLong(a, b);
            }
        }, Map.of("rst", new Stimulus.Role.Reset(), "ab", new Stimulus.Role.Float(in.exp(), in.man())), CYCLES, 7,
                tmp.resolve("fp.vcd"));
        assertNull(res.mismatch(), String.valueOf(res.mismatch()));
        assertEquals(CYCLES, res.cycles());
    }

    static long f32(double v) {
        return Float.floatToIntBits((float) v) & 0xFFFF_FFFFL;
    }

    static long h16(short h) {
        return Fp16.isNaN(h) ? Fp16.NaN : h & 0xFFFF;
    }

    @Test
    void fp32AdderIsJavaFloatAddition() {
        check(Fp.adder(FpFormat.FP32, false), FpFormat.FP32, FpFormat.FP32,
                (a, b) -> f32(Float.intBitsToFloat((int) a) + Float.intBitsToFloat((int) b)));
    }

    @Test
    void bf16MultiplierRoundsTheExactProductToFp32() {
        check(Fp.multiplier(FpFormat.BF16, FpFormat.FP32, false), FpFormat.BF16, FpFormat.FP32,
                (a, b) -> f32(Bf16.toDouble((short) a) * Bf16.toDouble((short) b)));
    }

    @Test
    void fp16FlushToZeroAdderIsFp16AddFtz() {
        check(Fp.adder(FpFormat.FP16, true), FpFormat.FP16, FpFormat.FP16,
                (a, b) -> h16(Fp16.addFtz((short) a, (short) b)));
    }

    @Test
    void fp16FlushToZeroMultiplier() {
        check(Fp.multiplier(FpFormat.FP16, FpFormat.FP16, true), FpFormat.FP16, FpFormat.FP16,
                (a, b) -> h16(Fp16.fromDoubleFtz((double) Fp16.toFloatFtz((short) a) * Fp16.toFloatFtz((short) b))));
    }
}
