package dev.bitline.rtl.hdl;

import java.math.BigInteger;

/**
 * A register on the module clock {@code clk} with synchronous, active-high reset {@code rst}.
 * It resets to 0 unless {@link #init} gives another value or {@link #noReset} removes the reset;
 * with {@link #enable} it loads only when the enable is 1. Not assigned on a cycle, it holds.
 */
public final class Reg extends Signal {
    private BigInteger init = BigInteger.ZERO;
    private Expr enable;

    Reg(Module m, String name, int width, boolean signed, SourceLine src) {
        super(m, name, width, signed, src);
    }

    public Reg init(long value) {
        module().checkOpen(SourceLine.capture());
        init = Hdl.lit(value, width()).value();
        return this;
    }

    public Reg noReset() {
        module().checkOpen(SourceLine.capture());
        init = null;
        return this;
    }

    public Reg enable(Expr en) {
        SourceLine src = SourceLine.capture();
        module().checkOpen(src);
        if (en.width() != 1) {
            throw new HdlException(src, "enable of register '" + name() + "' is " + en.width() + " bits (expected 1)");
        }
        enable = en;
        return this;
    }

    /** Reset value (bit pattern), or null without reset. */
    public BigInteger resetValue() {
        return init;
    }

    /** Load enable, or null when the register loads every cycle it is assigned. */
    public Expr enableExpr() {
        return enable;
    }
}
