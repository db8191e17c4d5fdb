package dev.bitline.rtl.emit;

import dev.bitline.rtl.hdl.Concat;
import dev.bitline.rtl.hdl.Const;
import dev.bitline.rtl.hdl.Design;
import dev.bitline.rtl.hdl.Expr;
import dev.bitline.rtl.hdl.Extend;
import dev.bitline.rtl.hdl.Instance;
import dev.bitline.rtl.hdl.InstanceOutput;
import dev.bitline.rtl.hdl.Mem;
import dev.bitline.rtl.hdl.MemRead;
import dev.bitline.rtl.hdl.Module;
import dev.bitline.rtl.hdl.Mux;
import dev.bitline.rtl.hdl.Nodes;
import dev.bitline.rtl.hdl.Op;
import dev.bitline.rtl.hdl.Port;
import dev.bitline.rtl.hdl.Reg;
import dev.bitline.rtl.hdl.Select;
import dev.bitline.rtl.hdl.Signal;
import dev.bitline.rtl.hdl.Slice;
import dev.bitline.rtl.hdl.Stmt;
import dev.bitline.rtl.hdl.Wire;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an elaborated {@link Design} as Verilog-2005, one file per module ({@code name.v}).
 *
 * <p>The output is meant to be read and to pass {@code verilator --lint-only -Wall} without
 * warnings, so it never leans on Verilog's implicit sizing: every vector is unsigned, operands of
 * one operator have one width (the DSL enforces it), multiplications and extensions spell out the
 * sign/zero extension, signed compares use {@code $signed}. Signal names are the generator's;
 * compiler temporaries are {@code _tN}: a subexpression used more than once, or one that needs a
 * bit-select (Verilog cannot slice an expression). Temporaries that are only partly read (a
 * truncated product) sit in a {@code lint_off UNUSEDSIGNAL} block: dropping those bits is the
 * generator's stated intent. Order follows declaration order, so output is deterministic.
 */
public final class VerilogEmitter {
    private VerilogEmitter() {}

    /** File name to text, children before parents. */
    public static Map<String, String> emit(Design d) {
        Map<String, String> files = new LinkedHashMap<>();
        for (Module m : d.modules()) {
            files.put(m.name() + ".v", emit(m));
        }
        return files;
    }

    public static String emit(Module m) {
        m.elaborate();
        return new ModuleWriter(m).write();
    }

    private static final class ModuleWriter {
        private final Module m;
        private final Map<Expr, Integer> uses = new IdentityHashMap<>();
        private final Map<Expr, String> temps = new IdentityHashMap<>();
        private final Set<Expr> partlyRead = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<String> tempDecls = new ArrayList<>();
        private final List<String> tempAssigns = new ArrayList<>();
        private final Set<Signal> procedural = new HashSet<>();
        private final Set<Signal> readSignals = new HashSet<>();

        ModuleWriter(Module m) {
            this.m = m;
        }

