package dev.bitline.rtl.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The procedural structure of a module body: assignments nested in when-chains. */
public sealed interface Stmt permits Stmt.Assign, Stmt.If {

    record Assign(Signal target, Expr value, SourceLine src) implements Stmt {}

    /** {@code if (conds[0]) branches[0] else if (conds[1]) ... else otherwise}. */
    final class If implements Stmt {
        private final List<Expr> conds = new ArrayList<>();
        private final List<Block> branches = new ArrayList<>();
        private Block otherwise;
        private final Block parent;
        private final SourceLine src;

        If(Block parent, SourceLine src) {
            this.parent = parent;
            this.src = src;
        }

        Block addBranch(Expr cond) {
            Block b = new Block(parent);
            conds.add(cond);
            branches.add(b);
            return b;
        }

        Block setOtherwise() {
            otherwise = new Block(parent);
            return otherwise;
        }

        public List<Expr> conds() {
            return Collections.unmodifiableList(conds);
        }

        public List<Block> branches() {
            return Collections.unmodifiableList(branches);
        }

        /** The else branch, or null. */
        public Block otherwise() {
            return otherwise;
        }

        boolean hasOtherwise() {
            return otherwise != null;
        }

        public SourceLine src() {
            return src;
        }
    }

    /** A list of statements executed in order; later assignments override earlier ones. */
    final class Block {
        private final Block parent;
        private final List<Stmt> stmts = new ArrayList<>();

        Block(Block parent) {
            this.parent = parent;
        }

        void add(Stmt s) {
            stmts.add(s);
        }

        public List<Stmt> stmts() {
            return Collections.unmodifiableList(stmts);
        }

        public Block parent() {
            return parent;
        }

        /** True if this block is {@code b} or nested inside it. */
        boolean within(Block b) {
            for (Block x = this; x != null; x = x.parent) {
                if (x == b) {
                    return true;
                }
            }
            return false;
        }
    }
}
