package dev.bitline.rtl.hdl;

/** An output port of a submodule instance, seen from the parent (named {@code inst_port}). */
public final class InstanceOutput extends Signal {
    private final Instance instance;
    private final Port port;

    InstanceOutput(Module parent, Instance instance, Port port, SourceLine src) {
        super(parent, instance.name() + "_" + port.name(), port.width(), port.signed(), src);
        this.instance = instance;
        this.port = port;
    }

    public Instance instance() {
        return instance;
    }

    public Port port() {
        return port;
    }
}
