package dev.bitline.dram.checker;

import dev.bitline.dram.trace.CommandRecord;

/**
 * One broken rule: the earlier command involved (null when the rule concerns a single command, e.g.
 * a RD to a closed bank), the offending command, and what the rule asked for.
 *
 * @param kind which family of rule
 * @param rule the rule as the standard writes it ({@code ACT->RD bank >= tRCD (=17)})
 * @param prev the earlier command, or null
 * @param next the command that breaks the rule
 * @param required the minimum distance in cycles (timing rules), or -1
 * @param actual the distance that occurred, or -1
 * @param source the trace's name, or null when the commands were fed live
 * @param prevLine the trace line of {@code prev}, 0 if unknown
 * @param line the trace line of {@code next}, 0 if unknown
 */
public record Violation(Kind kind, String rule, CommandRecord prev, CommandRecord next, long required,
        long actual, String source, long prevLine, long line) {

    public Violation(Kind kind, String rule, CommandRecord prev, CommandRecord next, long required, long actual) {
        this(kind, rule, prev, next, required, actual, null, 0, 0);
    }

    /** {@code file:line} of a trace line, or "" when not known. */
    private String where(long l) {
        if (l <= 0) return "";
        return (source == null ? "line " + l : source + ":" + l);
    }

    /** Families of rules the checker knows. */
    public enum Kind {
        /** A (prev, next, scope, distance) row of the timing table. */
        TIMING,
        /** A rolling window (tFAW, t32AW). */
        WINDOW,
        /** Command to a bank in the wrong state (RD to a closed bank, ACT to an open one, ...). */
        PROTOCOL,
        /** Two bursts overlap on one data bus, or a rank switch without tRTRS. */
        DATA_BUS,
        /** Two commands in one cycle on one command bus. */
        COMMAND_BUS,
        /** Commands out of time order. */
        ORDER,
        /** A command to a bank during a refresh's busy period (tRFC) that no table row covers. */
        BUSY
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (line > 0) sb.append(where(line)).append(": ");
        sb.append(kind).append(": ").append(rule);
        if (required >= 0) {
            sb.append(" (needs ").append(required).append(", got ").append(actual).append(')');
        }
        if (prev != null) {
            sb.append("\n  earlier: ").append(prev);
            if (prevLine > 0) sb.append("  (").append(where(prevLine)).append(')');
        }
        sb.append("\n  command: ").append(next);
        return sb.toString();
    }
}