        String write() {
            countUses();
            List<String> body = new ArrayList<>();
            // combinational wires and outputs
            Map<Signal, List<Stmt.Assign>> byTarget = new LinkedHashMap<>();
            collect(m.body(), byTarget);
            List<Signal> combTargets = new ArrayList<>();
            for (Port p : m.ports()) {
                if (!p.isInput()) {
                    combTargets.add(p);
                }
            }
            combTargets.addAll(m.wires());
            for (Signal t : combTargets) {
                List<Stmt.Assign> as = byTarget.get(t);
                if (as.size() == 1 && m.body().stmts().contains(as.get(0))) {
                    body.add("  assign " + t.name() + " = " + expr(as.get(0).value()) + ";");
                } else {
                    procedural.add(t);
                    body.add("  always @(*) begin");
                    block(m.body(), t, "    ", " = ", body);
                    body.add("  end");
                }
            }
            for (Reg r : m.regs()) {
                if (!byTarget.containsKey(r)) {
                    // never assigned: holds its reset value
                    body.add("  always @(posedge clk) begin");
                    body.add("    " + r.name() + " <= " + (r.resetValue() == null ? r.name() : lit(r.resetValue(), r.width())) + ";");
                    body.add("  end");
                    continue;
                }
                body.add("  always @(posedge clk) begin");
                String in = "    ";
                boolean open = false;
                if (r.resetValue() != null) {
                    body.add("    if (rst) begin");
                    body.add("      " + r.name() + " <= " + lit(r.resetValue(), r.width()) + ";");
                    if (r.enableExpr() != null) {
                        body.add("    end else if (" + cond(r.enableExpr()) + ") begin");
                    } else {
                        body.add("    end else begin");
                    }
                    in = "      ";
                    open = true;
                } else if (r.enableExpr() != null) {
                    body.add("    if (" + cond(r.enableExpr()) + ") begin");
                    in = "      ";
                    open = true;
                }
                block(m.body(), r, in, " <= ", body);
                if (open) {
                    body.add("    end");
                }
                body.add("  end");
            }
            for (Mem mem : m.mems()) {
                if (mem.writes().isEmpty()) {
                    continue;
                }
                body.add("  always @(posedge clk) begin");
                for (Mem.WritePort w : mem.writes()) {
                    body.add("    if (" + cond(w.enable()) + ") " + mem.name() + "[" + expr(w.addr()) + "] <= " + expr(w.data()) + ";");
                }
                body.add("  end");
            }
            if (!m.checks().isEmpty()) {
                body.add("`ifndef SYNTHESIS");
                body.add("  always @(posedge clk) begin");
                for (Module.Check c : m.checks()) {
                    String act = c.fatal() ? "$fatal(1, \"" + c.message() + "\");" : "$finish;";
                    body.add("    if (!rst && " + cond(c.cond()) + ") " + act + "  // " + c.src());
                }
                body.add("  end");
                body.add("`endif");
            }
            for (Instance i : m.instances()) {
                body.add("");
                body.add("  " + i.child().name() + " " + i.name() + " (");
                List<String> conns = new ArrayList<>();
                for (Port p : i.child().ports()) {
                    if (p.name().equals("clk") || p.name().equals("rst")) {
                        conns.add("    ." + p.name() + "(" + p.name() + ")");
                    } else if (p.isInput()) {
                        conns.add("    ." + p.name() + "(" + expr(i.inputs().get(p.name()).value()) + ")");
                    } else {
                        InstanceOutput o = i.outputs().get(p.name());
                        conns.add("    ." + p.name() + "(" + (o == null ? "" : o.name()) + ")");
                    }
                }
                body.add(String.join(",\n", conns));
                body.add("  );");
            }

            StringBuilder sb = new StringBuilder();
            sb.append("// Generated by Bitline (dev.bitline.rtl) from ").append(m.src()).append(". Do not edit.\n");
            if (!m.params().isEmpty()) {
                StringBuilder ps = new StringBuilder();
                m.params().forEach((k, v) -> ps.append(ps.length() == 0 ? "" : ", ").append(k).append('=').append(v));
                sb.append("// Parameters: ").append(ps).append('\n');
            }
            sb.append("module ").append(m.name()).append(" (\n");
            List<String> ports = new ArrayList<>();
            for (Port p : m.ports()) {
                String kind = p.isInput() ? "input  wire" : procedural.contains(p) ? "output reg " : "output wire";
                ports.add("  " + kind + " " + range(p.width()) + p.name() + (p.signed() ? " /* signed */" : ""));
            }
            sb.append(String.join(",\n", ports)).append("\n);\n");
            List<String> decls = new ArrayList<>();
            for (Wire w : m.wires()) {
                decls.add("  " + (procedural.contains(w) ? "reg  " : "wire ") + range(w.width()) + w.name() + ";" + signedNote(w));
            }
            for (Reg r : m.regs()) {
                decls.add("  reg  " + range(r.width()) + r.name() + ";" + signedNote(r));
            }
            for (Mem mem : m.mems()) {
                decls.add("  reg  " + range(mem.width()) + mem.name() + " [0:" + (mem.depth() - 1) + "];");
            }
            List<String> unread = new ArrayList<>();
            for (InstanceOutput o : m.instanceOutputs()) {
                String d = "  wire " + range(o.width()) + o.name() + ";" + signedNote(o);
                if (readSignals.contains(o)) {
                    decls.add(d);
                } else {
                    unread.add(d);
                }
            }
            appendLines(sb, decls);
            List<String> fullTemps = new ArrayList<>();
            List<String> partTemps = new ArrayList<>();
            for (int i = 0; i < tempDecls.size(); i++) {
                (partlyRead.contains(tempExprs.get(i)) ? partTemps : fullTemps).add(tempDecls.get(i));
            }
            appendLines(sb, fullTemps);
            partTemps.addAll(unread);
            if (!partTemps.isEmpty()) {
                sb.append("  /* verilator lint_off UNUSEDSIGNAL */\n");
                appendLines(sb, partTemps);
                sb.append("  /* verilator lint_on UNUSEDSIGNAL */\n");
            }
            if (!tempAssigns.isEmpty() || !body.isEmpty()) {
                sb.append('\n');
            }
            appendLines(sb, tempAssigns);
            appendLines(sb, body);
            sb.append("endmodule\n");
            return sb.toString();
        }

