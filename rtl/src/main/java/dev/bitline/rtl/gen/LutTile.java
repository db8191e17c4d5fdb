package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Expr;
import dev.bitline.rtl.hdl.Hdl;
import dev.bitline.rtl.hdl.Instance;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import dev.bitline.rtl.hdl.Wire;
import java.util.ArrayList;
import java.util.List;

/**
 * Generator of the LUT Tensor Core tile (Mo et al., ISCA 2025) as the lut-core functional model
 * defines its datapath: symmetrized tables (2^(k-1) entries, sign in the top index bit), weights
 * read bit-serially one plane per cycle, and every lookup shifted by its plane and accumulated
 * with the sign as add/subtract (negation eliminated: XOR plus carry-in, no negator).
 *
 * <p>Interface (one k-group per accepted input):
 * <ul>
 *   <li>{@code in_valid}, {@code in_ready}: a group is accepted on a cycle where both are 1;
 *       {@code in_ready} is 1 when idle or on the group's last plane, so groups stream back to back;
 *   <li>{@code in_first}: the group starts a new dot product (accumulators clear before its
 *       first plane);
 *   <li>{@code in_planes_m1}: planes of this group minus one (weights of W bits take W cycles;
 *       values above {@code w-1} are clamped); absent when w = 1;
 *   <li>{@code act}: M x K signed activations, element (r, j) at bits [(r*K+j)*A, +A)
 *       (with {@code precompute}); or {@code tables}: M x 2^(k-1) entries, (r, e) at
 *       [(r*E+e)*T, +T), when precompute is fused upstream;
 *   <li>{@code wcode}: N x K unsigned weight codes u (plane b = bit b), (c, j) at [(c*K+j)*W, +W);
 *   <li>{@code acc_r_c}: the accumulators, sum over groups of sum_j a_j q'_j with
 *       q' = 2u - (2^P - 1) (P planes), wrapping at {@code acc} bits; {@code out_valid} is 1 on
 *       the cycle after a group's last plane, when the accumulators hold the finished sums.
 * </ul>
 * Module names carry the configuration; the PE and precompute unit are submodules.
 */
public final class LutTile {
    private LutTile() {}

    public static Module build(LutTileParams p) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        int w = p.weightBits();
        int e = p.entries();
        int tb = p.tableBits();
        int pw = p.planeBits();

        Module pe = p.fp16() ? fp16Pe(p) : pe(p);
        Module pre = p.precompute() ? precompute(p) : null;

