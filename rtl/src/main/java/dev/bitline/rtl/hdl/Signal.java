package dev.bitline.rtl.hdl;

/**
 * A named value of a module: a port, a wire, a register or the output of a submodule instance.
 * Its name is the Verilog name (generators pass their Java field names).
 */
public abstract sealed class Signal implements Expr permits Port, Wire, Reg, InstanceOutput {
    private final Module module;
    private final String name;
    private final int width;
    private final boolean signed;
    private final SourceLine src;

    Signal(Module module, String name, int width, boolean signed, SourceLine src) {
        if (width < 1) {
            throw new HdlException(src, "'" + name + "': width " + width + " (expected >= 1)");
        }
        this.module = module;
        this.name = name;
        this.width = width;
        this.signed = signed;
        this.src = src;
    }

    public Module module() {
        return module;
    }

    public String name() {
        return name;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean signed() {
        return signed;
    }

    @Override
    public SourceLine src() {
        return src;
    }

    /**
     * Drives this signal: a wire or output takes the value now (combinational), a register at the
     * next clock edge. Inside {@link Module#when} the assignment holds only on that branch; a
     * later assignment on a narrower branch overrides an earlier one (a default then exceptions).
     */
    public void set(Expr value) {
        module.assign(this, value, SourceLine.capture());
    }

    public void set(long value) {
        set(Hdl.lit(value, width).as(signed));
    }

    @Override
    public String toString() {
        return name;
    }
}
