package dev.bitline.rtl.hdl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A submodule placed in a parent module; clk and rst are connected implicitly. */
public final class Instance {
    public record Connection(Expr value, SourceLine src) {}

    private final Module parent;
    private final Module child;
    private final String name;
    private final SourceLine src;
    private final Map<String, Connection> inputs = new LinkedHashMap<>();
    private final Map<String, InstanceOutput> outputs = new LinkedHashMap<>();

    Instance(Module parent, Module child, String name, SourceLine src) {
        this.parent = parent;
        this.child = child;
        this.name = name;
        this.src = src;
    }

    /** Connects the child's input {@code port} to {@code value} (once). */
    public Instance in(String port, Expr value) {
        SourceLine at = SourceLine.capture();
        parent.checkOpen(at);
        Port p = child.port(port, at);
        if (!p.isInput() || Module.isClockOrReset(p.name())) {
            throw new HdlException(at, "'" + port + "' of " + child.name() + " is not a connectable input");
        }
        if (value.width() != p.width()) {
            throw new HdlException(at, "width mismatch: " + value.width() + "-bit value on " + p.width() + "-bit input '" + port
                    + "' of instance '" + name + "'");
        }
        Connection prev = inputs.get(port);
        if (prev != null) {
            throw new HdlException(at, "multiple drivers: input '" + port + "' of instance '" + name + "' already connected at " + prev.src());
        }
        inputs.put(port, new Connection(value, at));
        return this;
    }

    /** The child's output {@code port} as a signal of the parent. */
    public InstanceOutput out(String port) {
        SourceLine at = SourceLine.capture();
        Port p = child.port(port, at);
        if (p.isInput()) {
            throw new HdlException(at, "'" + port + "' of " + child.name() + " is an input");
        }
        return outputs.computeIfAbsent(port, k -> parent.register(new InstanceOutput(parent, this, p, at)));
    }

    public Module child() {
        return child;
    }

    public String name() {
        return name;
    }

    public SourceLine src() {
        return src;
    }

    public Map<String, Connection> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    public Map<String, InstanceOutput> outputs() {
        return Collections.unmodifiableMap(outputs);
    }
}
