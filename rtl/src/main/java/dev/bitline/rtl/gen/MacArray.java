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
 * Generator of the throughput-matched MAC baseline: each weight entering is dequantized
 * (code u minus the column's zero point z, an 8-bit subtract, into a signed actBits-wide value),
 * operands are registered ((rows + cols) x k), then every (row, column) pair forms a k-long
 * dot product (actBits x actBits multipliers, an adder tree at 2a + ceil(log2 k) bits) and
 * accumulates it.
 *
 * <p>Interface: {@code in_valid}, {@code in_first} (clear before this product), {@code act}
 * (rows x k signed, (r, j) at [(r*k+j)*A, +A)), {@code wcode} (cols x k codes, (c, j) at
 * [(c*k+j)*W, +W)), {@code zp} (cols zero points, W bits unsigned each); {@code acc_r_c}, and
 * {@code out_valid} one cycle after the accumulators took the product (two cycles after the
 * input: operand register, then accumulate).
 */
public final class MacArray {
    private MacArray() {}

    public static Module build(MacArrayParams p) {
        if (p.fp16()) {
            return buildFp16(p);
        }
        int rows = p.rows();
        int cols = p.cols();
        int k = p.k();
        int a = p.actBits();
        int w = p.weightBits();
        Module t = new Module(p.moduleName());
        t.param("rows", rows).param("cols", cols).param("k", k).param("w", w).param("a", a).param("acc", p.accBits());
        Port inValid = t.input("in_valid", 1);
        Port inFirst = t.input("in_first", 1);
        Port act = t.input("act", rows * k * a);
        Port wcode = t.input("wcode", cols * k * w);
        Port zp = t.input("zp", cols * w);
        Port outValid = t.output("out_valid", 1);

        // stage 1: dequantize and register operands
        Reg[] ctl = control(t, inValid, inFirst, outValid);
        Reg v1 = ctl[0];
        Reg f1 = ctl[1];
        List<List<Reg>> opA = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Reg> row = t.regVec("a_" + r, k, a, true);
            for (int j = 0; j < k; j++) {
                int lo = (r * k + j) * a;
                row.get(j).enable(inValid).set(act.bits(lo + a - 1, lo).asSigned());
            }
            opA.add(row);
        }
        List<List<Reg>> opW = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            Expr z = zp.bits((c + 1) * w - 1, c * w).zext(a);
            List<Reg> col = t.regVec("w_" + c, k, a, true);
            for (int j = 0; j < k; j++) {
                int lo = (c * k + j) * w;
                Expr u = wcode.bits(lo + w - 1, lo).zext(a);
                col.get(j).enable(inValid).set(t.let("deq_" + c + "_" + j, u.sub(z)).asSigned());
            }
            opW.add(col);
        }

        // stage 2: dot products (one submodule per (row, column), so a hierarchical synthesis
        // builds it once) and accumulation
        Module dotUnit = dot(p);
        List<Expr> rowsCat = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            rowsCat.add(t.let("a_row_" + r, Hdl.cat(reversed(opA.get(r)))));
        }
        List<Expr> colsCat = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            colsCat.add(t.let("w_col_" + c, Hdl.cat(reversed(opW.get(c)))));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                Expr dot = t.instance("dot_" + r + "_" + c, dotUnit).in("a", rowsCat.get(r)).in("w", colsCat.get(c)).out("dot");
                Reg acc = t.regSigned("sum_" + r + "_" + c, p.accBits());
                acc.enable(v1);
                Expr base = Hdl.mux(f1, Hdl.slit(0, p.accBits()), acc);
                acc.set(base.add(dot.sext(p.accBits())));
                t.outputSigned("acc_" + r + "_" + c, p.accBits()).set(acc);
            }
        }
        return t;
    }

    /** k signed a x a products of {@code a} and {@code w} (element j at [j*A, +A)) in the pairwise adder tree. */
    private static Module dot(MacArrayParams p) {
        int k = p.k();
        int a = p.actBits();
        int tree = MacArrayParams.treeBits(a, k);
        Module d = new Module("mac_dot_k" + k + "_a" + a);
        d.param("k", k).param("a", a);
        Port x = d.input("a", k * a);
        Port w = d.input("w", k * a);
        List<Expr> terms = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            Expr xj = x.bits((j + 1) * a - 1, j * a).asSigned();
            Expr wj = w.bits((j + 1) * a - 1, j * a).asSigned();
            terms.add(xj.mul(wj).sext(tree));
        }
        d.outputSigned("dot", tree).set(Tree.pairwise(terms, (level, i, l, r) -> l.add(r)));
        return d;
    }

    /** Items last first, so that {@code Hdl.cat} puts item j at bits [j*W, +W). */
    private static List<Expr> reversed(List<? extends Expr> items) {
        List<Expr> r = new ArrayList<>(items);
        java.util.Collections.reverse(r);
        return r;
    }

    /** The two-stage control both arrays share: operand valid/first registers, out_valid a cycle later. */
    private static Reg[] control(Module t, Port inValid, Port inFirst, Port outValid) {
        Reg v1 = t.reg("op_valid", 1);
        Reg f1 = t.reg("op_first", 1);
        Reg done = t.reg("done", 1);
        v1.set(inValid);
        f1.set(inFirst);
        done.set(v1);
        outValid.set(done);
        return new Reg[] {v1, f1};
    }

    /**
     * The fp16 array: stage 1 registers the fp16 activations and the dequantized weights
     * fp16(u - z) x scale_c (an exact integer conversion, then an fp16 multiplier per weight
     * entering); stage 2 forms every (row, column) product with an fp16 multiplier, sums them in
     * the same pairwise tree as the integer array (an odd item passes to the next level) of fp16
     * adders, and adds the sum into the fp16 accumulator (+0 on {@code in_first}). All fp16
     * units round to nearest even and flush subnormals; {@code scale} holds cols fp16 scales.
     */
    private static Module buildFp16(MacArrayParams p) {
        int rows = p.rows();
        int cols = p.cols();
        int k = p.k();
        int w = p.weightBits();
        Module mul = Fp.multiplier(FpFormat.FP16, FpFormat.FP16, true);
        Module add = Fp.adder(FpFormat.FP16, true);
        Module t = new Module(p.moduleName());
        t.param("rows", rows).param("cols", cols).param("k", k).param("w", w).param("numerics", "fp16, nearest even, flush-to-zero");
        Port inValid = t.input("in_valid", 1);
        Port inFirst = t.input("in_first", 1);
        Port act = t.input("act", rows * k * 16);
        Port wcode = t.input("wcode", cols * k * w);
        Port zp = t.input("zp", cols * w);
        Port scale = t.input("scale", cols * 16);
        Port outValid = t.output("out_valid", 1);

        Reg[] ctl = control(t, inValid, inFirst, outValid);
        Reg v1 = ctl[0];
        Reg f1 = ctl[1];
        List<List<Reg>> opA = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Reg> row = t.regVec("a_" + r, k, 16, false);
            for (int j = 0; j < k; j++) {
                int lo = (r * k + j) * 16;
                row.get(j).enable(inValid).set(act.bits(lo + 15, lo));
            }
            opA.add(row);
        }
        List<List<Reg>> opW = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            Expr z = zp.bits((c + 1) * w - 1, c * w).zext(w + 1);
            Expr s = scale.bits((c + 1) * 16 - 1, c * 16);
            List<Reg> col = t.regVec("w_" + c, k, 16, false);
            for (int j = 0; j < k; j++) {
                int lo = (c * k + j) * w;
                Expr u = wcode.bits(lo + w - 1, lo).zext(w + 1);
                Expr level = Fp.fromSigned(t, "deq_" + c + "_" + j, u.sub(z).asSigned(), FpFormat.FP16);
                Instance d = t.instance("deq_mul_" + c + "_" + j, mul);
                d.in("a", level).in("b", s);
                col.get(j).enable(inValid).set(d.out("p"));
            }
            opW.add(col);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                List<Expr> terms = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    Instance u = t.instance("mul_" + r + "_" + c + "_" + j, mul);
                    u.in("a", opA.get(r).get(j)).in("b", opW.get(c).get(j));
                    terms.add(u.out("p"));
                }
                String rc = r + "_" + c;
                Expr dot = Tree.pairwise(terms, (level, i, x, y) ->
                        t.instance("add_" + rc + "_" + level + "_" + i, add).in("a", x).in("b", y).out("s"));
                Reg acc = t.reg("sum_" + rc, 16);
                acc.enable(v1);
                Instance u = t.instance("acc_add_" + rc, add);
                u.in("a", Hdl.mux(f1, Hdl.lit(0, 16), acc)).in("b", dot);
                acc.set(u.out("s"));
                t.output("acc_" + r + "_" + c, 16).set(acc);
            }
        }
        return t;
    }
}
