package dev.bitline.rtl.hdl;

/** A when-chain under construction: {@code m.when(c, ...).elsewhen(c2, ...).otherwise(...)}. */
public final class When {
    private final Module module;
    private final Stmt.If stmt;

    When(Module module, Stmt.If stmt) {
        this.module = module;
        this.stmt = stmt;
    }

    public When elsewhen(Expr cond, Runnable body) {
        SourceLine src = SourceLine.capture();
        module.checkOpen(src);
        if (stmt.hasOtherwise()) {
            throw new HdlException(src, "elsewhen after otherwise");
        }
        Module.checkCond(cond, src);
        module.inBlock(stmt.addBranch(cond), body);
        return this;
    }

    public void otherwise(Runnable body) {
        SourceLine src = SourceLine.capture();
        module.checkOpen(src);
        if (stmt.hasOtherwise()) {
            throw new HdlException(src, "second otherwise in one when-chain");
        }
        module.inBlock(stmt.setOtherwise(), body);
    }
}
