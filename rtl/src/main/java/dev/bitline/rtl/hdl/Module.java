package dev.bitline.rtl.hdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hardware module built by ordinary Java code: ports, wires, registers, memories, submodule
 * instances and assignments, nested in {@link #when} chains. One {@code Module} object is one
 * generator configuration; Java parameters are elaborated away (the Verilog has no
 * {@code parameter}s) and recorded by {@link #param} in the emitted header.
 *
 * <p>Clocked modules get the implicit ports {@code clk} and {@code rst} (synchronous, active high)
 * first; instances connect them through.
 *
 * <p>{@link #elaborate()} freezes the module and runs the checks (see {@link Elaborator}).
 */
public final class Module {
    public record Check(Expr cond, boolean fatal, String message, SourceLine src) {}

    private record Driven(Stmt.Block block, SourceLine src) {}

    private static final Set<String> RESERVED = Set.of("clk", "rst");
    private static final Set<String> KEYWORDS = Set.of("always", "and", "assign", "begin", "buf", "case", "casex", "casez",
            "default", "else", "end", "endcase", "endfunction", "endmodule", "for", "function", "if", "initial", "inout",
            "input", "integer", "localparam", "module", "nand", "negedge", "nor", "not", "or", "output", "parameter",
            "posedge", "reg", "signed", "wire", "xor", "xnor", "logic", "bit", "byte", "int", "do", "final", "type",
            "begin_keywords", "generate", "genvar", "task", "time", "real", "event", "while", "repeat", "forever",
            "wait", "fork", "join", "supply0", "supply1", "tri", "unsigned", "automatic", "const", "static");

    private final String name;
    private final SourceLine src;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Map<String, SourceLine> names = new HashMap<>();
    private final List<Port> ports = new ArrayList<>();
    private final List<Wire> wires = new ArrayList<>();
    private final List<Reg> regs = new ArrayList<>();
    private final List<Mem> mems = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<InstanceOutput> instanceOutputs = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final Map<Signal, List<Driven>> drivers = new HashMap<>();
    private final Stmt.Block root = new Stmt.Block(null);
    private Stmt.Block current = root;
    private Design design;
    private Port clk;
    private Port rst;

    public Module(String name) {
        this.src = SourceLine.capture();
        checkIdentifier(name, src);
        this.name = name;
    }

    public String name() {
        return name;
    }

    public SourceLine src() {
        return src;
    }

    /** Records a generator parameter (printed in the Verilog header). */
    public Module param(String key, Object value) {
        checkOpen(SourceLine.capture());
        params.put(key, String.valueOf(value));
        return this;
    }

    // ---- declarations ----

    public Port input(String name, int width) {
        return port(name, Port.Dir.IN, width, false);
    }

    public Port inputSigned(String name, int width) {
        return port(name, Port.Dir.IN, width, true);
    }

    public Port output(String name, int width) {
        return port(name, Port.Dir.OUT, width, false);
    }

    public Port outputSigned(String name, int width) {
        return port(name, Port.Dir.OUT, width, true);
    }

    private Port port(String name, Port.Dir dir, int width, boolean signed) {
        SourceLine at = SourceLine.capture();
        declare(name, at);
        Port p = new Port(this, name, dir, width, signed, at);
        ports.add(p);
        return p;
    }

    public Wire wire(String name, int width) {
        return wire(name, width, false);
    }

    public Wire wireSigned(String name, int width) {
        return wire(name, width, true);
    }

    private Wire wire(String name, int width, boolean signed) {
        SourceLine at = SourceLine.capture();
        declare(name, at);
        Wire w = new Wire(this, name, width, signed, at);
        wires.add(w);
        return w;
    }

    /** A wire that is {@code value} (a named intermediate). */
    public Wire let(String name, Expr value) {
        Wire w = wire(name, value.width(), value.signed());
        w.set(value);
        return w;
    }

    public Reg reg(String name, int width) {
        return reg(name, width, false);
    }

    public Reg regSigned(String name, int width) {
        return reg(name, width, true);
    }

    private Reg reg(String name, int width, boolean signed) {
        SourceLine at = SourceLine.capture();
        declare(name, at);
        Reg r = new Reg(this, name, width, signed, at);
        regs.add(r);
        return r;
    }

    /** {@code count} registers named {@code name_0 .. name_(count-1)}. */
    public List<Reg> regVec(String name, int count, int width, boolean signed) {
        List<Reg> v = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            v.add(reg(name + "_" + i, width, signed));
        }
        return v;
    }

    public Mem mem(String name, int depth, int width) {
        SourceLine at = SourceLine.capture();
        declare(name, at);
        Mem m = new Mem(this, name, depth, width, false, at);
        mems.add(m);
        return m;
    }

    /** Places {@code child} (elaborated here if it was not yet) as instance {@code name}. */
    public Instance instance(String name, Module child) {
        SourceLine at = SourceLine.capture();
        declare(name, at);
        if (child == this) {
            throw new HdlException(at, "module '" + this.name + "' instantiates itself");
        }
        child.elaborate();
        Instance i = new Instance(this, child, name, at);
        instances.add(i);
        return i;
    }

    InstanceOutput register(InstanceOutput o) {
        checkOpen(o.src());
        declare(o.name(), o.src());
        instanceOutputs.add(o);
        return o;
    }

    // ---- behaviour ----

    /** Runs {@code body}; assignments in it hold only while {@code cond} is 1. */
    public When when(Expr cond, Runnable body) {
        SourceLine at = SourceLine.capture();
        checkOpen(at);
        checkCond(cond, at);
        Stmt.If s = new Stmt.If(current, at);
        current.add(s);
        inBlock(s.addBranch(cond), body);
        return new When(this, s);
    }

    /** Simulation ends ($finish) at the first clock edge where {@code cond} is 1 (not synthesized). */
    public void finishWhen(Expr cond) {
        SourceLine at = SourceLine.capture();
        checkOpen(at);
        checkCond(cond, at);
        checks.add(new Check(cond, false, "", at));
    }

    /** Simulation fails ($fatal with {@code message}) when {@code cond} is 1 at a clock edge (not synthesized). */
    public void fatalWhen(Expr cond, String message) {
        SourceLine at = SourceLine.capture();
        checkOpen(at);
        checkCond(cond, at);
        if (message.indexOf('"') >= 0 || message.indexOf('\\') >= 0 || message.indexOf('\n') >= 0) {
            throw new HdlException(at, "fatal message must not contain quotes, backslashes or newlines");
        }
        checks.add(new Check(cond, true, message, at));
    }

    void inBlock(Stmt.Block b, Runnable body) {
        Stmt.Block saved = current;
        current = b;
        try {
            body.run();
        } finally {
            current = saved;
        }
    }

    void assign(Signal target, Expr value, SourceLine at) {
        checkOpen(at);
        if (target.module() != this) {
            throw new HdlException(at, "'" + target.name() + "' belongs to module " + target.module().name() + ", not " + name);
        }
        if (target instanceof Port p && p.isInput()) {
            throw new HdlException(at, "cannot drive input '" + p.name() + "'");
        }
        if (target instanceof InstanceOutput) {
            throw new HdlException(at, "cannot drive '" + target.name() + "': it is driven by instance output");
        }
        if (value.width() != target.width()) {
            throw new HdlException(at, "width mismatch: assigning " + value.width() + "-bit value to " + target.width()
                    + "-bit '" + target.name() + "'");
        }
        if (value.signed() != target.signed()) {
            throw new HdlException(at, "signedness mismatch: assigning " + (value.signed() ? "signed" : "unsigned") + " value to "
                    + (target.signed() ? "signed" : "unsigned") + " '" + target.name() + "'");
        }
        // An assignment overrides everything assigned before it in its own block and the blocks
        // nested in it: a second driver there would be dead code, so it is an error.
        List<Driven> ds = drivers.computeIfAbsent(target, k -> new ArrayList<>(1));
        for (Driven d : ds) {
            if (d.block().within(current)) {
                throw new HdlException(at, "multiple drivers: '" + target.name() + "' is already driven at " + d.src());
            }
        }
        ds.add(new Driven(current, at));
        current.add(new Stmt.Assign(target, value, at));
    }

    // ---- elaboration ----

    /** Checks and freezes the module (idempotent); throws {@link HdlException} on the first error. */
    public Design elaborate() {
        if (design == null) {
            if (current != root) {
                throw new HdlException(src, "elaborate() called inside a when body");
            }
            List<Module> order = new ArrayList<>();
            for (Instance i : instances) {
                for (Module m : i.child().elaborate().modules()) {
                    if (!order.contains(m)) {
                        order.add(m);
                    }
                }
            }
            if (hasClockInternal()) {
                clk = new Port(this, "clk", Port.Dir.IN, 1, false, src);
                rst = new Port(this, "rst", Port.Dir.IN, 1, false, src);
                ports.add(0, clk);
                ports.add(1, rst);
            }
            List<String> warnings = new ArrayList<>();
            for (Instance i : instances) {
                Design d = i.child().elaborate();
                for (String w : d.warnings()) {
                    if (!warnings.contains(w)) {
                        warnings.add(w);
                    }
                }
            }
            warnings.addAll(new Elaborator(this).check());
            order.add(this);
            design = new Design(this, order, warnings);
        }
        return design;
    }

    private boolean hasClockInternal() {
        if (!regs.isEmpty() || !checks.isEmpty()) {
            return true;
        }
        for (Mem m : mems) {
            if (!m.writes().isEmpty()) {
                return true;
            }
        }
        for (Instance i : instances) {
            if (i.child().hasClock()) {
                return true;
            }
        }
        return false;
    }

    /** True once elaborated if the module has clk/rst ports. */
    public boolean hasClock() {
        elaborate();
        return clk != null;
    }

    public boolean isElaborated() {
        return design != null;
    }

    void checkOpen(SourceLine at) {
        if (design != null) {
            throw new HdlException(at, "module '" + name + "' is already elaborated; it cannot change");
        }
    }

    static void checkCond(Expr cond, SourceLine at) {
        if (cond.width() != 1) {
            throw new HdlException(at, "width mismatch: condition is " + cond.width() + " bits (expected 1)");
        }
    }

    static boolean isClockOrReset(String n) {
        return RESERVED.contains(n);
    }

    private void declare(String n, SourceLine at) {
        checkOpen(at);
        checkIdentifier(n, at);
        if (RESERVED.contains(n)) {
            throw new HdlException(at, "'" + n + "' is reserved for the implicit clock/reset");
        }
        SourceLine prev = names.putIfAbsent(n, at);
        if (prev != null) {
            throw new HdlException(at, "name '" + n + "' already declared at " + prev);
        }
    }

    private static void checkIdentifier(String n, SourceLine at) {
        if (n == null || !n.matches("[A-Za-z][A-Za-z0-9_]*") || KEYWORDS.contains(n)) {
            throw new HdlException(at, "'" + n + "' is not a usable identifier (letters, digits, _; starts with a letter; no Verilog keyword)");
        }
    }

    Port port(String n, SourceLine at) {
        for (Port p : ports) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        throw new HdlException(at, "module " + name + " has no port '" + n + "'");
    }

    // ---- read access for the elaborator and the emitter ----

    public Map<String, String> params() {
        return Collections.unmodifiableMap(params);
    }

    public List<Port> ports() {
        return Collections.unmodifiableList(ports);
    }

    public List<Wire> wires() {
        return Collections.unmodifiableList(wires);
    }

    public List<Reg> regs() {
        return Collections.unmodifiableList(regs);
    }

    public List<Mem> mems() {
        return Collections.unmodifiableList(mems);
    }

    public List<Instance> instances() {
        return Collections.unmodifiableList(instances);
    }

    public List<InstanceOutput> instanceOutputs() {
        return Collections.unmodifiableList(instanceOutputs);
    }

    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public Stmt.Block body() {
        return root;
    }

    /** Ports in declaration order, clk/rst first when clocked. */
    public Port findPort(String n) {
        for (Port p : ports) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** For the elaborator: the comb inputs each output depends on (filled during elaboration). */
    final Map<Port, Set<Port>> combPaths = new HashMap<>();

    public Set<Port> combInputsOf(Port out) {
        return combPaths.getOrDefault(out, Set.of());
    }
}
