package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Expr;
import dev.bitline.rtl.hdl.Hdl;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Port;

/**
 * Floating-point datapath generators: an adder and a multiplier for any {@link FpFormat}, both
 * rounding once to nearest even, and an exact small-integer converter. Two flavours, matching the
 * two Java numerics they are co-simulated against:
 * <ul>
 *   <li>IEEE ({@code ftz = false}): gradual underflow (subnormal inputs and results), overflow to
 *       infinity, inf - inf and 0 x inf give NaN, signed zeros as IEEE (x + (-x) = +0): Java's
 *       float arithmetic, which the pim model's {@code MacUnit} uses for fp32;
 *   <li>flush-to-zero ({@code ftz = true}): subnormal inputs read as zero of their sign and a result
 *       whose rounded exponent field is 0 becomes a zero of its sign ("flush after rounding"): the
 *       {@code Fp16.*Ftz} operations of the LUT Tensor Core's fp16 datapath.
 * </ul>
 * Every NaN result is the format's canonical quiet NaN ({@link FpFormat#canonicalNaN}); payloads
 * are not propagated (the Java models compare NaN results after the same canonicalization).
 *
 * <p>The adder is the textbook single-path design: order the operands by magnitude (the raw
 * exponent/fraction bits compare as unsigned integers), align the smaller with guard, round and
 * sticky bits, add or subtract, normalize by a leading-zero count limited so the exponent stays
 * >= 1 (a cancellation that ends subnormal stops there), round and pack. Subnormal results of an
 * adder come only from exact cancellations, so it needs no right shifter; the multiplier does
 * (a product can fall below the normal range), limited to the shifts that matter.
 */
public final class Fp {
    private Fp() {}

    /** The fields of one operand. */
    record Unpacked(Expr sign, Expr exp, Expr sig, Expr zero, Expr inf, Expr nan) {}

    /** Module {@code fp_add_<fmt>[_ftz]}: {@code s = a + b}. */
    public static Module adder(FpFormat f, boolean ftz) {
        int w = f.width();
        int mn = f.man();
        int e = f.exp();
        Module m = new Module("fp_add_" + f.name() + (ftz ? "_ftz" : ""));
        m.param("format", f.name()).param("rounding", "nearest even").param("subnormals", ftz ? "flushed" : "gradual");
        Port a = m.input("a", w);
        Port b = m.input("b", w);
        Port s = m.output("s", w);
        Unpacked ua = unpack(m, "a", a, f, ftz);
        Unpacked ub = unpack(m, "b", b, f, ftz);

        Expr swap = m.let("swap", a.bits(w - 2, 0).lt(b.bits(w - 2, 0)));
        Expr bigSign = m.let("big_sign", Hdl.mux(swap, ub.sign(), ua.sign()));
        Expr bigExp = m.let("big_exp", Hdl.mux(swap, ub.exp(), ua.exp()));
        Expr smallExp = Hdl.mux(swap, ua.exp(), ub.exp());
        Expr bigSig = Hdl.mux(swap, ub.sig(), ua.sig());
        Expr smallSig = Hdl.mux(swap, ua.sig(), ub.sig());
        int x = mn + 4; // significand + guard, round, sticky
        Expr diff = m.let("exp_diff", bigExp.sub(smallExp));
        Expr smallX = m.let("small_x", Hdl.cat(smallSig, Hdl.lit(0, 3)));
        Expr lost = m.let("lost", smallX.and(ones(x).shl(diff).not()).orReduce());
        Expr aligned = m.let("aligned", smallX.shr(diff).or(lost.zext(x)));
        Expr sub = m.let("eff_sub", ua.sign().xor(ub.sign()));
        Expr bigW = Hdl.cat(Hdl.lit(0, 1), bigSig, Hdl.lit(0, 3));
        Expr alW = aligned.zext(x + 1);
        Expr sum = m.let("sum", Hdl.mux(sub, bigW.sub(alW), bigW.add(alW)));
        Expr lz = lzc(m, "sum_lz", sum);
        // shift limited to big_exp - 0: the result exponent big_exp + 1 - shift stays >= 1
        int cw = Math.max(lz.width(), e);
        Expr lzW = lz.zext(cw);
        Expr expW = bigExp.zext(cw);
        Expr shift = m.let("norm_shift", Hdl.mux(lzW.gt(expW), expW, lzW));
        Expr norm = m.let("norm", sum.shl(shift));
        int ew = Math.max(cw, e) + 2;
        Expr exp = m.let("norm_exp", bigExp.zext(ew).asSigned().add(Hdl.slit(1, ew)).sub(shift.zext(ew).asSigned()));
        Expr rounded = roundPack(m, "r", bigSign, exp, norm, f, ftz, 0);

        Expr exactZero = m.let("exact_zero", sum.eq(0));
        Expr zeroSign = bigSign.and(sub.not());
        Expr nan = m.let("nan", ua.nan().or(ub.nan()).or(ua.inf().and(ub.inf()).and(sub)));
        Expr inf = m.let("inf", ua.inf().or(ub.inf()));
        Expr infSign = Hdl.mux(ua.inf(), ua.sign(), ub.sign());
        s.set(Hdl.mux(nan, Hdl.lit(f.canonicalNaN(), w),
                Hdl.mux(inf, Hdl.cat(infSign, Hdl.lit((long) f.maxExpField() << mn, w - 1)),
                        Hdl.mux(exactZero, Hdl.cat(zeroSign, Hdl.lit(0, w - 1)), rounded))));
        return m;
    }

