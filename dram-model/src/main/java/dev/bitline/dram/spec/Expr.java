package dev.bitline.dram.spec;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Integer expressions over named timing parameters, as used in standard tables:
 * {@code 17}, {@code tRAS+tRP}, {@code CL+BL/2+2-CWL}, {@code max(4, tRRD_S)}. Operators + - * /
 * (integer division, truncating), unary minus, parentheses, and the functions max(a,b,...),
 * min(a,b,...) and ceil(a,b) (= ceiling of a/b); durations with a unit ({@code 13.75ns}) and
 * {@code nCK} cycle counts (see {@link #eval(String, ToLongFunction, long)}). Evaluated once at
 * load time, never in the engine.
 */
public final class Expr {
    private final String src;
    private final ToLongFunction<String> vars;
    private final long tCKps;
    private int pos;

    private Expr(String src, ToLongFunction<String> vars, long tCKps) {
        this.src = src;
        this.vars = vars;
        this.tCKps = tCKps;
    }

    /**
     * Cycles of a duration by the JEDEC rounding rule (JESD79-4 "Rounding Algorithms", the same in
     * JESD79-5): nCK = ceiling(tPARAM / tCK - 0.025), computed in integer thousandths of a cycle as
     * {@code (floor(tPARAM * 1000 / tCK) + 974) / 1000}. The 2.5% guard band keeps a value that is a
     * hair above a whole number of cycles (tCK itself rounded in the speed-bin table) from costing a
     * full extra cycle.
     */
    public static long jedecCycles(long durationPs, long tCKps) {
        if (tCKps <= 0) throw new IllegalArgumentException("a duration needs the clock period tCK");
        long milli = Math.multiplyExact(durationPs, 1000L) / tCKps;
        return (milli + 974) / 1000;
    }

    /**
     * Evaluates {@code src}; {@code vars} resolves a name (and throws IllegalArgumentException for an
     * unknown one).
     */
    public static long eval(String src, ToLongFunction<String> vars) {
        return eval(src, vars, 0);
    }

    /**
     * As {@link #eval(String, ToLongFunction)}, where a number with a time unit ({@code 13.75ns},
     * {@code 7.8us}, {@code 625ps}) is a duration converted to cycles of {@code tCKps} by
     * {@link #jedecCycles}, and {@code 4nCK} is 4 cycles (the datasheet's {@code max(4nCK, 4.9ns)}).
     */
    public static long eval(String src, ToLongFunction<String> vars, long tCKps) {
        Expr e = new Expr(src, vars, tCKps);
        long v = e.sum();
        e.skipSpace();
        if (e.pos != src.length()) throw e.error("unexpected '" + src.charAt(e.pos) + "'");
        return v;
    }

    /** Evaluates over a fixed map of values. */
    public static long eval(String src, Map<String, Long> values) {
        return eval(src, values, 0);
    }

    /** Over a fixed map of values, with durations in cycles of {@code tCKps}. */
    public static long eval(String src, Map<String, Long> values, long tCKps) {
        return eval(src, name -> {
            Long v = values.get(name);
            if (v == null) throw new IllegalArgumentException("unknown timing parameter '" + name + "'");
            return v;
        }, tCKps);
    }

    private IllegalArgumentException error(String msg) {
        return new IllegalArgumentException("in expression \"" + src + "\" at column " + (pos + 1) + ": " + msg);
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) pos++;
    }

    private boolean eat(char c) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private long sum() {
        long v = product();
        while (true) {
            if (eat('+')) v = Math.addExact(v, product());
            else if (eat('-')) v = Math.subtractExact(v, product());
            else return v;
        }
    }

    private long product() {
        long v = unary();
        while (true) {
            if (eat('*')) v = Math.multiplyExact(v, unary());
            else if (eat('/')) {
                long d = unary();
                if (d == 0) throw error("division by zero");
                v = v / d;
            } else return v;
        }
    }

    private long unary() {
        if (eat('-')) return -unary();
        if (eat('+')) return unary();
        return atom();
    }

    private long atom() {
        skipSpace();
        if (pos >= src.length()) throw error("expected a number, name or '('");
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            long v = sum();
            if (!eat(')')) throw error("expected ')'");
            return v;
        }
        if (Character.isDigit(c)) {
            int start = pos;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            String num = src.substring(start, pos);
            int u = pos;
            while (pos < src.length() && Character.isLetter(src.charAt(pos))) pos++;
            String unit = src.substring(u, pos);
            if (!unit.isEmpty()) return duration(num, unit, start);
            if (num.indexOf('.') >= 0) {
                pos = start;
                throw error("a fractional number needs a time unit (ns, ps, us), got '" + num + "'");
            }
            try {
                return Long.parseLong(num);
            } catch (NumberFormatException e) {
                throw error("number too large");
            }
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < src.length()
                    && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            String name = src.substring(start, pos);
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '(') {
                return call(name);
            }
            try {
                return vars.applyAsLong(name);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        throw error("unexpected '" + c + "'");
    }

    private long duration(String num, String unit, int start) {
        long scale;
        switch (unit) {
            case "nCK": {
                if (num.indexOf('.') >= 0) {
                    pos = start;
                    throw error("nCK counts whole cycles, got '" + num + "nCK'");
                }
                return Long.parseLong(num);
            }
            case "ps": scale = 1; break;
            case "ns": scale = 1_000; break;
            case "us": scale = 1_000_000; break;
            case "ms": scale = 1_000_000_000; break;
            default:
                pos = start;
                throw error("unknown unit '" + unit + "' (expected ps, ns, us, ms or nCK)");
        }
        java.math.BigDecimal ps;
        try {
            ps = new java.math.BigDecimal(num).multiply(java.math.BigDecimal.valueOf(scale));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + num + "'");
        }
        if (ps.stripTrailingZeros().scale() > 0) {
            pos = start;
            throw error(num + unit + " is not a whole number of picoseconds");
        }
        if (tCKps <= 0) {
            pos = start;
            throw error("durations need the clock period tCK");
        }
        try {
            return jedecCycles(ps.longValueExact(), tCKps);
        } catch (ArithmeticException e) {
            pos = start;
            throw error("duration too large");
        }
    }

    private long call(String fn) {
        eat('(');
        long[] args = new long[8];
        int n = 0;
        do {
            if (n == args.length) throw error("too many arguments to " + fn);
            args[n++] = sum();
        } while (eat(','));
        if (!eat(')')) throw error("expected ')' after arguments of " + fn);
        switch (fn) {
            case "max": {
                long v = args[0];
                for (int i = 1; i < n; i++) v = Math.max(v, args[i]);
                return v;
            }
            case "min": {
                long v = args[0];
                for (int i = 1; i < n; i++) v = Math.min(v, args[i]);
                return v;
            }
            case "ceil": {
                if (n != 2) throw error("ceil takes 2 arguments (a, b) = ceiling of a/b");
                if (args[1] <= 0) throw error("ceil divisor must be > 0");
                return Math.floorDiv(args[0] + args[1] - 1, args[1]);
            }
            default:
                throw error("unknown function '" + fn + "' (expected max, min or ceil)");
        }
    }
}
