package dev.bitline.rtl.hdl;

/** A unary or binary operator; {@code b} is null for unary ones. */
public record Op(Kind kind, Expr a, Expr b, int width, boolean signed, SourceLine src) implements Expr {

    public enum Kind {
        ADD("+"), SUB("-"), MUL("*"), AND("&"), OR("|"), XOR("^"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        SHL("<<"), SHR(">>"),
        NOT("~"), NEG("-"), REDUCE_OR("|"), REDUCE_AND("&"), REDUCE_XOR("^");

        public final String verilog;

        Kind(String verilog) {
            this.verilog = verilog;
        }

        public boolean compare() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }

        public boolean reduce() {
            return this == REDUCE_OR || this == REDUCE_AND || this == REDUCE_XOR;
        }
    }

    static Op binary(Kind kind, Expr a, Expr b) {
        SourceLine src = SourceLine.capture();
        if (a.width() != b.width()) {
            throw new HdlException(src, "width mismatch: " + a.width() + "-bit " + kind.verilog + " " + b.width()
                    + "-bit (resize one side)");
        }
        if (a.signed() != b.signed()) {
            throw new HdlException(src, "signedness mismatch: " + (a.signed() ? "signed" : "unsigned") + " " + kind.verilog
                    + " " + (b.signed() ? "signed" : "unsigned") + " (use asSigned/asUnsigned)");
        }
        int w = switch (kind) {
            case MUL -> a.width() + b.width();
            case EQ, NE, LT, LE, GT, GE -> 1;
            default -> a.width();
        };
        boolean s = !kind.compare() && a.signed();
        return new Op(kind, a, b, w, s, src);
    }

    static Op unary(Kind kind, Expr a) {
        SourceLine src = SourceLine.capture();
        int w = kind.reduce() ? 1 : a.width();
        return new Op(kind, a, null, w, !kind.reduce() && a.signed(), src);
    }

    static Op shift(Kind kind, Expr a, Expr amount) {
        SourceLine src = SourceLine.capture();
        if (amount.signed()) {
            throw new HdlException(src, "shift amount must be unsigned");
        }
        return new Op(kind, a, amount, a.width(), a.signed(), src);
    }
}
