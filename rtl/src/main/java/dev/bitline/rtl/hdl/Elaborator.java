package dev.bitline.rtl.hdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The elaboration checks of one module (width and driver-count errors are caught earlier, where
 * the node is built):
 * <ul>
 *   <li>undriven outputs and wires, and wires driven only on some paths (they would be latches);
 *   <li>unconnected instance inputs;
 *   <li>signals of another module used here;
 *   <li>combinational loops, through wires, outputs and submodules' input-to-output paths;
 *   <li>warnings: inputs, wires, registers, memories and instance outputs never read.
 * </ul>
 * Each error names the Java line that built the node at fault.
 */
final class Elaborator {
    private final Module m;
    /** Assignments per driven signal, with the conditions enclosing each. */
    private final Map<Signal, List<Stmt.Assign>> assigns = new LinkedHashMap<>();
    private final Map<Signal, Set<Signal>> combDeps = new HashMap<>();
    private final Set<Object> read = Collections.newSetFromMap(new IdentityHashMap<>());

    Elaborator(Module m) {
        this.m = m;
    }

    List<String> check() {
        walk(m.body(), new ArrayList<>());
        for (Reg r : m.regs()) {
            if (r.enableExpr() != null) {
                markRead(r.enableExpr());
            }
        }
        for (Mem mem : m.mems()) {
            for (Mem.WritePort w : mem.writes()) {
                markRead(w.enable());
                markRead(w.addr());
                markRead(w.data());
            }
        }
        for (Module.Check c : m.checks()) {
            markRead(c.cond());
        }
        for (Instance i : m.instances()) {
            for (Instance.Connection c : i.inputs().values()) {
                markRead(c.value());
            }
            for (Port p : i.child().ports()) {
                if (p.isInput() && !Module.isClockOrReset(p.name()) && !i.inputs().containsKey(p.name())) {
                    throw new HdlException(i.src(), "input '" + p.name() + "' of instance '" + i.name() + "' ("
                            + i.child().name() + ") is not connected");
                }
            }
        }
        for (Port p : m.ports()) {
            if (!p.isInput()) {
                checkDriven(p, "output");
            }
        }
        for (Wire w : m.wires()) {
            checkDriven(w, "wire");
        }
        checkCombLoops();
        computeCombPaths();
        return warnings();
    }

    private void checkDriven(Signal s, String kind) {
        List<Stmt.Assign> as = assigns.get(s);
        if (as == null) {
            throw new HdlException(s.src(), "undriven " + kind + " '" + s.name() + "' in module " + m.name());
        }
        if (!covered(m.body(), s)) {
            throw new HdlException(as.get(0).src(), kind + " '" + s.name() + "' is not driven on every path (it would be a latch): "
                    + "assign a default before the when");
        }
    }

