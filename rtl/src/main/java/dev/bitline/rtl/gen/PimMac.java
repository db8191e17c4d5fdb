package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Expr;
import dev.bitline.rtl.hdl.Hdl;
import dev.bitline.rtl.hdl.Instance;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import java.util.ArrayList;
import java.util.List;

/**
 * Generator of the PIM MAC unit for integer inputs (the pim model's {@code MacUnit} with INT8,
 * INT16 or INT4 inputs, INT32 products and accumulator). Command interface ({@code cmd}, applied at the
 * clock edge): 0 NOP; 1 MAC: result = sat(result + tree(w_i * x_i)); 2 CLEAR: result = 0;
 * 3 LOAD: result = {@code acc_in} (the partial sum moved into the result register, which also
 * lets a test start near the saturation limits). {@code w} and {@code x} hold the lanes' signed
 * elements, lane i at [i*B, +B). Every adder of the pairwise tree and the accumulation saturate
 * to INT32, in the model's order, so results equal the model bit for bit even when they clip.
 *
 * <p>Float operands (bf16, fp16): each lane is a {@link Fp#multiplier} whose product is rounded
 * to fp32, the tree and the accumulation are IEEE fp32 {@link Fp#adder}s in the model's order
 * ({@code t[i] = t[2i] + t[2i+1]}, then {@code result + t[0]}); {@code acc_in} and {@code result}
 * are fp32 bit patterns, CLEAR gives +0.
 */
public final class PimMac {
    private PimMac() {}

    public static final int NOP = 0;
    public static final int MAC = 1;
    public static final int CLEAR = 2;
    public static final int LOAD = 3;

    public static Module build(PimMacParams p) {
        if (p.isFloat()) {
            return buildFloat(p);
        }
        int lanes = p.lanes();
        int b = p.inputBits();
        int acc = PimMacParams.ACC_BITS;
        Module m = new Module(p.moduleName());
        m.param("lanes", lanes).param("input", "int" + b).param("accumulator", "int32 saturating");
        Port cmd = m.input("cmd", 2);
        Port w = m.input("w", lanes * b);
        Port x = m.input("x", lanes * b);
        Port accIn = m.inputSigned("acc_in", acc);
        Port result = m.outputSigned("result", acc);

        List<Expr> t = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            Expr wi = w.bits((i + 1) * b - 1, i * b).asSigned();
            Expr xi = x.bits((i + 1) * b - 1, i * b).asSigned();
            t.add(m.let("product_" + i, wi.mul(xi).sext(acc)));
        }
        Expr sum = m.let("sum", Tree.pairwise(t, (level, i, l, r) -> m.let("tree_" + level + "_" + i, saturatingAdd(l, r))));
        Reg r = m.regSigned("acc", acc);
        m.when(cmd.eq(MAC), () -> r.set(saturatingAdd(r, sum)))
                .elsewhen(cmd.eq(CLEAR), () -> r.set(Hdl.slit(0, acc)))
                .elsewhen(cmd.eq(LOAD), () -> r.set(accIn));
        result.set(r);
        return m;
    }

    private static Module buildFloat(PimMacParams p) {
        int lanes = p.lanes();
        FpFormat in = p.fpFormat();
        int b = in.width();
        int acc = PimMacParams.ACC_BITS;
        Module mul = Fp.multiplier(in, FpFormat.FP32, false);
        Module add = Fp.adder(FpFormat.FP32, false);
        Module m = new Module(p.moduleName());
        m.param("lanes", lanes).param("input", in.name()).param("product", "fp32").param("accumulator", "fp32");
        Port cmd = m.input("cmd", 2);
        Port w = m.input("w", lanes * b);
        Port x = m.input("x", lanes * b);
        Port accIn = m.input("acc_in", acc);
        Port result = m.output("result", acc);

        List<Expr> t = new ArrayList<>();
        for (int i = 0; i < lanes; i++) {
            Instance u = m.instance("mul_" + i, mul);
            u.in("a", w.bits((i + 1) * b - 1, i * b)).in("b", x.bits((i + 1) * b - 1, i * b));
            t.add(u.out("p"));
        }
        Expr tree = Tree.pairwise(t, (level, i, l, r) -> m.instance("add_" + level + "_" + i, add).in("a", l).in("b", r).out("s"));
        Reg r = m.reg("acc", acc);
        Instance accumulate = m.instance("acc_add", add);
        accumulate.in("a", r).in("b", tree);
        Expr sum = accumulate.out("s");
        m.when(cmd.eq(MAC), () -> r.set(sum))
                .elsewhen(cmd.eq(CLEAR), () -> r.set(Hdl.lit(0, acc)))
                .elsewhen(cmd.eq(LOAD), () -> r.set(accIn));
        result.set(r);
        return m;
    }

    /** a + b on 32-bit signed values, clipped to [-2^31, 2^31 - 1]. */
    static Expr saturatingAdd(Expr a, Expr b) {
        int w = a.width();
        Expr s = a.sext(w + 1).add(b.sext(w + 1));
        Expr overflow = s.bit(w).xor(s.bit(w - 1));
        Expr limit = Hdl.mux(s.bit(w), Hdl.slit(Long.MIN_VALUE >> (64 - w), w), Hdl.slit(Long.MAX_VALUE >> (64 - w), w));
        return Hdl.mux(overflow, limit, s.trunc(w));
    }
}
