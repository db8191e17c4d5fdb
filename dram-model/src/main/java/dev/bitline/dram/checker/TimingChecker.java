package dev.bitline.dram.checker;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.Window;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Independent checker of a DRAM command trace against a standard's tables.
 *
 * <p>It deliberately shares no timing code with the engine: it reads the standard's resolved data
 * (the constraint rows, windows and a few parameters of {@link DramSpec}) and evaluates them the
 * slow, obvious way. Every command is compared with <em>every</em> earlier command still within the
 * largest distance any rule starting from that earlier command's kind can span (all of the
 * standard's rows, in every scope), so a rule the engine forgot, or evaluated against the wrong
 * earlier command, still shows up. It also tracks each bank's open row itself to catch protocol
 * errors, and replays every burst on the data bus. Cost is O(commands x look-back); it is meant for
 * tests and {@code --check}, not for the hot path.
 *
 * <p>Feed it commands in issue order per channel (it is a {@link CommandSink}, so it can listen to
 * a live run; channels are independent, so their streams may interleave in any order), then read
 * {@link #report()}.
 */
public final class TimingChecker implements CommandSink {
    private final DramSpec spec;
    private final Organization org;
    /** table[prev][next] = the rows for that pair (the data, indexed; evaluation is below). */
    private final Constraint[][][] table;
    private final List<Window> windows;
    private final int readLatency;
    private final int writeLatency;
    private final int burst;
    private final int tRTRS;
    private final boolean separateRowColumnBus;
    /** How far back a command of each kind can still constrain a later one (table rows, windows). */
    private final long[] lookBack;
    private final int keep;

    /** Earlier commands by kind, each kept for its kind's look-back. */
    private final ArrayDeque<CommandRecord>[] history;
    /** Commands that may still hold a command bus (for the command-bus rule). */
    private final List<CommandRecord> onBus = new ArrayList<>();
    private final int maxCommandCycles;
    private final ArrayDeque<Burst> bursts = new ArrayDeque<>();
    private final Map<Long, Integer> openRow = new HashMap<>();
    private final Set<Long> poweredDown = new HashSet<>();
    private final Set<Long> selfRefresh = new HashSet<>();
    private final List<Violation> first = new ArrayList<>();
    private final EnumMap<Violation.Kind, Long> byKind = new EnumMap<>(Violation.Kind.class);
    private long violations;
    private long commands;
    private CommandRecord last;
    /** Null for the checker a caller holds: it routes each channel to its own child checker. */
    private final TimingChecker root;
    private final Map<Integer, TimingChecker> channels = new HashMap<>();

    private record Burst(long start, long end, CommandRecord cmd) {}

    /** A checker that keeps the first 1000 violations in full (all are counted). */
    public TimingChecker(DramSpec spec) {
        this(spec, 1000);
    }

    public TimingChecker(DramSpec spec, int keepViolations) {
        this(spec, keepViolations, null);
    }

    private TimingChecker(DramSpec spec, int keepViolations, TimingChecker root) {
        this.root = root;
        this.spec = spec;
        this.org = spec.organization();
        this.keep = keepViolations;
        int n = Command.COUNT;
        List<List<List<Constraint>>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<List<Constraint>> r = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                r.add(new ArrayList<>());
            }
            rows.add(r);
        }
        lookBack = new long[n];
        for (Constraint c : spec.constraints()) {
            rows.get(c.prev().ordinal()).get(c.next().ordinal()).add(c);
            lookBack[c.prev().ordinal()] = Math.max(lookBack[c.prev().ordinal()], c.cycles());
        }
        table = new Constraint[n][n][];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                table[i][j] = rows.get(i).get(j).toArray(new Constraint[0]);
            }
        }
        windows = spec.windows();
        for (Window w : windows) {
            for (Command c : w.commands()) {
                lookBack[c.ordinal()] = Math.max(lookBack[c.ordinal()], w.cycles());
            }
        }
        readLatency = spec.readLatency();
        writeLatency = spec.writeLatency();
        burst = spec.burstCycles();
        tRTRS = spec.paramOr("tRTRS", 0);
        separateRowColumnBus = spec.commandBus() == dev.bitline.dram.spec.CommandBus.ROW_COLUMN;
        int maxHold = 1;
        for (Command c : Command.values()) maxHold = Math.max(maxHold, spec.commandCycles(c));
        maxCommandCycles = maxHold;
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
        ArrayDeque<CommandRecord>[] h = new ArrayDeque[n];
        for (int i = 0; i < n; i++) {
            h[i] = new ArrayDeque<>();
        }
        history = h;
    }

    /** Checks a whole recorded trace. */
    public static CheckReport check(DramSpec spec, CommandBuffer trace) {
        TimingChecker c = new TimingChecker(spec);
        for (int i = 0; i < trace.size(); i++) {
            c.accept(trace.get(i));
        }
        return c.report();
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        accept(new CommandRecord(cycle, command, channel, pseudoChannel, rank, bankGroup, bank, row, column));
    }

    /** Checks one command against everything before it on its channel. */
    public void accept(CommandRecord n) {
        commands++;
        if (root == null) {
            channels.computeIfAbsent(n.channel(), c -> new TimingChecker(spec, keep, this)).accept(n);
            return;
        }
        if (last != null && n.cycle() < last.cycle()) {
            add(Violation.Kind.ORDER, "commands must be in non-decreasing cycle order", last, n, -1, -1);
        }
        for (int k = 0; k < history.length; k++) {
            ArrayDeque<CommandRecord> h = history[k];
            while (!h.isEmpty() && n.cycle() - h.peekFirst().cycle() >= lookBack[k]) {
                h.removeFirst();
            }
        }
        int kept = 0;
        for (int i = 0; i < onBus.size(); i++) {
            CommandRecord p = onBus.get(i);
            if (p.cycle() + maxCommandCycles > n.cycle()) onBus.set(kept++, p);
        }
        onBus.subList(kept, onBus.size()).clear();
        checkTiming(n);
        checkWindows(n);
        checkCommandBus(n);
        checkProtocol(n);
        checkDataBus(n);
        if (lookBack[n.command().ordinal()] > 0) {
            history[n.command().ordinal()].addLast(n);
        }
        onBus.add(n);
        last = n;
    }

    public CheckReport report() {
        return new CheckReport(commands, violations, byKind, first);
    }

    // ---- timing table --------------------------------------------------------------------------

    private void checkTiming(CommandRecord n) {
        for (int k = 0; k < history.length; k++) {
            Constraint[] rules = table[k][n.command().ordinal()];
            if (rules.length == 0) {
                continue;
            }
            for (CommandRecord p : history[k]) {
                long distance = n.cycle() - p.cycle();
                for (Constraint c : rules) {
                    if (distance < c.cycles() && inScope(c.scope(), p, n)) {
                        add(Violation.Kind.TIMING, p.command() + "->" + n.command() + " "
                                + c.scope().name().toLowerCase(java.util.Locale.ROOT) + " >= " + c.expression()
                                + " (=" + c.cycles() + ")", p, n, c.cycles(), distance);
                    }
                }
            }
        }
    }

    /**
     * Whether earlier command {@code p} and next command {@code n} lie in one instance of
     * {@code scope} (see {@link Scope}): bank and bank-group scopes widen to the rank when either
     * command addresses a whole rank; a same-bank refresh (bank b of every group) is in every bank
     * group and matches bank b.
     */
    static boolean inScope(Scope scope, CommandRecord p, CommandRecord n) {
        if (p.channel() != n.channel()) {
            return false;
        }
        boolean sameRank = p.pseudoChannel() == n.pseudoChannel() && p.rank() == n.rank();
        switch (scope) {
            case CHANNEL:
                return true;
            case OTHER_RANK:
                return !sameRank;
            case RANK:
                return sameRank;
            case BANKGROUP:
                if (!sameRank) {
                    return false;
                }
                if (rankWide(p) || rankWide(n) || allGroups(p) || allGroups(n)) {
                    return true;
                }
                return p.bankGroup() == n.bankGroup();
            case BANK:
                if (!sameRank) {
                    return false;
                }
                if (rankWide(p) || rankWide(n)) {
                    return true;
                }
                boolean groupMatch = p.bankGroup() == n.bankGroup() || allGroups(p) || allGroups(n);
                return groupMatch && p.bank() == n.bank();
            default:
                throw new IllegalStateException("unknown scope " + scope);
        }
    }

    private static boolean rankWide(CommandRecord r) {
        return r.command().target() == Command.Target.RANK;
    }

    private static boolean allGroups(CommandRecord r) {
        return r.command().target() == Command.Target.SAME_BANK;
    }

    // ---- rolling windows -----------------------------------------------------------------------

    private void checkWindows(CommandRecord n) {
        for (Window w : windows) {
            if (!w.commands().contains(n.command())) {
                continue;
            }
            int inWindow = 0;
            CommandRecord oldest = null;
            for (Command wc : w.commands()) {
                for (CommandRecord p : history[wc.ordinal()]) {
                    if (n.cycle() - p.cycle() < w.cycles()
                            && (w.scope() == Scope.CHANNEL ? p.channel() == n.channel() : inScope(Scope.RANK, p, n))) {
                        inWindow++;
                        if (oldest == null || p.cycle() < oldest.cycle()) {
                            oldest = p;
                        }
                    }
                }
            }
            if (inWindow >= w.count()) {
                add(Violation.Kind.WINDOW, "at most " + w.count() + " of " + w.commands() + " per "
                        + w.scope().name().toLowerCase(java.util.Locale.ROOT) + " in " + w.expression() + " (="
                        + w.cycles() + ") cycles; this is number " + (inWindow + 1), oldest, n, w.cycles(),
                        n.cycle() - oldest.cycle());
            }
        }
    }

    // ---- command bus ---------------------------------------------------------------------------

    private void checkCommandBus(CommandRecord n) {
        for (CommandRecord p : onBus) {
            int hold = spec.commandCycles(p.command());
            if (p.channel() == n.channel() && n.cycle() < p.cycle() + hold
                    && (!separateRowColumnBus || p.command().isColumn() == n.command().isColumn())) {
                add(Violation.Kind.COMMAND_BUS, hold == 1 ? "one command per cycle on a command bus"
                        : p.command() + " holds the command bus for " + hold + " cycles", p, n, hold,
                        n.cycle() - p.cycle());
            }
        }
    }

    // ---- bank state / protocol -----------------------------------------------------------------

    private static long rankKey(CommandRecord r) {
        return ((long) r.channel() << 40) | ((long) r.pseudoChannel() << 32) | ((long) r.rank() << 24);
    }

    private static long bankKey(CommandRecord r, int bankGroup, int bank) {
        return rankKey(r) | ((long) bankGroup << 12) | bank;
    }

    private void checkProtocol(CommandRecord n) {
        long rk = rankKey(n);
        Command c = n.command();
        if (selfRefresh.contains(rk) && c != Command.SRX) {
            protocol(n, c + " to a rank in self-refresh (expected SRX first)");
        } else if (poweredDown.contains(rk) && c != Command.PDX) {
            protocol(n, c + " to a powered-down rank (expected PDX first)");
        }
        switch (c) {
            case ACT -> {
                Integer open = openRow.get(bankKey(n, n.bankGroup(), n.bank()));
                if (open != null) {
                    protocol(n, "ACT to a bank with row " + open + " open (expected PRE first)");
                }
                openRow.put(bankKey(n, n.bankGroup(), n.bank()), n.row());
            }
            case RD, WR, RDA, WRA -> {
                long bk = bankKey(n, n.bankGroup(), n.bank());
                Integer open = openRow.get(bk);
                if (open == null) {
                    protocol(n, c + " to a closed bank (expected ACT first)");
                } else if (n.row() != CommandRecord.NONE && open != CommandRecord.NONE && open != n.row()) {
                    protocol(n, c + " to row " + n.row() + " but row " + open + " is open");
                }
                if (c == Command.RDA || c == Command.WRA) {
                    openRow.remove(bk);
                }
            }
            case PRE -> openRow.remove(bankKey(n, n.bankGroup(), n.bank()));
            case PREA -> closeRank(n);
            case REFab, SRE -> {
                int open = openBanks(n, -1);
                if (open > 0) {
                    protocol(n, c + " with " + open + " bank(s) open (expected all banks precharged)");
                }
                if (c == Command.SRE) {
                    selfRefresh.add(rk);
                }
            }
            case REFpb -> {
                if (openRow.containsKey(bankKey(n, n.bankGroup(), n.bank()))) {
                    protocol(n, "REFpb to an open bank (expected PRE first)");
                }
            }
            case REFsb -> {
                if (openBanks(n, n.bank()) > 0) {
                    protocol(n, "REFsb with bank " + n.bank() + " open in some bank group (expected PRE first)");
                }
            }
            case PDE -> {
                if (poweredDown.contains(rk)) {
                    protocol(n, "PDE to a rank already powered down");
                }
                poweredDown.add(rk);
            }
            case PDX -> {
                if (!poweredDown.remove(rk)) {
                    protocol(n, "PDX to a rank that is not powered down");
                }
            }
            case SRX -> {
                if (!selfRefresh.remove(rk)) {
                    protocol(n, "SRX to a rank that is not in self-refresh");
                }
            }
            default -> throw new IllegalStateException("unhandled command " + c);
        }
    }

    private int openBanks(CommandRecord n, int onlyBank) {
        int open = 0;
        for (int g = 0; g < org.bankGroups(); g++) {
            for (int b = 0; b < org.banksPerGroup(); b++) {
                if ((onlyBank < 0 || b == onlyBank) && openRow.containsKey(bankKey(n, g, b))) {
                    open++;
                }
            }
        }
        return open;
    }

    private void closeRank(CommandRecord n) {
        for (int g = 0; g < org.bankGroups(); g++) {
            for (int b = 0; b < org.banksPerGroup(); b++) {
                openRow.remove(bankKey(n, g, b));
            }
        }
    }

    private void protocol(CommandRecord n, String rule) {
        add(Violation.Kind.PROTOCOL, rule, null, n, -1, -1);
    }

    // ---- data bus ------------------------------------------------------------------------------

    private void checkDataBus(CommandRecord n) {
        // A burst that ended tRTRS before this command cannot collide with any later burst, because
        // every burst starts at least min(CL, CWL) after its command.
        while (!bursts.isEmpty() && bursts.peekFirst().end() + tRTRS <= n.cycle()) {
            bursts.removeFirst();
        }
        if (!n.command().isColumn()) {
            return;
        }
        long start = n.cycle() + (n.command().isRead() ? readLatency : writeLatency);
        long end = start + burst;
        for (Burst b : bursts) {
            CommandRecord p = b.cmd();
            if (p.channel() != n.channel() || p.pseudoChannel() != n.pseudoChannel()) {
                continue;
            }
            boolean otherRank = p.rank() != n.rank();
            long gap = otherRank ? tRTRS : 0;
            boolean clash = start < b.end() + gap && b.start() < end + gap;
            if (clash) {
                String what = start < b.end() && b.start() < end
                        ? "data bursts overlap on the data bus ([" + b.start() + "," + b.end() + ") and [" + start + "," + end + "))"
                        : "rank switch on the data bus needs tRTRS (=" + tRTRS + ") idle cycles";
                add(Violation.Kind.DATA_BUS, what, p, n, gap, start >= b.end() ? start - b.end() : b.start() - end);
            }
        }
        // Keep bursts ordered by end time so the trim above stays correct.
        Burst nb = new Burst(start, end, n);
        if (bursts.isEmpty() || bursts.peekLast().end() <= end) {
            bursts.addLast(nb);
        } else {
            List<Burst> tail = new ArrayList<>();
            while (!bursts.isEmpty() && bursts.peekLast().end() > end) {
                tail.add(bursts.removeLast());
            }
            bursts.addLast(nb);
            for (int i = tail.size() - 1; i >= 0; i--) {
                bursts.addLast(tail.get(i));
            }
        }
    }

    private void add(Violation.Kind kind, String rule, CommandRecord p, CommandRecord n, long required,
            long actual) {
        if (root != null) {
            root.add(kind, rule, p, n, required, actual);
            return;
        }
        violations++;
        byKind.merge(kind, 1L, Long::sum);
        if (first.size() < keep) {
            first.add(new Violation(kind, rule, p, n, required, actual));
        }
    }

    public DramSpec spec() {
        return spec;
    }
}
