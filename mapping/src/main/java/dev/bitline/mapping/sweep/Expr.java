package dev.bitline.mapping.sweep;

import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A small expression over named values: a sweep's constraints ({@code controller.readQueueDepth
 * <= controller.writeQueueDepth}) read the point's coordinates, its metrics
 * ({@code dram.bytes * 8 / dram.energy.total}) read the point's stats. Names are dotted paths;
 * numbers, quoted strings, {@code true}/{@code false}; operators {@code || && ! == != < <= > >= + - * /}
 * (also {@code and or not}); functions {@code min max abs sqrt log2 log10}.
 *
 * <p>Written here rather than pulled in as a library: the grammar is twenty lines, and every
 * error must name {@code file:line:col} inside the sweep file, which a scripting engine would not.
 */
public final class Expr {
    private final String text;
    private final Node root;
    private final Set<String> names;

    private Expr(String text, Node root, Set<String> names) {
        this.text = text;
        this.root = root;
        this.names = names;
    }

    /** The source text. */
    public String text() {
        return text;
    }

    /** Every name the expression reads, in order of first use. */
    public Set<String> names() {
        return names;
    }

    /**
     * Parses {@code s}, the text of {@code scalar}; errors point into it (column offset for
     * plain one-line scalars, the scalar's start otherwise).
     */
    public static Expr parse(ConfigNode.Scalar scalar) {
        Parser p = new Parser(scalar.text(), scalar.location());
        Node n = p.expression();
        p.skipBlanks();
        if (p.pos < p.s.length()) {
            throw p.error("unexpected '" + p.s.charAt(p.pos) + "'", "an operator or the end of the expression");
        }
        return new Expr(scalar.text(), n, p.names);
    }

    /** Evaluates with {@code lookup} giving each name's value (Double, String or Boolean). */
    public Object eval(Function<String, Object> lookup) {
        return root.eval(lookup);
    }

    /** As a number (a boolean is 1 or 0); throws IllegalArgumentException for a string. */
    public double number(Function<String, Object> lookup) {
        Object v = eval(lookup);
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IllegalArgumentException("'" + text + "' gives the string \"" + v + "\" (expected a number)");
    }

    /** As a truth value: a boolean, or a number other than 0. */
    public boolean test(Function<String, Object> lookup) {
        Object v = eval(lookup);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        throw new IllegalArgumentException("'" + text + "' gives the string \"" + v + "\" (expected true or false)");
    }

    @Override
    public String toString() {
        return text;
    }

    // ------------------------------------------------------------------ tree

    private interface Node {
        Object eval(Function<String, Object> env);
    }

    private record Literal(Object value) implements Node {
        public Object eval(Function<String, Object> env) {
            return value;
        }
    }

    private record Name(String name) implements Node {
        public Object eval(Function<String, Object> env) {
            Object v = env.apply(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for '" + name + "'");
            }
            return v;
        }
    }

    private record Unary(char op, Node arg) implements Node {
        public Object eval(Function<String, Object> env) {
            Object v = arg.eval(env);
            return op == '-' ? (Object) (-num(v, "-")) : (Object) !bool(v, "!");
        }
    }

    private record Binary(String op, Node l, Node r) implements Node {
        public Object eval(Function<String, Object> env) {
            switch (op) {
                case "||": return bool(l.eval(env), op) || bool(r.eval(env), op);
                case "&&": return bool(l.eval(env), op) && bool(r.eval(env), op);
                default: break;
            }
            Object a = l.eval(env);
            Object b = r.eval(env);
            switch (op) {
                case "==": return same(a, b);
                case "!=": return !same(a, b);
                case "<": return compare(a, b, op) < 0;
                case "<=": return compare(a, b, op) <= 0;
                case ">": return compare(a, b, op) > 0;
                case ">=": return compare(a, b, op) >= 0;
                case "+": return num(a, op) + num(b, op);
                case "-": return num(a, op) - num(b, op);
                case "*": return num(a, op) * num(b, op);
                case "/": return num(a, op) / num(b, op);
                default: throw new IllegalStateException(op);
            }
        }
    }

    private record Call(String fn, List<Node> args) implements Node {
        public Object eval(Function<String, Object> env) {
            double[] v = new double[args.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = num(args.get(i).eval(env), fn);
            }
            return switch (fn) {
                case "min" -> java.util.Arrays.stream(v).min().orElseThrow();
                case "max" -> java.util.Arrays.stream(v).max().orElseThrow();
                case "abs" -> Math.abs(v[0]);
                case "sqrt" -> Math.sqrt(v[0]);
                case "log2" -> Math.log(v[0]) / Math.log(2);
                case "log10" -> Math.log10(v[0]);
                default -> throw new IllegalStateException(fn);
            };
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return String.valueOf(a).equalsIgnoreCase(String.valueOf(b)) || normal(a).equals(normal(b));
    }

