package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.sim.io.Messages;

/**
 * The text command-trace format, one command per line:
 *
 * <pre>
 * # comment lines start with '#'
 * 123456 ACT ch=0 pc=0 ra=0 bg=1 ba=2 row=1234 col=*
 * </pre>
 *
 * Fields: cycle (decimal), command name (from the standard's vocabulary), then key=value for ch, pc, ra, bg, ba,
 * row, col in this order; {@code *} means "does not apply". The reader also accepts lines without
 * {@code pc=} (taken as 0) and keys in any order.
 */
public final class CommandTraceFormat {
    private CommandTraceFormat() {}

    public static final String HEADER = "# bitline dram command trace v1: cycle command ch pc ra bg ba row col";

    /** Formats one record as a line (no newline). */
    public static String format(CommandRecord r) {
        StringBuilder sb = new StringBuilder(64);
        append(sb, r.cycle(), r.command(), r.channel(), r.pseudoChannel(), r.rank(), r.bankGroup(),
                r.bank(), r.row(), r.column());
        return sb.toString();
    }

    /** Appends one line (no newline) to {@code sb}; allocation-free apart from sb growth. */
    public static void append(StringBuilder sb, long cycle, Command command, int channel,
            int pseudoChannel, int rank, int bankGroup, int bank, int row, int column) {
        sb.append(cycle).append(' ').append(command.name());
        field(sb, " ch=", channel);
        field(sb, " pc=", pseudoChannel);
        field(sb, " ra=", rank);
        field(sb, " bg=", bankGroup);
        field(sb, " ba=", bank);
        field(sb, " row=", row);
        field(sb, " col=", column);
    }

    private static void field(StringBuilder sb, String key, int v) {
        sb.append(key);
        if (v < 0) sb.append('*');
        else sb.append(v);
    }

    /**
     * Parses one non-comment line; the command name must be in {@code spec}'s vocabulary.
     *
     * @throws IllegalArgumentException with a message saying what was expected (callers prefix
     *     file:line)
     */
    public static CommandRecord parse(String line, DramSpec spec) {
        String[] tok = line.trim().split("\\s+");
        if (tok.length < 2) {
            throw new IllegalArgumentException("expected '<cycle> <command> ch=.. ra=.. bg=.. ba=.. row=.. col=..', got '" + Messages.token(line.strip()) + "'");
        }
        long cycle;
        try {
            cycle = Long.parseLong(tok[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a cycle number, got '" + Messages.token(tok[0]) + "'");
        }
        if (cycle < 0) throw new IllegalArgumentException("cycle must be >= 0, got " + cycle);
        Command cmd;
        try {
            cmd = spec.command(tok[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("'" + tok[1] + "'", "'" + Messages.token(tok[1]) + "'"));
        }
        int ch = 0, pc = 0, ra = 0, bg = CommandRecord.NONE, ba = CommandRecord.NONE,
                row = CommandRecord.NONE, col = CommandRecord.NONE;
        for (int i = 2; i < tok.length; i++) {
            String t = tok[i];
            int eq = t.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("expected key=value, got '" + Messages.token(t) + "'");
            String k = t.substring(0, eq);
            String vs = t.substring(eq + 1);
            int v;
            if (vs.equals("*")) v = CommandRecord.NONE;
            else {
                try {
                    v = Integer.parseInt(vs);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected a number or * for " + k + ", got '" + Messages.token(vs) + "'");
                }
                if (v < 0) throw new IllegalArgumentException(k + " must be >= 0 or *, got " + v);
            }
            switch (k) {
                case "ch": ch = v; break;
                case "pc": pc = v; break;
                case "ra": ra = v; break;
                case "bg": bg = v; break;
                case "ba": ba = v; break;
                case "row": row = v; break;
                case "col": col = v; break;
                default:
                    throw new IllegalArgumentException("unknown field '" + Messages.token(k) + "' (expected ch, pc, ra, bg, ba, row, col)");
            }
        }
        CommandRecord r = new CommandRecord(cycle, cmd, ch, pc, ra, bg, ba, row, col);
        validate(r, spec);
        return r;
    }

    /**
     * Checks a record against the standard's organization: every address field in range, and the
     * fields the command's target needs present (bank group and bank for a bank command, the row
     * of an activate, the column of a bank's column access; {@code *} is "does not apply").
     *
     * @throws IllegalArgumentException naming the field, its value and the range expected
     */
    public static void validate(CommandRecord r, DramSpec spec) {
        dev.bitline.dram.spec.Organization o = spec.organization();
        range("ch", r.channel(), o.channels(), false);
        range("pc", r.pseudoChannel(), o.pseudoChannels(), false);
        range("ra", r.rank(), o.ranks(), false);
        range("bg", r.bankGroup(), o.bankGroups(), true);
        range("ba", r.bank(), o.banksPerGroup(), true);
        range("row", r.row(), o.rows(), true);
        range("col", r.column(), o.columns(), true);
        Command c = r.command();
        dev.bitline.dram.spec.Target t = c.target();
        boolean needsGroup = t == dev.bitline.dram.spec.Target.BANK || t == dev.bitline.dram.spec.Target.BANK_PAIR
                || t == dev.bitline.dram.spec.Target.BANKGROUP;
        boolean needsBank = t == dev.bitline.dram.spec.Target.BANK || t == dev.bitline.dram.spec.Target.BANK_PAIR
                || t == dev.bitline.dram.spec.Target.SAME_BANK;
        if (needsGroup && r.bankGroup() == CommandRecord.NONE) missing(c, "bg", o.bankGroups());
        if (needsBank && r.bank() == CommandRecord.NONE) missing(c, "ba", o.banksPerGroup());
        boolean bankTarget = t == dev.bitline.dram.spec.Target.BANK || t == dev.bitline.dram.spec.Target.BANK_PAIR;
        if (bankTarget && c.opens() && r.row() == CommandRecord.NONE) missing(c, "row", o.rows());
        if (bankTarget && c.isColumn() && r.column() == CommandRecord.NONE) missing(c, "col", o.columns());
    }

    private static void range(String key, int v, int n, boolean star) {
        if (v == CommandRecord.NONE) {
            if (!star) throw new IllegalArgumentException(key + "=* (expected 0.." + (n - 1) + ")");
            return;
        }
        if (v >= n) {
            throw new IllegalArgumentException(key + "=" + v + " is out of range (expected 0.." + (n - 1)
                    + ": the organization has " + n + ")");
        }
    }

    private static void missing(Command c, String key, int n) {
        throw new IllegalArgumentException(c.name() + " needs " + key + "= (expected " + key + "=0.." + (n - 1) + ")");
    }
}
