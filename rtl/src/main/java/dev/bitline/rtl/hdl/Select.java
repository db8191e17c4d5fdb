package dev.bitline.rtl.hdl;

import java.util.List;

/**
 * {@code items[index]}: a vector read by a variable index (a mux tree). Indices beyond the list
 * read the last item, so the node is total.
 */
public record Select(Expr index, List<Expr> items, SourceLine src) implements Expr {
    public Select {
        items = List.copyOf(items);
    }

    @Override
    public int width() {
        return items.get(0).width();
    }

    @Override
    public boolean signed() {
        return items.get(0).signed();
    }
}
