package dev.bitline.dram.checker;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Scope;
import dev.bitline.dram.spec.Target;
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
    private final ArrayDeque<Entry>[] history;
    /** Commands that may still hold a command bus (for the command-bus rule). */
    private final List<Entry> onBus = new ArrayList<>();
    private final int maxCommandCycles;
    private final ArrayDeque<Burst> bursts = new ArrayDeque<>();
    private final Map<Long, Integer> openRow = new HashMap<>();
    // rows open in the PIM row buffers of a dual-row-buffer part (commands with rowBuffer: pim)
    private final Map<Long, Integer> pimRow = new HashMap<>();
    private final Set<Long> poweredDown = new HashSet<>();
    private final Set<Long> selfRefresh = new HashSet<>();
    private final List<Violation> first = new ArrayList<>();
    private final EnumMap<Violation.Kind, Long> byKind = new EnumMap<>(Violation.Kind.class);
    private long violations;
    private long commands;
    private Entry last;
    /** Null for the checker a caller holds: it routes each channel to its own child checker. */
    private final TimingChecker root;
    private final Map<Integer, TimingChecker> channels = new HashMap<>();

    private record Burst(long start, long end, CommandRecord cmd, long line) {}

    /** A checked command and the trace line it came from (0 when fed live). */
    private record Entry(CommandRecord rec, long line) {}

    /**
     * Per refresh kind: how long the banks it covers stay busy (the largest distance from it to a
     * command that opens a row, read from the table), 0 for other kinds; and that row's formula.
     */
    private final long[] busy;
    private final String[] busyExpr;
    /** The trace's name in violations ({@code file}), or null. */
    private String source;
    private long line;

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
        int n = spec.commandCount();
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
            rows.get(c.prev().id()).get(c.next().id()).add(c);
            lookBack[c.prev().id()] = Math.max(lookBack[c.prev().id()], c.cycles());
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
                lookBack[c.id()] = Math.max(lookBack[c.id()], w.cycles());
            }
        }
        readLatency = spec.readLatency();
        writeLatency = spec.writeLatency();
        burst = spec.burstCycles();
        tRTRS = spec.paramOr("tRTRS", 0);
        separateRowColumnBus = spec.commandBus() == dev.bitline.dram.spec.CommandBus.ROW_COLUMN;
        int maxHold = 1;
        for (Command c : spec.commands()) maxHold = Math.max(maxHold, c.cycles());
        maxCommandCycles = maxHold;
        busy = new long[n];
        busyExpr = new String[n];
        for (Constraint c : spec.constraints()) {
            if (c.prev().isRefresh() && c.next().opens() && c.cycles() > busy[c.prev().id()]) {
                busy[c.prev().id()] = c.cycles();
                busyExpr[c.prev().id()] = c.expression();
            }
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic array creation
        ArrayDeque<Entry>[] h = new ArrayDeque[n];
        for (int i = 0; i < n; i++) {
            h[i] = new ArrayDeque<>();
        }
        history = h;
    }

    /** Names the trace in violations ({@code file:line}); call before the first command. */
    public TimingChecker source(String name) {
        this.source = name;
        return this;
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
    public boolean anyChannelOrder() {
        return true; // one checker per channel inside (see the class comment)
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        accept(new CommandRecord(cycle, command, channel, pseudoChannel, rank, bankGroup, bank, row, column));
    }

    /**
     * Checks one command against everything before it on its channel. The command's flags are
     * read from this checker's standard (by name), so a trace read with another vocabulary is
     * judged by this one.
     */
    public void accept(CommandRecord n) {
        accept(n, 0);
    }

    /**
     * As {@link #accept(CommandRecord)}, for the command read from line {@code line} of the trace
     * (named by {@link #source}); violations name that line.
     */
    public void accept(CommandRecord n, long line) {
        commands++;
        if (root == null) {
            Command own = spec.commandOrNull(n.command().name());
            if (own == null) {
                throw new IllegalArgumentException("command " + n.command() + " is not in " + spec.name()
                        + "'s vocabulary " + spec.commands());
            }
            if (!own.equals(n.command())) {
                n = new CommandRecord(n.cycle(), own, n.channel(), n.pseudoChannel(), n.rank(), n.bankGroup(),
                        n.bank(), n.row(), n.column());
            }
            CommandRecord rec = n;
            channels.computeIfAbsent(n.channel(), c -> new TimingChecker(spec, keep, this)).accept(rec, line);
            return;
        }
        this.line = line;
        if (last != null && n.cycle() < last.rec().cycle()) {
            add(Violation.Kind.ORDER, "commands must be in non-decreasing cycle order", last, n, -1, -1);
        }
        for (int k = 0; k < history.length; k++) {
            ArrayDeque<Entry> h = history[k];
            while (!h.isEmpty() && n.cycle() - h.peekFirst().rec().cycle() >= lookBack[k]) {
                h.removeFirst();
            }
        }
        int kept = 0;
        for (int i = 0; i < onBus.size(); i++) {
            Entry p = onBus.get(i);
            if (p.rec().cycle() + maxCommandCycles > n.cycle()) onBus.set(kept++, p);
        }
        onBus.subList(kept, onBus.size()).clear();
        checkTiming(n);
        checkBusy(n);
        checkWindows(n);
        checkCommandBus(n);
        checkProtocol(n);
        checkDataBus(n);
        Entry e = new Entry(n, line);
        if (lookBack[n.command().id()] > 0) {
            history[n.command().id()].addLast(e);
        }
        onBus.add(e);
        last = e;
    }

    /** Violations found so far (all kinds). */
    public long violations() {
        return root == null ? violations : root.violations();
    }

    public CheckReport report() {
        return new CheckReport(commands, violations, byKind, first);
    }

    // ---- timing table --------------------------------------------------------------------------

    private void checkTiming(CommandRecord n) {
        for (int k = 0; k < history.length; k++) {
            Constraint[] rules = table[k][n.command().id()];
            if (rules.length == 0) {
                continue;
            }
            for (Entry pe : history[k]) {
                CommandRecord p = pe.rec();
                long distance = n.cycle() - p.cycle();
                for (Constraint c : rules) {
                    if (distance < c.cycles() && inScope(c.scope(), p, n)) {
                        add(Violation.Kind.TIMING, p.command() + "->" + n.command() + " "
                                + c.scope().name().toLowerCase(java.util.Locale.ROOT) + " >= " + c.expression()
                                + " (=" + c.cycles() + ")", pe, n, c.cycles(), distance);
                    }
                }
            }
        }
    }

    /**
     * A refresh's busy period: JEDEC allows no command but DES to the banks a refresh covers until
     * it completes (tRFC; tRFCpb / tRFCsb for the per-bank kinds). The table names only some pairs
     * (REF->ACT, REF->REF, ...); here every other command that operates on those banks (opens,
     * closes, accesses or refreshes them) is held to the same distance, the largest distance the
     * table gives from the refresh to a row-opening command. A pair the table does write a row for
     * where it applies (e.g. REFab->PDE at 1: power-down may start during a refresh) is judged by
     * that row instead; commands that leave the banks alone (power-down/self-refresh transitions,
     * PIM buffer transfers) are not held.
     */
    private void checkBusy(CommandRecord n) {
        Command c = n.command();
        if (!(c.opens() || c.closes() || c.isColumn() || c.isRefresh())) {
            return;
        }
        for (int k = 0; k < history.length; k++) {
            if (busy[k] == 0) {
                continue;
            }
            Constraint[] rules = table[k][c.id()];
            for (Entry pe : history[k]) {
                CommandRecord p = pe.rec();
                long distance = n.cycle() - p.cycle();
                if (distance >= busy[k] || !inScope(Scope.BANK, p, n)) {
                    continue;
                }
                boolean ruled = false;
                for (Constraint r : rules) {
                    if (inScope(r.scope(), p, n)) {
                        ruled = true;
                        break;
                    }
                }
                if (!ruled) {
                    add(Violation.Kind.BUSY, p.command() + "->" + c + " busy >= " + busyExpr[k] + " (=" + busy[k]
                            + "): no command to a bank being refreshed", pe, n, busy[k], distance);
                }
            }
        }
    }

    /**
     * Whether earlier command {@code p} and next command {@code n} lie in one instance of
     * {@code scope} (see {@link Scope}), i.e. whether the banks they cover (their {@link Target}s)
     * overlap at that level: a rank-wide command covers every bank of its rank, a channel-wide one
     * every rank; a same-bank command (bank b of every group) is in every bank group and matches
     * bank b; a bank-pair command matches both banks of its pair, a bank-group command every bank
     * of its group. {@code other_rank} holds when one of them covers a rank the other does not.
     */
    static boolean inScope(Scope scope, CommandRecord p, CommandRecord n) {
        if (p.channel() != n.channel()) {
            return false;
        }
        Target tp = p.command().target(), tn = n.command().target();
        boolean anyChannel = tp == Target.CHANNEL || tn == Target.CHANNEL;
        boolean sameRank = anyChannel || p.pseudoChannel() == n.pseudoChannel() && p.rank() == n.rank();
        switch (scope) {
            case CHANNEL:
                return true;
            case OTHER_RANK:
                return anyChannel || !sameRank;
            case RANK:
                return sameRank;
            case BANKGROUP:
                return sameRank && groupsOverlap(p, n);
            case BANK:
                return sameRank && groupsOverlap(p, n) && banksOverlap(p, n);
            default:
                throw new IllegalStateException("unknown scope " + scope);
        }
    }

    /** Whether the bank groups the two commands cover (within one rank) overlap. */
    private static boolean groupsOverlap(CommandRecord p, CommandRecord n) {
        if (allGroups(p) || allGroups(n)) {
            return true;
        }
        return p.bankGroup() == n.bankGroup();
    }

    /** Whether the bank indices (within a group) the two commands cover overlap. */
    private static boolean banksOverlap(CommandRecord p, CommandRecord n) {
        Target tp = p.command().target(), tn = n.command().target();
        if (tp.wholeRank() || tn.wholeRank() || tp == Target.BANKGROUP || tn == Target.BANKGROUP) {
            return true;
        }
        int lo = p.bank(), hi = p.bank();
        if (tp == Target.BANK_PAIR) {
            lo = p.bank() & ~1;
            hi = lo + 1;
        }
        int nlo = n.bank(), nhi = n.bank();
        if (tn == Target.BANK_PAIR) {
            nlo = n.bank() & ~1;
            nhi = nlo + 1;
        }
        return lo <= nhi && nlo <= hi;
    }

    /** Covers every bank group of its rank (rank- or channel-wide, or same bank of every group). */
    private static boolean allGroups(CommandRecord r) {
        Target t = r.command().target();
        return t.wholeRank() || t == Target.SAME_BANK;
    }

    // ---- rolling windows -----------------------------------------------------------------------

    private void checkWindows(CommandRecord n) {
        for (Window w : windows) {
            if (!w.commands().contains(n.command())) {
                continue;
            }
            int inWindow = 0;
            Entry oldest = null;
            for (Command wc : w.commands()) {
                for (Entry pe : history[wc.id()]) {
                    CommandRecord p = pe.rec();
                    if (n.cycle() - p.cycle() < w.cycles()
                            && (w.scope() == Scope.CHANNEL ? p.channel() == n.channel() : inScope(Scope.RANK, p, n))) {
                        inWindow++;
                        if (oldest == null || p.cycle() < oldest.rec().cycle()) {
                            oldest = pe;
                        }
                    }
                }
            }
            if (inWindow >= w.count()) {
                add(Violation.Kind.WINDOW, "at most " + w.count() + " of " + w.commands() + " per "
                        + w.scope().name().toLowerCase(java.util.Locale.ROOT) + " in " + w.expression() + " (="
                        + w.cycles() + ") cycles; this is number " + (inWindow + 1), oldest, n, w.cycles(),
                        n.cycle() - oldest.rec().cycle());
            }
        }
    }

    // ---- command bus ---------------------------------------------------------------------------

    private void checkCommandBus(CommandRecord n) {
        for (Entry pe : onBus) {
            CommandRecord p = pe.rec();
            int hold = p.command().cycles();
            if (p.channel() == n.channel() && n.cycle() < p.cycle() + hold
                    && (!separateRowColumnBus || p.command().usesColumnBus() == n.command().usesColumnBus())) {
                add(Violation.Kind.COMMAND_BUS, hold == 1 ? "one command per cycle on a command bus"
                        : p.command() + " holds the command bus for " + hold + " cycles", pe, n, hold,
                        n.cycle() - p.cycle());
            }
        }
    }

    // ---- bank state / protocol -----------------------------------------------------------------

    private static long rankKey(int channel, int pseudoChannel, int rank) {
        return ((long) channel << 40) | ((long) pseudoChannel << 32) | ((long) rank << 24);
    }

    /**
     * Bank-state rules, read from the command's meta flags: a rank in self-refresh takes only its
     * exit, a powered-down rank only its power-down exit; an opening command needs every bank it
     * covers precharged; a column access needs the row open (the same row when the trace names
     * one); a refresh and a self-refresh entry need every bank they cover precharged.
     */
    private void checkProtocol(CommandRecord n) {
        Command c = n.command();
        List<Long> ranks = coveredRanks(n);
        for (long rk : ranks) {
            if (selfRefresh.contains(rk) && c.selfRefresh() != Transition.EXIT) {
                protocol(n, c + " to a rank in self-refresh (expected its self-refresh exit first)");
            } else if (poweredDown.contains(rk) && c.powerDown() != Transition.EXIT) {
                protocol(n, c + " to a powered-down rank (expected its power-down exit first)");
            }
        }
        List<Long> banks = coveredBanks(n, ranks);
        if (c.isRefresh() || c.selfRefresh() == Transition.ENTER) {
            int open = 0;
            for (long bk : banks) if (openRow.containsKey(bk) || pimRow.containsKey(bk)) open++;
            if (open > 0) {
                protocol(n, c + " with " + open + " bank(s) open (expected "
                        + (banks.size() == 1 ? "it" : "all " + banks.size()) + " precharged)");
            }
        }
        Map<Long, Integer> buffer = c.pimBuffer() ? pimRow : openRow;
        if (c.opens()) {
            for (long bk : banks) {
                Integer open = buffer.get(bk);
                if (open != null) {
                    protocol(n, c + " to a bank with row " + open + " open (expected a precharge first)");
                }
                buffer.put(bk, n.row());
            }
        }
        if (c.isColumn()) {
            for (long bk : banks) {
                Integer open = buffer.get(bk);
                if (open == null) {
                    protocol(n, c + " to a closed bank (expected an activate first)");
                } else if (n.row() != CommandRecord.NONE && open != CommandRecord.NONE && open != n.row()) {
                    protocol(n, c + " to row " + n.row() + " but row " + open + " is open");
                }
            }
        }
        if (c.closes()) {
            for (long bk : banks) {
                buffer.remove(bk);
                if (c.rowBuffer() == dev.bitline.dram.spec.CommandMeta.RowBuffer.ALL) pimRow.remove(bk);
            }
        }
        for (long rk : ranks) {
            if (c.powerDown() == Transition.ENTER && !poweredDown.add(rk)) {
                protocol(n, c + " to a rank already powered down");
            }
            if (c.powerDown() == Transition.EXIT && !poweredDown.remove(rk)) {
                protocol(n, c + " to a rank that is not powered down");
            }
            if (c.selfRefresh() == Transition.ENTER) {
                selfRefresh.add(rk);
            }
            if (c.selfRefresh() == Transition.EXIT && !selfRefresh.remove(rk)) {
                protocol(n, c + " to a rank that is not in self-refresh");
            }
        }
    }

    /** Rank keys a command covers: its own rank, or every rank of the channel. */
    private List<Long> coveredRanks(CommandRecord n) {
        List<Long> out = new ArrayList<>();
        if (n.command().target() != Target.CHANNEL) {
            out.add(rankKey(n.channel(), n.pseudoChannel(), n.rank()));
            return out;
        }
        for (int pc = 0; pc < org.pseudoChannels(); pc++) {
            for (int r = 0; r < org.ranks(); r++) {
                out.add(rankKey(n.channel(), pc, r));
            }
        }
        return out;
    }

    /** Bank keys a command covers, from its target (the checker's own reading of the flags). */
    private List<Long> coveredBanks(CommandRecord n, List<Long> ranks) {
        List<Long> out = new ArrayList<>();
        Target t = n.command().target();
        for (long rk : ranks) {
            for (int g = 0; g < org.bankGroups(); g++) {
                for (int b = 0; b < org.banksPerGroup(); b++) {
                    boolean in = switch (t) {
                        case BANK -> g == n.bankGroup() && b == n.bank();
                        case BANK_PAIR -> g == n.bankGroup() && (b & ~1) == (n.bank() & ~1);
                        case BANKGROUP -> g == n.bankGroup();
                        case SAME_BANK -> b == n.bank();
                        case RANK, CHANNEL -> true;
                    };
                    if (in) {
                        out.add(rk | ((long) g << 12) | b);
                    }
                }
            }
        }
        return out;
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
        if (!n.command().readsData() && !n.command().writesData()) {
            return;
        }
        long start = n.cycle() + (n.command().readsData() ? readLatency : writeLatency);
        long end = start + burst;
        for (Burst b : bursts) {
            CommandRecord p = b.cmd();
            Entry pe = new Entry(p, b.line());
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
                add(Violation.Kind.DATA_BUS, what, pe, n, gap, start >= b.end() ? start - b.end() : b.start() - end);
            }
        }
        // Keep bursts ordered by end time so the trim above stays correct.
        Burst nb = new Burst(start, end, n, line);
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

    private void add(Violation.Kind kind, String rule, Entry p, CommandRecord n, long required,
            long actual) {
        if (root != null) {
            root.add(kind, rule, p, n, line, required, actual);
            return;
        }
        add(kind, rule, p, n, line, required, actual);
    }

    private void add(Violation.Kind kind, String rule, Entry p, CommandRecord n, long nLine, long required,
            long actual) {
        if (root != null) {
            root.add(kind, rule, p, n, nLine, required, actual);
            return;
        }
        violations++;
        byKind.merge(kind, 1L, Long::sum);
        if (first.size() < keep) {
            first.add(new Violation(kind, rule, p == null ? null : p.rec(), n, required, actual, source,
                    p == null ? 0 : p.line(), nLine));
        }
    }

    public DramSpec spec() {
        return spec;
    }
}
