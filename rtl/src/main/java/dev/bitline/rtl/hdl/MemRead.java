package dev.bitline.rtl.hdl;

/** Asynchronous read port of a {@link Mem}. */
public record MemRead(Mem mem, Expr addr, SourceLine src) implements Expr {
    @Override
    public int width() {
        return mem.width();
    }

    @Override
    public boolean signed() {
        return mem.signed();
    }
}
