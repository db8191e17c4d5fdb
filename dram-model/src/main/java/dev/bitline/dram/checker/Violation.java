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
 */
public record Violation(Kind kind, String rule, CommandRecord prev, CommandRecord next, long required,
        long actual) {

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
        ORDER
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(kind).append(": ").append(rule);
        if (required >= 0) {
            sb.append(" (needs ").append(required).append(", got ").append(actual).append(')');
        }
        if (prev != null) {
            sb.append("\n  earlier: ").append(prev);
        }
        sb.append("\n  command: ").append(next);
        return sb.toString();
    }
}
