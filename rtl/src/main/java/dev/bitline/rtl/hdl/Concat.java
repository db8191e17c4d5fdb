package dev.bitline.rtl.hdl;

import java.util.List;

/** Bit concatenation, most significant part first. */
public record Concat(List<Expr> parts, boolean signed, SourceLine src) implements Expr {
    public Concat {
        parts = List.copyOf(parts);
    }

    @Override
    public int width() {
        int w = 0;
        for (Expr p : parts) {
            w += p.width();
        }
        return w;
    }
}
