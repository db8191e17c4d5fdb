package dev.bitline.cli;

import dev.bitline.sim.io.Messages;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns every picocli parse error into the CLI's one-line contract:
 * {@code bitline lut gemm: --n: '10000000000' is not an int (expected an integer from -2147483648 to 2147483647)}.
 * One place for all subcommands, so a new flag gets a clear error without code of its own; the
 * expected form is read from the flag's declared type.
 */
final class FlagErrors {
    private FlagErrors() {
    }

    /** The handler {@link Bitline#commandLine()} installs: one line on stderr, exit 2, no usage dump. */
    static int handle(ParameterException ex, String[] args) {
        ex.getCommandLine().getErr().println(message(ex));
        return Bitline.EXIT_BAD_INPUT;
    }

    static String message(ParameterException ex) {
        String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
        return cmd + ": " + detail(ex, cmd);
    }

    private static String detail(ParameterException ex, String cmd) {
        String raw = oneLine(ex.getMessage());
        CommandLine c = ex.getCommandLine();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !c.getUnmatchedArguments().isEmpty()) {
            // picocli checks required flags before it reports unknown ones; the unknown one is the mistake
            return detail(new CommandLine.UnmatchedArgumentException(c, c.getUnmatchedArguments()), cmd);
        }
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            List<String> suggestions = u.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : "did you mean " + String.join(" or ", suggestions.subList(0,
                    Math.min(3, suggestions.size()))) + "? ";
            if (first.startsWith("-")) {
                return quoteFlag(first) + ": unknown option (" + hint + "expected an option listed by '" + cmd + " --help')";
            }
            return "unexpected argument '" + Messages.token(first) + "' (" + hint
                    + "expected the arguments listed by '" + cmd + " --help')";
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            List<String> names = new ArrayList<>();
            for (ArgSpec a : m.getMissing()) {
                names.add(name(a));
            }
            String who = String.join(", ", names);
            if (raw.contains("for option") && m.getMissing().size() == 1) {
                return who + ": missing value (expected " + expected(m.getMissing().get(0)) + ")";
            }
            return who + ": missing (expected " + (m.getMissing().size() == 1 ? expected(m.getMissing().get(0))
                    : "a value for each") + ")";
        }
        if (ex instanceof CommandLine.MutuallyExclusiveArgsException) {
            // picocli: "Error: --a=<a>, --b=<b> are mutually exclusive (specify only one)"
            List<String> given = new ArrayList<>();
            for (ArgGroupSpec g : groups(c.getCommandSpec().argGroups(), new ArrayList<>())) {
                for (OptionSpec o : g.options()) {
                    String n = o.longestName();
                    if (g.exclusive() && (raw.contains(n + "=") || raw.contains(n + ",") || raw.contains(n + " "))) {
                        given.add(n);
                    }
                }
            }
            String what = given.size() >= 2 ? String.join(", ", given) + " are mutually exclusive"
                    : strip(raw).replace(" (specify only one)", "");
            return what + " (expected at most one of them)";
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o) {
            return name(o.getOverwritten()) + ": given more than once (expected it once)";
        }
        ArgSpec arg = ex.getArgSpec();
        if (arg != null && ex.getValue() != null) {
            String value = Messages.token(ex.getValue());
            int colon = raw.indexOf("': ");
            String why = colon >= 0 && raw.startsWith("Invalid value") ? raw.substring(colon + 3) : raw;
            Class<?> type = valueType(arg);
            if (type.isEnum() || !why.contains("expected")) {
                why = "'" + value + "' is not " + noun(type);
            } else {
                // a converter's own message already says what it expected
                why = why.replace(ex.getValue(), value);
            }
            return name(arg) + ": " + why + (why.contains("expected") ? "" : " (expected " + expected(arg) + ")");
        }
        String s = strip(raw);
        return arg != null ? name(arg) + ": " + s : s + (s.contains("expected") ? "" : " (see '" + cmd + " --help')");
    }

    private static List<ArgGroupSpec> groups(List<ArgGroupSpec> gs, List<ArgGroupSpec> out) {
        for (ArgGroupSpec g : gs) {
            out.add(g);
            groups(g.subgroups(), out);
        }
        return out;
    }

    private static String strip(String raw) {
        return raw.startsWith("Error: ") ? raw.substring("Error: ".length()) : raw;
    }

    private static String oneLine(String s) {
        return s == null ? "bad arguments" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static String quoteFlag(String flag) {
        int eq = flag.indexOf('=');
        return Messages.token(eq > 0 ? flag.substring(0, eq) : flag);
    }

    private static String name(ArgSpec a) {
        if (a instanceof OptionSpec o) {
            return o.longestName();
        }
        if (a instanceof PositionalParamSpec p) {
            return p.paramLabel();
        }
        return String.valueOf(a);
    }

    /** The element type for a list or Optional flag, else the flag's type. */
    private static Class<?> valueType(ArgSpec a) {
        Class<?>[] aux = a.auxiliaryTypes();
        if ((a.isMultiValue() || a.type() == java.util.Optional.class) && aux != null && aux.length > 0) {
            return aux[aux.length - 1];
        }
        return a.type();
    }

    private static String noun(Class<?> t) {
        if (t == int.class || t == Integer.class) {
            return "an int";
        }
        if (t == long.class || t == Long.class) {
            return "a long";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number";
        }
        return t.isEnum() ? "a known choice" : "valid";
    }

    static String expected(ArgSpec a) {
        Class<?> t = valueType(a);
        if (t == int.class || t == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (t == long.class || t == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "a number like 1.5 or 2e-3";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (t.isEnum()) {
            List<String> names = new ArrayList<>();
            Iterable<String> cands = a.completionCandidates();
            if (cands != null) {
                cands.forEach(names::add);
            } else {
                for (Object e : t.getEnumConstants()) {
                    names.add(e.toString());
                }
            }
            return "one of " + String.join(", ", names);
        }
        String label = a instanceof OptionSpec o ? o.longestName() + " " + a.paramLabel() : a.paramLabel();
        if (t == java.nio.file.Path.class || t == java.io.File.class) {
            return "a path: " + label;
        }
        return "a value: " + label;
    }
}
