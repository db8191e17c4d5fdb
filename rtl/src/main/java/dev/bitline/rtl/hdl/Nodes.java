package dev.bitline.rtl.hdl;

import java.util.ArrayList;
import java.util.List;

/** Walking expression DAGs: the one place that knows each node's operands. */
public final class Nodes {
    private Nodes() {}

    /** The operands of {@code e} (none for signals and constants). */
    public static List<Expr> children(Expr e) {
        if (e instanceof Op o) {
            return o.b() == null ? List.of(o.a()) : List.of(o.a(), o.b());
        } else if (e instanceof Mux x) {
            return List.of(x.cond(), x.whenTrue(), x.whenFalse());
        } else if (e instanceof Concat c) {
            return c.parts();
        } else if (e instanceof Slice s) {
            return List.of(s.a());
        } else if (e instanceof Extend x) {
            return List.of(x.a());
        } else if (e instanceof Select s) {
            List<Expr> l = new ArrayList<>(s.items().size() + 1);
            l.add(s.index());
            l.addAll(s.items());
            return l;
        } else if (e instanceof MemRead r) {
            return List.of(r.addr());
        }
        return List.of();
    }
}
