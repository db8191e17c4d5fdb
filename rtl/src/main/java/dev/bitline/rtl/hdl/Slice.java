package dev.bitline.rtl.hdl;

/** Bits {@code hi..lo} of {@code a}, unsigned. */
public record Slice(Expr a, int hi, int lo, SourceLine src) implements Expr {
    @Override
    public int width() {
        return hi - lo + 1;
    }

    @Override
    public boolean signed() {
        return false;
    }
}
