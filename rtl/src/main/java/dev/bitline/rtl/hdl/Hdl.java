package dev.bitline.rtl.hdl;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** Free-standing constructors: literals, mux, concatenation, vector select. */
public final class Hdl {
    private Hdl() {}

    /** A {@code width}-bit unsigned literal; negative values are taken as two's complement. */
    public static Const lit(long value, int width) {
        return lit(BigInteger.valueOf(value), width);
    }

    public static Const lit(BigInteger value, int width) {
        SourceLine src = SourceLine.capture();
        if (width < 1) {
            throw new HdlException(src, "literal width " + width + " (expected >= 1)");
        }
        BigInteger v = value;
        if (v.signum() < 0) {
            if (v.bitLength() >= width) {
                throw new HdlException(src, "literal " + value + " does not fit " + width + " bits");
            }
            v = v.add(BigInteger.ONE.shiftLeft(width));
        }
        return new Const(v, width, false, src);
    }

    /** A signed literal of {@code width} bits. */
    public static Expr slit(long value, int width) {
        SourceLine src = SourceLine.capture();
        long min = -(1L << (width - 1));
        long max = (1L << (width - 1)) - 1;
        if (width < 64 && (value < min || value > max)) {
            throw new HdlException(src, "literal " + value + " does not fit " + width + " signed bits");
        }
        BigInteger v = BigInteger.valueOf(value);
        if (v.signum() < 0) {
            v = v.add(BigInteger.ONE.shiftLeft(width));
        }
        return new Const(v, width, true, src);
    }

    public static Expr mux(Expr cond, Expr whenTrue, Expr whenFalse) {
        SourceLine src = SourceLine.capture();
        Module.checkCond(cond, src);
        if (whenTrue.width() != whenFalse.width()) {
            throw new HdlException(src, "width mismatch: mux of " + whenTrue.width() + " and " + whenFalse.width() + " bits");
        }
        if (whenTrue.signed() != whenFalse.signed()) {
            throw new HdlException(src, "signedness mismatch in mux");
        }
        return new Mux(cond, whenTrue, whenFalse, src);
    }

    /** Concatenation, most significant first; unsigned. */
    public static Expr cat(Expr... parts) {
        return cat(Arrays.asList(parts));
    }

    public static Expr cat(List<? extends Expr> parts) {
        SourceLine src = SourceLine.capture();
        if (parts.isEmpty()) {
            throw new HdlException(src, "empty concatenation");
        }
        if (parts.size() == 1) {
            return parts.get(0).asUnsigned();
        }
        return new Concat(List.copyOf(parts), false, src);
    }

    /** {@code items[index]}; all items of one width and signedness. */
    public static Expr select(Expr index, List<? extends Expr> items) {
        SourceLine src = SourceLine.capture();
        if (items.isEmpty()) {
            throw new HdlException(src, "select from an empty vector");
        }
        Expr first = items.get(0);
        for (Expr e : items) {
            if (e.width() != first.width() || e.signed() != first.signed()) {
                throw new HdlException(src, "width mismatch: vector items of " + first.width() + " and " + e.width() + " bits");
            }
        }
        if (index.signed()) {
            throw new HdlException(src, "vector index must be unsigned");
        }
        if (items.size() > 1 && (index.width() >= 31 || items.size() > (1 << index.width()))) {
            if (index.width() < 31) {
                throw new HdlException(src, "width mismatch: a " + index.width() + "-bit index reaches " + (1 << index.width())
                        + " of " + items.size() + " items");
            }
        }
        if (items.size() == 1) {
            return first;
        }
        return new Select(index, List.copyOf(items), src);
    }

    /** Bits needed to hold the unsigned value {@code n} (at least 1). */
    public static int bitsFor(long n) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(n));
    }

    /** Two's-complement bits needed to hold every value in [-maxAbs, maxAbs]. */
    public static int signedBitsFor(long maxAbs) {
        return bitsFor(maxAbs) + 1;
    }
}