        private final List<Expr> tempExprs = new ArrayList<>();

        private static void appendLines(StringBuilder sb, List<String> lines) {
            for (String l : lines) {
                sb.append(l).append('\n');
            }
        }

        private static String signedNote(Signal s) {
            return s.signed() ? "  // signed" : "";
        }

        private static String range(int w) {
            return w == 1 ? "" : "[" + (w - 1) + ":0] ";
        }

        private static void collect(Stmt.Block b, Map<Signal, List<Stmt.Assign>> out) {
            for (Stmt s : b.stmts()) {
                if (s instanceof Stmt.Assign a) {
                    out.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a);
                } else if (s instanceof Stmt.If f) {
                    for (Stmt.Block br : f.branches()) {
                        collect(br, out);
                    }
                    if (f.otherwise() != null) {
                        collect(f.otherwise(), out);
                    }
                }
            }
        }

        private static boolean mentions(Stmt.Block b, Signal t) {
            for (Stmt s : b.stmts()) {
                if (s instanceof Stmt.Assign a && a.target() == t) {
                    return true;
                }
                if (s instanceof Stmt.If f) {
                    for (Stmt.Block br : f.branches()) {
                        if (mentions(br, t)) {
                            return true;
                        }
                    }
                    if (f.otherwise() != null && mentions(f.otherwise(), t)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The statements of {@code b} that drive {@code t}, with the when-structure around them. */
        private void block(Stmt.Block b, Signal t, String in, String op, List<String> out) {
            for (Stmt s : b.stmts()) {
                if (s instanceof Stmt.Assign a) {
                    if (a.target() == t) {
                        out.add(in + t.name() + op + expr(a.value()) + ";");
                    }
                } else if (s instanceof Stmt.If f && mentions(b, t)) {
                    int last = -1;
                    for (int i = 0; i < f.branches().size(); i++) {
                        if (mentions(f.branches().get(i), t)) {
                            last = i;
                        }
                    }
                    boolean other = f.otherwise() != null && mentions(f.otherwise(), t);
                    if (last < 0 && !other) {
                        continue;
                    }
                    int n = other ? f.branches().size() : last + 1;
                    for (int i = 0; i < n; i++) {
                        String head = (i == 0 ? in + "if (" : in + "end else if (") + cond(f.conds().get(i)) + ") begin";
                        out.add(head);
                        block(f.branches().get(i), t, in + "  ", op, out);
                    }
                    if (other) {
                        out.add(in + "end else begin");
                        block(f.otherwise(), t, in + "  ", op, out);
                    }
                    out.add(in + "end");
                }
            }
        }

        // ---- expressions ----

        private void countUses() {
            Deque<Expr> roots = new ArrayDeque<>();
            rootsOf(m.body(), roots);
            for (Reg r : m.regs()) {
                if (r.enableExpr() != null) {
                    roots.add(r.enableExpr());
                }
            }
            for (Mem mem : m.mems()) {
                for (Mem.WritePort w : mem.writes()) {
                    roots.add(w.enable());
                    roots.add(w.addr());
                    roots.add(w.data());
                }
            }
            for (Module.Check c : m.checks()) {
                roots.add(c.cond());
            }
            for (Instance i : m.instances()) {
                for (Instance.Connection c : i.inputs().values()) {
                    roots.add(c.value());
                }
            }
            Set<Expr> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            Deque<Expr> todo = new ArrayDeque<>(roots);
            while (!todo.isEmpty()) {
                Expr e = todo.pop();
                if (e instanceof Signal s) {
                    readSignals.add(s);
                }
                if (!seen.add(e)) {
                    continue;
                }
                for (Expr c : Nodes.children(e)) {
                    uses.merge(c, 1, Integer::sum);
                    if (e instanceof Slice || (e instanceof Extend x && x.width() > x.a().width())) {
                        // read partly, or only its sign bit
                        if (!(e instanceof Extend) && (((Slice) e).width() < c.width())) {
                            partlyRead.add(c);
                        }
                    }
                    todo.push(c);
                }
            }
        }

        private static void rootsOf(Stmt.Block b, Deque<Expr> out) {
            for (Stmt s : b.stmts()) {
                if (s instanceof Stmt.Assign a) {
                    out.add(a.value());
                } else if (s instanceof Stmt.If f) {
                    out.addAll(f.conds());
                    for (Stmt.Block br : f.branches()) {
                        rootsOf(br, out);
                    }
                    if (f.otherwise() != null) {
                        rootsOf(f.otherwise(), out);
                    }
                }
            }
        }

        private static boolean leaf(Expr e) {
            return e instanceof Signal || e instanceof Const
                    || (e instanceof Slice s && s.a() instanceof Signal)
                    || (e instanceof Extend x && x.width() == x.a().width() && leaf(x.a()));
        }

        /** Text of {@code e}, hoisting shared subexpressions to temporaries. */
        private String expr(Expr e) {
            if (!leaf(e) && uses.getOrDefault(e, 1) > 1) {
                return ref(e);
            }
            return inline(e);
        }

        /** Condition text (a 1-bit value, no outer parentheses needed for if). */
        private String cond(Expr e) {
            String s = expr(e);
            return s.startsWith("(") && s.endsWith(")") && balanced(s) ? s.substring(1, s.length() - 1) : s;
        }

        private static boolean balanced(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0 && i < s.length() - 1) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** A name (signal or temporary) for {@code e}, so it can be bit-selected. */
        private String ref(Expr e) {
            if (e instanceof Signal s) {
                return s.name();
            }
            if (e instanceof Extend x && x.width() == x.a().width()) {
                return ref(x.a());
            }
            String t = temps.get(e);
            if (t == null) {
                String text = inline(e);
                t = "_t" + temps.size();
                temps.put(e, t);
                tempExprs.add(e);
                tempDecls.add("  wire " + range(e.width()) + t + ";");
                tempAssigns.add("  assign " + t + " = " + text + ";");
            }
            return t;
        }

        private String inline(Expr e) {
            if (e instanceof Signal s) {
                return s.name();
            } else if (e instanceof Const c) {
                return lit(c.value(), c.width());
            } else if (e instanceof Op o) {
                return op(o);
            } else if (e instanceof Mux x) {
                return "(" + cond(x.cond()) + " ? " + expr(x.whenTrue()) + " : " + expr(x.whenFalse()) + ")";
            } else if (e instanceof Concat c) {
                List<String> parts = new ArrayList<>();
                for (Expr p : c.parts()) {
                    parts.add(expr(p));
                }
                return "{" + String.join(", ", parts) + "}";
            } else if (e instanceof Slice s) {
                if (s.a().constValue() != null) {
                    BigInteger v = s.a().constValue().shiftRight(s.lo()).and(BigInteger.ONE.shiftLeft(s.width()).subtract(BigInteger.ONE));
                    return lit(v, s.width());
                }
                String r = ref(s.a());
                if (s.a().width() == 1) {
                    return r;
                }
                return s.hi() == s.lo() ? r + "[" + s.lo() + "]" : r + "[" + s.hi() + ":" + s.lo() + "]";
            } else if (e instanceof Extend x) {
                if (x.width() == x.a().width()) {
                    return expr(x.a());
                }
                return extend(x.a(), x.width(), x.signExtend());
            } else if (e instanceof Select s) {
                String idx = ref(s.index());
                return selectTree(s, idx, 0, s.index().width() - 1);
            } else if (e instanceof MemRead r) {
                return r.mem().name() + "[" + expr(r.addr()) + "]";
            }
            throw new IllegalStateException("unknown node " + e);
        }

        /** Items [lo, lo + 2^(bit+1)) chosen by index bits bit..0; indices past the end read the last item. */
        private String selectTree(Select s, String idx, int lo, int bit) {
            int n = s.items().size();
            if (lo >= n - 1 || bit < 0) {
                return expr(s.items().get(Math.min(lo, n - 1)));
            }
            int half = 1 << bit;
            String b = s.index().width() == 1 ? idx : idx + "[" + bit + "]";
            String hi = selectTree(s, idx, lo + half, bit - 1);
            String lw = selectTree(s, idx, lo, bit - 1);
            if (hi.equals(lw)) {
                return hi;
            }
            return "(" + b + " ? " + hi + " : " + lw + ")";
        }

        private String extend(Expr a, int w, boolean sign) {
            int k = w - a.width();
            if (a.constValue() != null) {
                BigInteger v = a.constValue();
                if (sign && v.testBit(a.width() - 1)) {
                    v = v.add(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE.shiftLeft(a.width())));
                }
                return lit(v, w);
            }
            if (!sign) {
                return "{" + k + "'d0, " + expr(a) + "}";
            }
            String r;
            String top;
            if (a instanceof Slice sl && sl.a() instanceof Signal sig) {
                r = inline(a);
                top = sig.width() == 1 ? sig.name() : sig.name() + "[" + sl.hi() + "]";
            } else {
                r = ref(a);
                top = a.width() == 1 ? r : r + "[" + (a.width() - 1) + "]";
            }
            String fill = k == 1 ? top : "{" + k + "{" + top + "}}";
            return "{" + fill + ", " + r + "}";
        }

        private String op(Op o) {
            if (o.b() == null) {
                return "(" + o.kind().verilog + expr(o.a()) + ")";
            }
            switch (o.kind()) {
                case MUL: {
                    int w = o.width();
                    return "(" + extend(o.a(), w, o.a().signed()) + " * " + extend(o.b(), w, o.b().signed()) + ")";
                }
                case LT: case LE: case GT: case GE:
                    if (o.a().signed()) {
                        return "($signed(" + expr(o.a()) + ") " + o.kind().verilog + " $signed(" + expr(o.b()) + "))";
                    }
                    return "(" + expr(o.a()) + " " + o.kind().verilog + " " + expr(o.b()) + ")";
                default:
                    return "(" + expr(o.a()) + " " + o.kind().verilog + " " + expr(o.b()) + ")";
            }
        }

        private static String lit(BigInteger v, int w) {
            if (w == 1) {
                return "1'b" + v;
            }
            if (w <= 32) {
                return w + "'d" + v;
            }
            return w + "'h" + v.toString(16);
        }
    }
}