    /** Module {@code fp_mul_<in>_<out>[_ftz]}: {@code p = a * b} rounded once to {@code out}. */
    public static Module multiplier(FpFormat in, FpFormat out, boolean ftz) {
        int wi = in.width();
        Module m = new Module("fp_mul_" + in.name() + "_" + out.name() + (ftz ? "_ftz" : ""));
        m.param("input", in.name()).param("output", out.name()).param("rounding", "nearest even")
                .param("subnormals", ftz ? "flushed" : "gradual");
        Port a = m.input("a", wi);
        Port b = m.input("b", wi);
        Port p = m.output("p", out.width());
        Unpacked ua = unpack(m, "a", a, in, ftz);
        Unpacked ub = unpack(m, "b", b, in, ftz);
        Expr sign = m.let("sign", ua.sign().xor(ub.sign()));
        Expr prod = m.let("prod", ua.sig().mul(ub.sig()));
        Expr lz = lzc(m, "prod_lz", prod);
        Expr norm0 = m.let("prod_norm", prod.shl(lz));
        int nw = Math.max(prod.width(), out.man() + 3);
        Expr norm = nw > prod.width() ? Hdl.cat(norm0, Hdl.lit(0, nw - prod.width())) : norm0;
        int ew = Math.max(in.exp(), out.exp()) + 3;
        // value = 1.f x 2^(ea + eb - 2 bias_in + 1 - lz): biased in the output format
        Expr exp = m.let("prod_exp", ua.exp().zext(ew).asSigned().add(ub.exp().zext(ew).asSigned())
                .add(Hdl.slit(out.bias() + 1 - 2L * in.bias(), ew)).sub(lz.zext(ew).asSigned()));
        // without subnormal results a shift past 2 flushes anyway (it cannot round up to the normal range)
        Expr rounded = roundPack(m, "r", sign, exp, norm, out, ftz, ftz ? 2 : nw + 1);
        Expr nan = m.let("nan", ua.nan().or(ub.nan()).or(ua.inf().and(ub.zero())).or(ua.zero().and(ub.inf())));
        Expr inf = m.let("inf", ua.inf().or(ub.inf()));
        Expr zero = m.let("zero", ua.zero().or(ub.zero()));
        int wo = out.width();
        p.set(Hdl.mux(nan, Hdl.lit(out.canonicalNaN(), wo),
                Hdl.mux(inf, Hdl.cat(sign, Hdl.lit((long) out.maxExpField() << out.man(), wo - 1)),
                        Hdl.mux(zero, Hdl.cat(sign, Hdl.lit(0, wo - 1)), rounded))));
        return m;
    }

    /**
     * A signed integer as {@code f}, inline in {@code m} (exact while its magnitude fits the
     * significand, which the callers guarantee; otherwise rounded to nearest even). Zero is +0.
     */
    public static Expr fromSigned(Module m, String name, Expr v, FpFormat f) {
        int n = v.width();
        Expr neg = m.let(name + "_neg", v.msb());
        Expr mag = m.let(name + "_mag", Hdl.mux(neg, v.neg(), v).asUnsigned());
        Expr lz = lzc(m, name + "_lz", mag);
        Expr norm0 = mag.shl(lz);
        int nw = Math.max(n, f.man() + 2);
        Expr norm = m.let(name + "_norm", nw > n ? Hdl.cat(norm0, Hdl.lit(0, nw - n)) : norm0);
        int ew = Math.max(f.exp(), lz.width()) + 2;
        Expr exp = Hdl.slit(f.bias() + n - 1, ew).sub(lz.zext(ew).asSigned());
        Expr r = roundPack(m, name, neg, m.let(name + "_exp", exp), norm, f, false, 0);
        return m.let(name, Hdl.mux(mag.eq(0), Hdl.lit(0, f.width()), r));
    }

