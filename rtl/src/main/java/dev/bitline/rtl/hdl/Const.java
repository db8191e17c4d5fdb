package dev.bitline.rtl.hdl;

import java.math.BigInteger;

/** A literal; {@code value} is the raw bit pattern, 0 <= value < 2^width. */
public record Const(BigInteger value, int width, boolean signed, SourceLine src) implements Expr {
    public Const {
        if (width < 1) {
            throw new HdlException(src, "constant width " + width + " (expected >= 1)");
        }
        if (value.signum() < 0 || value.bitLength() > width) {
            throw new HdlException(src, "constant " + value + " does not fit " + width + " bits");
        }
    }

    @Override
    public BigInteger constValue() {
        return value;
    }
}
