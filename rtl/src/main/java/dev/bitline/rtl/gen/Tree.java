package dev.bitline.rtl.gen;

import dev.bitline.rtl.hdl.Expr;
import java.util.ArrayList;
import java.util.List;

/** The pairwise reduction every generator's adder tree uses (and its Java model repeats). */
final class Tree {
    private Tree() {}

    /** One adder of the tree: level (0 = next to the leaves), its index in the level, operands. */
    interface Node {
        Expr combine(int level, int index, Expr a, Expr b);
    }

    /**
     * Reduces {@code items} level by level: item 2i with 2i+1, an odd last item passing to the
     * next level unchanged.
     */
    static Expr pairwise(List<? extends Expr> items, Node node) {
        List<Expr> t = new ArrayList<>(items);
        for (int level = 0; t.size() > 1; level++) {
            List<Expr> next = new ArrayList<>();
            for (int i = 0; i + 1 < t.size(); i += 2) {
                next.add(node.combine(level, i / 2, t.get(i), t.get(i + 1)));
            }
            if (t.size() % 2 == 1) {
                next.add(t.get(t.size() - 1));
            }
            t = next;
        }
        return t.get(0);
    }
}