    static Unpacked unpack(Module m, String p, Expr x, FpFormat f, boolean ftz) {
        int w = f.width();
        int mn = f.man();
        Expr ef = x.bits(w - 2, mn);
        Expr mf = x.bits(mn - 1, 0);
        Expr sign = x.bit(w - 1);
        Expr expZero = m.let(p + "_exp_zero", ef.eq(0));
        Expr expMax = ef.eq(f.maxExpField());
        Expr fracZero = mf.eq(0);
        Expr nan = m.let(p + "_nan", expMax.and(fracZero.not()));
        Expr inf = m.let(p + "_inf", expMax.and(fracZero));
        Expr sig = m.let(p + "_sig", ftz ? Hdl.mux(expZero, Hdl.lit(0, mn + 1), Hdl.cat(Hdl.lit(1, 1), mf))
                : Hdl.cat(expZero.not(), mf));
        Expr exp = m.let(p + "_exp", Hdl.mux(expZero, Hdl.lit(1, f.exp()), ef));
        Expr zero = ftz ? expZero : expZero.and(fracZero); // named by the caller that reads it
        return new Unpacked(sign, exp, sig, zero, inf, nan);
    }

    /**
     * Rounds and packs {@code norm} x 2^(exp - bias), {@code norm} read as 1.xxx with its top bit
     * the leading one (or, when {@code exp} is 1, a subnormal with leading zeros), to nearest
     * even. {@code exp} below 1 first shifts right (with sticky) by up to {@code maxRightShift}.
     * Overflow gives infinity; with {@code ftz} a result whose exponent field is 0 gives zero.
     */
    static Expr roundPack(Module m, String p, Expr sign, Expr exp, Expr norm, FpFormat f, boolean ftz, int maxRightShift) {
        int nw = norm.width();
        int mn = f.man();
        int e = f.exp();
        int ew = exp.width();
        Expr shifted = norm;
        Expr lost = Hdl.lit(0, 1);
        Expr expAdj = exp;
        if (maxRightShift > 0) {
            Expr under = m.let(p + "_under", exp.lt(Hdl.slit(1, ew)));
            Expr need = Hdl.slit(1, ew).sub(exp);
            int ab = Hdl.bitsFor(maxRightShift);
            Expr amount = m.let(p + "_rshift", Hdl.mux(under,
                    Hdl.mux(need.gt(Hdl.slit(maxRightShift, ew)), Hdl.lit(maxRightShift, ab), need.bits(ab - 1, 0)),
                    Hdl.lit(0, ab)));
            shifted = m.let(p + "_denorm", norm.shr(amount));
            lost = m.let(p + "_lost", norm.and(ones(nw).shl(amount).not()).orReduce());
            expAdj = Hdl.mux(under, Hdl.slit(1, ew), exp);
        }
        Expr q = m.let(p + "_q", shifted.bits(nw - 1, nw - 1 - mn));
        Expr guard = shifted.bit(nw - 2 - mn);
        Expr rest = nw - 2 - mn > 0 ? shifted.bits(nw - 3 - mn, 0).orReduce().or(lost) : lost;
        Expr up = m.let(p + "_up", guard.and(rest.or(q.bit(0))));
        Expr em1 = m.let(p + "_em1", expAdj.sub(Hdl.slit(1, ew)));
        Expr expOverflow = em1.ge(Hdl.slit(f.maxExpField(), ew));
        int rw = e + mn + 1;
        Expr base = Hdl.cat(Hdl.lit(0, 1), em1.bits(e - 1, 0), Hdl.lit(0, mn));
        Expr res = m.let(p + "_res", base.add(q.zext(rw)).add(up.zext(rw)));
        Expr inf = m.let(p + "_ovf", expOverflow.or(res.ge(Hdl.lit((long) f.maxExpField() << mn, rw))));
        Expr mag = Hdl.mux(inf, Hdl.lit((long) f.maxExpField() << mn, e + mn), res.bits(e + mn - 1, 0));
        if (ftz) {
            Expr flush = res.bits(e + mn - 1, mn).eq(0);
            mag = Hdl.mux(flush.and(inf.not()), Hdl.lit(0, e + mn), mag);
        }
        return m.let(p + "_packed", Hdl.cat(sign, mag));
    }

    /** Leading zeros of {@code x} (its width when x = 0), as a priority chain. */
    static Expr lzc(Module m, String name, Expr x) {
        int w = x.width();
        int cw = Hdl.bitsFor(w);
        Expr r = Hdl.lit(w, cw);
        for (int i = 0; i < w; i++) {
            r = Hdl.mux(x.bit(i), Hdl.lit(w - 1 - i, cw), r);
        }
        return m.let(name, r);
    }

    private static Expr ones(int w) {
        return Hdl.lit(java.math.BigInteger.ONE.shiftLeft(w).subtract(java.math.BigInteger.ONE), w);
    }
}
