package dev.bitline.dram.spec;

import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Integer expressions over named timing parameters, as used in standard tables:
 * {@code 17}, {@code tRAS+tRP}, {@code CL+BL/2+2-CWL}, {@code max(4, tRRD_S)}. Operators + - * /
 * (integer division, truncating), unary minus, parentheses, and the functions max(a,b,...),
 * min(a,b,...) and ceil(a,b) (= ceiling of a/b). Evaluated once at load time, never in the engine.
 */
public final class Expr {
    private final String src;
    private final ToLongFunction<String> vars;
    private int pos;

    private Expr(String src, ToLongFunction<String> vars) {
        this.src = src;
        this.vars = vars;
    }

    /**
     * Evaluates {@code src}; {@code vars} resolves a name (and throws IllegalArgumentException for an
     * unknown one).
     */
    public static long eval(String src, ToLongFunction<String> vars) {
        Expr e = new Expr(src, vars);
        long v = e.sum();
        e.skipSpace();
        if (e.pos != src.length()) throw e.error("unexpected '" + src.charAt(e.pos) + "'");
        return v;
    }

    /** Evaluates over a fixed map of values. */
    public static long eval(String src, Map<String, Long> values) {
        return eval(src, name -> {
            Long v = values.get(name);
            if (v == null) throw new IllegalArgumentException("unknown timing parameter '" + name + "'");
            return v;
        });
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
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) pos++;
            try {
                return Long.parseLong(src.substring(start, pos));
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
