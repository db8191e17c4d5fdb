package dev.bitline.rtl.hdl;

/** {@code cond ? whenTrue : whenFalse}. */
public record Mux(Expr cond, Expr whenTrue, Expr whenFalse, SourceLine src) implements Expr {
    @Override
    public int width() {
        return whenTrue.width();
    }

    @Override
    public boolean signed() {
        return whenTrue.signed();
    }
}
