package dev.bitline.rtl.hdl;

import java.math.BigInteger;
import java.util.List;

/**
 * A hardware value: a signal, a constant or an operator over other values. Every node knows its
 * width and signedness and the Java line that built it.
 *
 * <p>Width rules are strict, so the Verilog never relies on implicit extension or truncation:
 * bitwise and arithmetic operands must have equal widths and equal signedness (use
 * {@link #resize}, {@link #sext}, {@link #zext}, {@link #trunc}); {@code +} and {@code -} wrap at
 * that width ({@link #addWide} keeps the carry); {@code *} is full width (wa + wb);
 * comparisons are 1 bit and signed when both operands are.
 */
public sealed interface Expr permits Signal, Const, Op, Mux, Concat, Slice, Extend, Select, MemRead {
    int width();

    boolean signed();

    SourceLine src();

    // ---- arithmetic ----

    default Expr add(Expr b) {
        return Op.binary(Op.Kind.ADD, this, b);
    }

    default Expr sub(Expr b) {
        return Op.binary(Op.Kind.SUB, this, b);
    }

    /** Sum one bit wider than the operands (no overflow). */
    default Expr addWide(Expr b) {
        return resize(width() + 1).add(b.resize(b.width() + 1));
    }

    default Expr mul(Expr b) {
        return Op.binary(Op.Kind.MUL, this, b);
    }

    default Expr neg() {
        return Op.unary(Op.Kind.NEG, this);
    }

    // ---- logic ----

    default Expr and(Expr b) {
        return Op.binary(Op.Kind.AND, this, b);
    }

    default Expr or(Expr b) {
        return Op.binary(Op.Kind.OR, this, b);
    }

    default Expr xor(Expr b) {
        return Op.binary(Op.Kind.XOR, this, b);
    }

    default Expr not() {
        return Op.unary(Op.Kind.NOT, this);
    }

    default Expr orReduce() {
        return Op.unary(Op.Kind.REDUCE_OR, this);
    }

    default Expr andReduce() {
        return Op.unary(Op.Kind.REDUCE_AND, this);
    }

    default Expr xorReduce() {
        return Op.unary(Op.Kind.REDUCE_XOR, this);
    }

    // ---- compare (1 bit) ----

    default Expr eq(Expr b) {
        return Op.binary(Op.Kind.EQ, this, b);
    }

    default Expr ne(Expr b) {
        return Op.binary(Op.Kind.NE, this, b);
    }

    default Expr lt(Expr b) {
        return Op.binary(Op.Kind.LT, this, b);
    }

    default Expr le(Expr b) {
        return Op.binary(Op.Kind.LE, this, b);
    }

    default Expr gt(Expr b) {
        return Op.binary(Op.Kind.GT, this, b);
    }

    default Expr ge(Expr b) {
        return Op.binary(Op.Kind.GE, this, b);
    }

    default Expr eq(long v) {
        return eq(Hdl.lit(v, width()).as(signed()));
    }

    // ---- shifts ----

    /** Shift left by a constant, same width (bits shifted out are lost). */
    default Expr shl(int n) {
        checkShift(n);
        if (n == 0) {
            return this;
        }
        return new Concat(List.of(bits(width() - 1 - n, 0), Hdl.lit(0, n)), signed(), SourceLine.capture());
    }

    /** Logical (unsigned) or arithmetic (signed) shift right by a constant, same width. */
    default Expr shr(int n) {
        checkShift(n);
        if (n == 0) {
            return this;
        }
        Expr kept = bits(width() - 1, n);
        return new Extend(kept, width(), signed(), signed(), SourceLine.capture());
    }

    /** Shift left by a variable amount, same width. */
    default Expr shl(Expr amount) {
        return Op.shift(Op.Kind.SHL, this, amount);
    }

    /** Logical shift right by a variable amount, same width (zeros shift in, also for signed values). */
    default Expr shr(Expr amount) {
        return Op.shift(Op.Kind.SHR, this, amount);
    }

    private void checkShift(int n) {
        if (n < 0 || n >= width()) {
            throw new HdlException(SourceLine.capture(), "shift by " + n + " of a " + width() + "-bit value (expected 0.." + (width() - 1) + ")");
        }
    }

    // ---- bits ----

    /** Bits hi..lo (inclusive), unsigned. */
    default Expr bits(int hi, int lo) {
        if (lo < 0 || hi >= width() || hi < lo) {
            throw new HdlException(SourceLine.capture(), "slice [" + hi + ":" + lo + "] of a " + width() + "-bit value");
        }
        if (lo == 0 && hi == width() - 1 && !signed()) {
            return this;
        }
        return new Slice(this, hi, lo, SourceLine.capture());
    }

    default Expr bit(int i) {
        return bits(i, i);
    }

    /** The top bit (the sign of a signed value). */
    default Expr msb() {
        return bit(width() - 1);
    }

    /** Zero-extend to {@code w} bits (w >= width). */
    default Expr zext(int w) {
        return extend(w, false);
    }

    /** Sign-extend to {@code w} bits (w >= width). */
    default Expr sext(int w) {
        return extend(w, true);
    }

    private Expr extend(int w, boolean sign) {
        if (w < width()) {
            throw new HdlException(SourceLine.capture(), "extend a " + width() + "-bit value to " + w + " bits (narrower)");
        }
        if (w == width()) {
            return this;
        }
        return new Extend(this, w, sign, signed(), SourceLine.capture());
    }

    /** Keep the low {@code w} bits (w <= width); keeps signedness. */
    default Expr trunc(int w) {
        if (w > width() || w < 1) {
            throw new HdlException(SourceLine.capture(), "truncate a " + width() + "-bit value to " + w + " bits");
        }
        if (w == width()) {
            return this;
        }
        return bits(w - 1, 0).as(signed());
    }

    /** Extend (by sign when signed) or truncate to {@code w} bits. */
    default Expr resize(int w) {
        return w >= width() ? extend(w, signed()) : trunc(w);
    }

    /** The same bits read as signed / unsigned. */
    default Expr as(boolean signed) {
        if (signed == signed()) {
            return this;
        }
        return new Extend(this, width(), false, signed, SourceLine.capture());
    }

    default Expr asSigned() {
        return as(true);
    }

    default Expr asUnsigned() {
        return as(false);
    }

    /** Constant value, or null for a non-constant node. */
    default BigInteger constValue() {
        return null;
    }
}