        Module t = new Module(p.moduleName());
        if (p.fp16()) {
            t.param("m", m).param("n", n).param("k", k).param("w", w).param("tables", "fp16")
                    .param("accumulator", "fp16, nearest even, flush-to-zero");
        } else {
            t.param("m", m).param("n", n).param("k", k).param("w", w).param("a", p.actBits()).param("acc", p.accBits())
                    .param("precompute", p.precompute()).param("tableBits", tb);
        }
        Port inValid = t.input("in_valid", 1);
        Port inFirst = t.input("in_first", 1);
        Port inPlanes = w > 1 ? t.input("in_planes_m1", pw) : null;
        Port act = p.precompute() ? t.input("act", m * k * p.actBits()) : null;
        Port tables = p.precompute() ? null : t.input("tables", m * e * tb);
        Port wcode = t.input("wcode", n * k * w);
        Port inReady = t.output("in_ready", 1);
        Port outValid = t.output("out_valid", 1);
        List<Port> accOut = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < n; c++) {
                accOut.add(p.fp16() ? t.output("acc_" + r + "_" + c, 16) : t.outputSigned("acc_" + r + "_" + c, p.accBits()));
            }
        }

        // Control: the plane counter walks 0..last for the group in the registers.
        Reg busy = t.reg("busy", 1);
        Reg clr = t.reg("clr", 1);
        Reg done = t.reg("done", 1);
        Reg plane = w > 1 ? t.reg("plane", pw) : null;
        Reg lastPlane = w > 1 ? t.reg("last_plane", pw) : null;
        Wire last = t.let("last", w > 1 ? plane.eq(lastPlane) : Hdl.lit(1, 1));
        Wire ready = t.let("ready", busy.not().or(last));
        Wire accept = t.let("accept", inValid.and(ready));
        inReady.set(ready);
        done.set(busy.and(last));
        outValid.set(done);

        // Tables, one row of entries per activation row, from the precompute unit or the input.
        List<List<Reg>> tbl = new ArrayList<>();
        List<List<Expr>> tblNext = new ArrayList<>();
        for (int r = 0; r < m; r++) {
            tbl.add(t.regVec("tbl_" + r, e, tb, !p.fp16()));
            List<Expr> next = new ArrayList<>();
            if (pre != null) {
                Instance u = t.instance("pre_" + r, pre);
                u.in("act", act.bits((r + 1) * k * p.actBits() - 1, r * k * p.actBits()));
                for (int x = 0; x < e; x++) {
                    next.add(u.out("t_" + x));
                }
            } else {
                for (int x = 0; x < e; x++) {
                    int lo = (r * e + x) * tb;
                    Expr entry = tables.bits(lo + tb - 1, lo);
                    next.add(p.fp16() ? entry : entry.asSigned());
                }
            }
            tblNext.add(next);
        }
        List<List<Reg>> wreg = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            wreg.add(t.regVec("w_" + c, k, w, false));
        }

        t.when(accept, () -> {
            busy.set(1);
            clr.set(inFirst);
            if (w > 1) {
                plane.set(Hdl.lit(0, pw));
                Expr max = Hdl.lit(w - 1, pw);
                // clamp only when the port can exceed w-1 (else the compare is constant)
                lastPlane.set(w == 1 << pw ? inPlanes : Hdl.mux(inPlanes.gt(max), max, inPlanes));
            }
            for (int r = 0; r < m; r++) {
                for (int x = 0; x < e; x++) {
                    tbl.get(r).get(x).set(tblNext.get(r).get(x));
                }
            }
            for (int c = 0; c < n; c++) {
                for (int j = 0; j < k; j++) {
                    int lo = (c * k + j) * w;
                    wreg.get(c).get(j).set(wcode.bits(lo + w - 1, lo));
                }
            }
        }).elsewhen(busy, () -> {
            if (w > 1) {
                t.when(last, () -> busy.set(0)).otherwise(() -> plane.set(plane.add(Hdl.lit(1, pw))));
            } else {
                busy.set(0);
            }
        });

        // The bits of the current plane, one k-bit index per column (shared by its M cells).
        List<Wire> planeBits = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            List<Expr> byPlane = new ArrayList<>();
            for (int b = 0; b < w; b++) {
                List<Expr> bits = new ArrayList<>();
                for (int j = k - 1; j >= 0; j--) {
                    bits.add(wreg.get(c).get(j).bit(b));
                }
                byPlane.add(Hdl.cat(bits));
            }
            planeBits.add(t.let("index_" + c, w > 1 ? Hdl.select(plane, byPlane) : byPlane.get(0)));
        }
        Wire clear = t.let("clear", w > 1 ? clr.and(plane.eq(Hdl.lit(0, pw))) : clr);

        for (int r = 0; r < m; r++) {
            List<Expr> row = new ArrayList<>();
            for (int x = e - 1; x >= 0; x--) {
                row.add(tbl.get(r).get(x));
            }
            Wire rowTables = t.let("tables_" + r, Hdl.cat(row));
            for (int c = 0; c < n; c++) {
                Instance cell = t.instance("pe_" + r + "_" + c, pe);
                cell.in("tbl", rowTables).in("index", planeBits.get(c)).in("en", busy).in("clr", clear);
                if (w > 1) {
                    cell.in("shift", plane);
                }
                accOut.get(r * n + c).set(cell.out("acc"));
            }
        }
        return t;
    }

    /**
     * One cell: looks up entry index (sign bit set: the other bits inverted), shifts it by the
     * plane, and adds or subtracts it (x XOR sign, carry-in sign, in one adder).
     */
    static Module pe(LutTileParams p) {
        int k = p.k();
        int e = p.entries();
        int tb = p.tableBits();
        int sw = p.shiftedBits();
        int accBits = p.accBits();
        Module pe = new Module("lut_pe_k" + k + "_t" + tb + "_w" + p.weightBits() + "_acc" + accBits);
        pe.param("k", k).param("tableBits", tb).param("w", p.weightBits()).param("acc", accBits);
        Port tbl = pe.input("tbl", e * tb);
        Port index = pe.input("index", k);
        Port shift = p.weightBits() > 1 ? pe.input("shift", p.planeBits()) : null;
        Port en = pe.input("en", 1);
        Port clr = pe.input("clr", 1);
        Port acc = pe.outputSigned("acc", accBits);

        Wire sign = pe.let("sign", index.bit(k - 1));
        Wire entry = lookup(pe, tbl, index, sign, e, tb, true);
        Expr wide = entry.sext(sw);
        Wire shifted = pe.let("shifted", shift == null ? wide : wide.shl(shift));
        Wire flipped = pe.let("flipped", shifted.xor(Hdl.cat(java.util.Collections.nCopies(sw, sign)).asSigned()));

        Reg sum = pe.regSigned("sum", accBits);
        sum.enable(en);
        Expr base = Hdl.mux(clr, Hdl.slit(0, accBits), sum);
        // {base, 1} + {x, sign}: the low bit carries the sign into bit 0, so the top bits are
        // base + x + sign = base - shifted when sign is set.
        Expr total = Hdl.cat(base, Hdl.lit(1, 1)).add(Hdl.cat(flipped.sext(accBits), sign));
        sum.set(total.bits(accBits, 1).asSigned());
        acc.set(sum);
        return pe;
    }

    /**
     * The symmetrized read both PEs share: entry index = the index's low bits, inverted when
     * the sign (top) bit is set, selecting one of the {@code e} stored entries of {@code tb} bits.
     */
    private static Wire lookup(Module pe, Port tbl, Port index, Wire sign, int e, int tb, boolean signed) {
        int k = index.width();
        List<Expr> entries = new ArrayList<>();
        for (int x = 0; x < e; x++) {
            Expr v = tbl.bits((x + 1) * tb - 1, x * tb);
            entries.add(signed ? v.asSigned() : v);
        }
        Wire entryIndex = pe.let("entry_index", index.bits(k - 2, 0).xor(Hdl.cat(java.util.Collections.nCopies(k - 1, sign))));
        return pe.let("entry", Hdl.select(entryIndex, entries));
    }

    /**
     * One fp16 cell (lut-core's {@code Fp16Datapath}): looks up the entry as the integer PE does,
     * negates it by flipping the sign bit, scales it by 2^plane by adding the plane to the
     * exponent field (a subnormal entry reads as zero; infinities and NaNs pass; an exponent past
     * the range gives infinity), and adds it into the fp16 accumulator with a flush-to-zero fp16
     * adder.
     */
    static Module fp16Pe(LutTileParams p) {
        int k = p.k();
        int e = p.entries();
        int w = p.weightBits();
        Module pe = new Module("lut_pe_fp16_k" + k + "_w" + w);
        pe.param("k", k).param("w", w).param("tables", "fp16");
        Port tbl = pe.input("tbl", e * 16);
        Port index = pe.input("index", k);
        Port shift = w > 1 ? pe.input("shift", p.planeBits()) : null;
        Port en = pe.input("en", 1);
        Port clr = pe.input("clr", 1);
        Port acc = pe.output("acc", 16);

        Wire sign = pe.let("sign", index.bit(k - 1));
        Wire entry = lookup(pe, tbl, index, sign, e, 16, false);
        Wire s = pe.let("entry_sign", entry.bit(15).xor(sign));
        Wire ef = pe.let("entry_exp", entry.bits(14, 10));
        Expr frac = entry.bits(9, 0);
        Expr scaled;
        Expr special = ef.eq(31);
        if (shift == null) {
            scaled = Hdl.cat(s, entry.bits(14, 0));
        } else {
            Wire e2 = pe.let("scaled_exp", ef.zext(6).add(shift.zext(6)));
            Expr over = e2.ge(Hdl.lit(31, 6));
            scaled = Hdl.mux(special, Hdl.cat(s, entry.bits(14, 0)),
                    Hdl.mux(over, Hdl.cat(s, Hdl.lit(0x7C00, 15)), Hdl.cat(s, e2.bits(4, 0), frac)));
        }
        Wire term = pe.let("term", Hdl.mux(ef.eq(0), Hdl.cat(s, Hdl.lit(0, 15)), scaled));

        Reg sum = pe.reg("sum", 16);
        sum.enable(en);
        Instance add = pe.instance("add", Fp.adder(FpFormat.FP16, true));
        add.in("a", Hdl.mux(clr, Hdl.lit(0, 16), sum)).in("b", term);
        sum.set(add.out("s"));
        acc.set(sum);
        return pe;
    }

    /**
     * Table precompute for one row: T'[e] = sum_j (2 bit_j(e) - 1) a_j over the 2^(k-1) entries
     * whose sign bit (k-1) is 0, walked in Gray-code order so each entry is its neighbour
     * +-2a_j: (k-1) + (E-1) adders per row, the count the PPA model charges.
     */
    static Module precompute(LutTileParams p) {
        int k = p.k();
        int a = p.actBits();
        int tb = p.tableBits();
        int e = p.entries();
        Module pre = new Module("lut_precompute_k" + k + "_a" + a);
        pre.param("k", k).param("a", a).param("tableBits", tb);
        Port act = pre.input("act", k * a);
        List<Port> out = new ArrayList<>();
        for (int x = 0; x < e; x++) {
            out.add(pre.outputSigned("t_" + x, tb));
        }
        List<Expr> as = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            as.add(act.bits((j + 1) * a - 1, j * a).asSigned().sext(tb));
        }
        Expr sum = as.get(0);
        for (int j = 1; j < k; j++) {
            sum = sum.add(as.get(j));
        }
        Expr[] t = new Expr[e];
        t[0] = pre.let("entry_0", sum.neg());
        for (int i = 1; i < e; i++) {
            int g = i ^ (i >> 1);
            int prev = (i - 1) ^ ((i - 1) >> 1);
            int j = Integer.numberOfTrailingZeros(g ^ prev);
            Expr twice = as.get(j).shl(1);
            Expr v = (g >> j & 1) != 0 ? t[prev].add(twice) : t[prev].sub(twice);
            t[g] = pre.let("entry_" + g, v);
        }
        for (int x = 0; x < e; x++) {
            out.get(x).set(t[x]);
        }
        return pre;
    }
}