    /** Enum spellings compare loosely, as the config binder reads them: open-adaptive == OPEN_ADAPTIVE. */
    private static String normal(Object o) {
        return String.valueOf(o).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static int compare(Object a, Object b, String op) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.compare(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("'" + op + "' compares " + a + " with " + b + " (expected two numbers or two strings)");
    }

    private static double num(Object v, String op) {
        if (v instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException("'" + op + "' needs a number, got \"" + v + "\"");
    }

    private static boolean bool(Object v, String op) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Double d) {
            return d != 0;
        }
        throw new IllegalArgumentException("'" + op + "' needs true or false, got \"" + v + "\"");
    }

    // ------------------------------------------------------------------ parser

    private static final Set<String> FUNCTIONS = Set.of("min", "max", "abs", "sqrt", "log2", "log10");

    private static final class Parser {
        final String s;
        final ConfigNode.Location at;
        final Set<String> names = new LinkedHashSet<>();
        int pos;

        Parser(String s, ConfigNode.Location at) {
            this.s = s;
            this.at = at;
        }

        ConfigException error(String what, String expected) {
            // a plain scalar on one line: point at the character; otherwise at the scalar
            boolean oneLine = s.indexOf('\n') < 0;
            ConfigNode.Location l = oneLine ? new ConfigNode.Location(at.file(), at.line(), at.column() + pos) : at;
            return new ConfigException(l, what + " in expression '" + s.strip() + "' (expected " + expected + ")");
        }

        void skipBlanks() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        boolean eat(String op) {
            skipBlanks();
            if (s.startsWith(op, pos)) {
                // a word operator must not run into a name ("order" is not "or" + "der")
                if (Character.isLetter(op.charAt(0)) && pos + op.length() < s.length()
                        && isNameChar(s.charAt(pos + op.length()))) {
                    return false;
                }
                pos += op.length();
                return true;
            }
            return false;
        }

        Node expression() {
            Node n = and();
            while (eat("||") || eat("or")) {
                n = new Binary("||", n, and());
            }
            return n;
        }

        Node and() {
            Node n = comparison();
            while (eat("&&") || eat("and")) {
                n = new Binary("&&", n, comparison());
            }
            return n;
        }

        Node comparison() {
            Node n = sum();
            for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                if (eat(op)) {
                    return new Binary(op, n, sum());
                }
            }
            return n;
        }

        Node sum() {
            Node n = product();
            while (true) {
                if (eat("+")) {
                    n = new Binary("+", n, product());
                } else if (eat("-")) {
                    n = new Binary("-", n, product());
                } else {
                    return n;
                }
            }
        }

        Node product() {
            Node n = unary();
            while (true) {
                if (eat("*")) {
                    n = new Binary("*", n, unary());
                } else if (eat("/")) {
                    n = new Binary("/", n, unary());
                } else {
                    return n;
                }
            }
        }

        Node unary() {
            if (eat("-")) {
                return new Unary('-', unary());
            }
            if (eat("!") || eat("not")) {
                return new Unary('!', unary());
            }
            return primary();
        }

        Node primary() {
            skipBlanks();
            if (pos >= s.length()) {
                throw error("unexpected end", "a number, a name, a quoted string or '('");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Node n = expression();
                if (!eat(")")) {
                    throw error("missing ')'", "')'");
                }
                return n;
            }
            if (c == '"' || c == '\'') {
                int end = s.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("unterminated string", "a closing " + c);
                }
                String v = s.substring(pos + 1, end);
                pos = end + 1;
                return new Literal(v);
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'
                        || ((s.charAt(pos) == '-' || s.charAt(pos) == '+') && pos > start
                            && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
                    pos++;
                }
                try {
                    return new Literal(Double.parseDouble(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    pos = start;
                    throw error("bad number '" + s.substring(start, Math.min(s.length(), start + 20)) + "'", "a number like 12 or 1.5e3");
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && isNameChar(s.charAt(pos))) {
                    pos++;
                }
                String name = s.substring(start, pos);
                if (name.endsWith(".")) {
                    pos = start;
                    throw error("name '" + name + "' ends with '.'", "a dotted name like dram.rowHits");
                }
                if (name.equals("true") || name.equals("false")) {
                    return new Literal(Boolean.parseBoolean(name));
                }
                skipBlanks();
                if (pos < s.length() && s.charAt(pos) == '(') {
                    if (!FUNCTIONS.contains(name)) {
                        pos = start;
                        throw error("unknown function '" + name + "'", "one of " + String.join(", ", new java.util.TreeSet<>(FUNCTIONS)));
                    }
                    pos++;
                    List<Node> args = new ArrayList<>();
                    if (!eat(")")) {
                        do {
                            args.add(expression());
                        } while (eat(","));
                        if (!eat(")")) {
                            throw error("missing ')' after the arguments of " + name, "')'");
                        }
                    }
                    boolean many = name.equals("min") || name.equals("max");
                    if (many ? args.isEmpty() : args.size() != 1) {
                        pos = start;
                        throw error(name + " takes " + (many ? "at least one argument" : "one argument") + ", got " + args.size(),
                                name + (many ? "(a, b, ...)" : "(x)"));
                    }
                    return new Call(name, args);
                }
                names.add(name);
                return new Name(name);
            }
            throw error("unexpected '" + c + "'", "a number, a name, a quoted string or '('");
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.';
        }
    }
}
