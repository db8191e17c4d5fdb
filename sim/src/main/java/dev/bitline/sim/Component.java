package dev.bitline.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named piece of a model. It owns its state and talks to other components
 * only through its ports; nothing reaches into another component's fields,
 * which is what keeps a PIM channel and a plain channel swappable behind the
 * same port.
 *
 * <p>Names are hierarchical ({@code dram.ch0.bank3}) and are what statistics
 * and random streams are keyed on.
 */
public abstract class Component {
    private final Simulator sim;
    private final String name;
    private final String path;
    private final Component parent;
    private final List<Component> children = new ArrayList<>();
    private final Map<String, Object> ports = new LinkedHashMap<>();

    protected Component(Simulator sim, String name, Component parent) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("component name must be non-empty and without '.', got '" + name + "'");
        }
        this.sim = sim;
        this.name = name;
        this.parent = parent;
        this.path = parent == null ? name : parent.path + "." + name;
        if (parent != null) {
            if (parent.sim != sim) {
                throw new IllegalArgumentException(path + ": parent belongs to another simulator");
            }
            for (Component c : parent.children) {
                if (c.name.equals(name)) {
                    throw new IllegalArgumentException("duplicate component name " + path);
                }
            }
            parent.children.add(this);
        }
    }

    public final Simulator sim() {
        return sim;
    }

    public final String name() {
        return name;
    }

    /** Hierarchical name, e.g. {@code dram.ch0.bank3}. */
    public final String path() {
        return path;
    }

    public final Component parent() {
        return parent;
    }

    public final List<Component> children() {
        return Collections.unmodifiableList(children);
    }

    /** The statistic name {@code path.suffix}. */
    protected final String statName(String suffix) {
        return path + "." + suffix;
    }

    protected final <T> InPort<T> inPort(String portName, MessageHandler<T> handler) {
        InPort<T> p = new InPort<>(this, portName, handler);
        addPort(portName, p);
        return p;
    }

    protected final <T> OutPort<T> outPort(String portName) {
        OutPort<T> p = new OutPort<>(this, portName);
        addPort(portName, p);
        return p;
    }

    private void addPort(String portName, Object port) {
        if (ports.putIfAbsent(portName, port) != null) {
            throw new IllegalArgumentException("duplicate port " + path + "." + portName);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + path + ")";
    }
}