    private static boolean covered(Stmt.Block b, Signal s) {
        for (Stmt st : b.stmts()) {
            if (st instanceof Stmt.Assign a && a.target() == s) {
                return true;
            }
            if (st instanceof Stmt.If f && f.otherwise() != null && covered(f.otherwise(), s)) {
                boolean all = true;
                for (Stmt.Block br : f.branches()) {
                    all &= covered(br, s);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    private void walk(Stmt.Block b, List<Expr> conds) {
        for (Stmt st : b.stmts()) {
            if (st instanceof Stmt.Assign a) {
                assigns.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
                markRead(a.value());
                if (isComb(a.target())) {
                    Set<Signal> deps = combDeps.computeIfAbsent(a.target(), k -> new LinkedHashSet<>());
                    collectComb(a.value(), deps);
                    for (Expr c : conds) {
                        collectComb(c, deps);
                    }
                }
            } else if (st instanceof Stmt.If f) {
                List<Expr> inner = new ArrayList<>(conds);
                for (int i = 0; i < f.branches().size(); i++) {
                    Expr c = f.conds().get(i);
                    markRead(c);
                    inner.add(c);
                    walk(f.branches().get(i), inner);
                }
                if (f.otherwise() != null) {
                    walk(f.otherwise(), inner);
                }
            }
        }
    }

    private static boolean isComb(Signal s) {
        return s instanceof Wire || s instanceof Port || s instanceof InstanceOutput;
    }

    /** Signals an expression reads combinationally (registers and memory contents cut paths). */
    private void collectComb(Expr e, Set<Signal> out) {
        forEachNode(e, n -> {
            if (n instanceof Signal s && !(s instanceof Reg)) {
                out.add(s);
            }
        });
    }

    private void markRead(Expr e) {
        forEachNode(e, n -> {
            if (n instanceof Signal s) {
                if (s.module() != m) {
                    throw new HdlException(e.src(), "'" + s.name() + "' of module " + s.module().name() + " used in module " + m.name());
                }
                read.add(s);
            } else if (n instanceof MemRead r) {
                if (r.mem().module() != m) {
                    throw new HdlException(r.src(), "memory '" + r.mem().name() + "' of module " + r.mem().module().name()
                            + " read in module " + m.name());
                }
                read.add(r.mem());
            }
        });
    }

    /** Visits every node of the DAG once (shared subexpressions are not revisited). */
    static void forEachNode(Expr root, java.util.function.Consumer<Expr> f) {
        Set<Expr> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (!seen.add(e)) {
                continue;
            }
            f.accept(e);
            for (Expr c : Nodes.children(e)) {
                stack.push(c);
            }
        }
    }

    /** Edges of the combinational graph: a driven signal to what it reads; an instance output to its comb inputs' drivers. */
    private Set<Signal> edges(Signal s) {
        if (s instanceof InstanceOutput o) {
            Set<Signal> deps = new LinkedHashSet<>();
            for (Port in : o.instance().child().combInputsOf(o.port())) {
                Instance.Connection c = o.instance().inputs().get(in.name());
                collectComb(c.value(), deps);
            }
            return deps;
        }
        return combDeps.getOrDefault(s, Set.of());
    }

    private void checkCombLoops() {
        Map<Signal, Integer> color = new HashMap<>();
        List<Signal> nodes = new ArrayList<>(combDeps.keySet());
        nodes.addAll(m.instanceOutputs());
        for (Signal start : nodes) {
            if (color.getOrDefault(start, 0) != 0) {
                continue;
            }
            Deque<Signal> path = new ArrayDeque<>();
            Deque<java.util.Iterator<Signal>> its = new ArrayDeque<>();
            color.put(start, 1);
            path.addLast(start);
            its.push(edges(start).iterator());
            while (!its.isEmpty()) {
                java.util.Iterator<Signal> it = its.peek();
                if (!it.hasNext()) {
                    its.pop();
                    color.put(path.removeLast(), 2);
                    continue;
                }
                Signal nx = it.next();
                int c = color.getOrDefault(nx, 0);
                if (c == 1) {
                    List<String> cyc = new ArrayList<>();
                    boolean on = false;
                    for (Signal p : path) {
                        on |= p == nx;
                        if (on) {
                            cyc.add(p.name());
                        }
                    }
                    cyc.add(nx.name());
                    List<Stmt.Assign> as = assigns.get(nx);
                    SourceLine at = as != null ? as.get(0).src() : nx.src();
                    throw new HdlException(at, "combinational loop: " + String.join(" -> ", cyc));
                }
                if (c == 0) {
                    color.put(nx, 1);
                    path.addLast(nx);
                    its.push(edges(nx).iterator());
                }
            }
        }
    }

    private void computeCombPaths() {
        for (Port out : m.ports()) {
            if (out.isInput()) {
                continue;
            }
            Set<Port> ins = new LinkedHashSet<>();
            Set<Signal> seen = new java.util.HashSet<>();
            Deque<Signal> todo = new ArrayDeque<>();
            todo.push(out);
            while (!todo.isEmpty()) {
                Signal s = todo.pop();
                if (!seen.add(s)) {
                    continue;
                }
                if (s instanceof Port p && p.isInput()) {
                    ins.add(p);
                    continue;
                }
                todo.addAll(edges(s));
            }
            m.combPaths.put(out, ins);
        }
    }

    private List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (Port p : m.ports()) {
            if (p.isInput() && !Module.isClockOrReset(p.name()) && !read.contains(p)) {
                w.add(p.src() + ": warning: unused input '" + p.name() + "' of module " + m.name());
            }
        }
        for (Wire x : m.wires()) {
            if (!read.contains(x)) {
                w.add(x.src() + ": warning: wire '" + x.name() + "' of module " + m.name() + " is never read");
            }
        }
        for (Reg x : m.regs()) {
            if (!read.contains(x)) {
                w.add(x.src() + ": warning: register '" + x.name() + "' of module " + m.name() + " is never read");
            }
        }
        for (Mem x : m.mems()) {
            if (!read.contains(x)) {
                w.add(x.src() + ": warning: memory '" + x.name() + "' of module " + m.name() + " is never read");
            }
        }
        for (InstanceOutput x : m.instanceOutputs()) {
            if (!read.contains(x)) {
                w.add(x.src() + ": warning: instance output '" + x.name() + "' of module " + m.name() + " is never read");
            }
        }
        return w;
    }
}
