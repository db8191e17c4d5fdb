package dev.bitline.pim.channel;

import dev.bitline.dram.controller.Controller;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.refresh.RefreshManager;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.timing.TimingEngine;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandSink;
import dev.bitline.pim.config.PimConfig.ActivateGranularity;
import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.layout.GemvLayout;

/**
 * One DRAM channel running a PIM program: the PIM command source. Each rank unit (HBM
 * pseudo-channel) walks its copy of the {@link GemvProgram} in order, as the host ASIC issues
 * PIM commands in program order; the channel turns each step into the standard's commands,
 * asks the generic {@link TimingEngine} when each may issue, keeps refreshing, and arbitrates the
 * command bus between rank units. Stand-alone it reuses the DRAM controller's parts for the last
 * two: the {@link RefreshManager} (all-bank, due every tREFI; this channel decides only where in
 * the program an owed refresh goes) and the {@link CommandBuses} (one command per cycle, or one
 * row and one column command on HBM's split bus); on a host {@link Controller} both are the
 * controller's.
 *
 * <p>Two drivers share every decision ({@link #pass}): the event-driven one jumps to the next
 * cycle at which a command can issue or a refresh falls due; the ticked reference visits every
 * cycle and asks the engine through {@link TimingEngine#earliestUnfolded} (the per-scope tables,
 * not the folded shared ready times). Both must emit the identical command trace.
 */
public final class PimChannel {
    private final int channel;
    private final GemvProgram prog;
    private final GemvNumerics num;     // null: timing only
    private final CommandSink sink;     // may be null
    private final TimingEngine engine;
    private final PimIsa isa;
    private final Geometry g;
    private final GemvLayout layout;
    private final boolean refreshOn;
    private final boolean perBankAct;
    private final boolean dual;        // dual row buffers: the program's rows are in the PIM buffers
    private final RefreshManager refresh;  // stand-alone: when refreshes fall due and how many are owed
    private final RefreshManager.Step refreshStep = new RefreshManager.Step();
    private final int[] refreshOpenBanks;   // per rank unit: 0 (the refresh step is asked with the rows closed)
    private final int[] closedRows;         // per flat bank: -1 (the refresh step's view of closed rows)
    private final int refreshBatch;         // refreshes owed before one is taken at a row switch
    private boolean[] draining;             // per rank unit: taking its owed refreshes at this row switch
    private final CommandBuses buses;
    private final DramSpec spec;
    private final double peakCyclesPerMac;
    private final int readTail;
    private final int ranks;
    private final int ranksPerPc;

    // per rank unit
    private final int[] pc;
    private final int[] openRow;     // -1: all banks closed
    private final int[] wantRow;     // row the program is in (-1 none)
    private final int[] actNext;     // per-bank activation: next bank index to open
    // refresh level as the program sees it: 0 none owed, 1 owed (waits for the next row switch),
    // 2 owed past the postponement (closing the rows now); changes invalidate the candidate
    private final int[] level;
    private final boolean[] afterRefresh; // REFab issued, the rows not opened again yet
    private final long[] lastIssue;
    private final int[] cause;          // Loss of the last non-MAC command
    private final double[] lossCycles = new double[Loss.values().length];

    // candidate of each rank unit: valid[r] says the cached one still holds, has[r] that there is one
    private final boolean[] valid;
    private final boolean[] has;
    private final Command[] cCmd;
    private final int[] cBg;
    private final int[] cBank;
    private final int[] cRow;
    private final int[] cCol;
    private final int[] cLoss;
    // the look-ahead candidate: the next OPEN's row switch, started while the buffer loads or the
    // results read out (null: none)
    private final Command[] lCmd;
    private final int[] lBg;
    private final int[] lBank;
    private final int[] lRow;
    private final int[] lLoss;

    // a stream of identical MACs (event driver only): the engine learns its last MAC, at its cycle,
    // before anything else is asked or issued (TimingEngine.streamSpacing); pendR -1: none pending
    private final int macId;
    private final int macSpacing;
    private boolean eventDriven;
    private boolean bulk;
    private int pendR = -1;
    private int pendBg;
    private int pendBank;
    private long pendT;

    private final Controller ctl;   // null: stand-alone on its own engine
    private long startCycle;

    private final long[] perCommand;
    private long commands;
    private long decisions;
    private long macCommands;
    private long bankActivations;
    private long lastCommandCycle;
    private long endCycle = -1;

    /**
     * @param peakCyclesPerMac channel-clock cycles per MAC command at the unit's peak rate
     */
    public PimChannel(DramSpec spec, PimIsa isa, int channel, GemvProgram prog, GemvNumerics num, CommandSink sink,
            RefreshMode refresh, ActivateGranularity activate, double peakCyclesPerMac) {
        this(spec, new TimingEngine(spec), isa, channel, prog, num, sink, refresh, activate, peakCyclesPerMac);
    }

    /**
     * As above on a given engine of {@code spec}, which is reset first (building an engine compiles
     * the whole table; a run over many channels reuses one).
     */
    public PimChannel(DramSpec spec, TimingEngine engine, PimIsa isa, int channel, GemvProgram prog, GemvNumerics num,
            CommandSink sink, RefreshMode refresh, ActivateGranularity activate, double peakCyclesPerMac) {
        this(spec, engine, null, isa, channel, prog, num, sink, refresh, activate, peakCyclesPerMac);
    }

    /**
     * A PIM channel on the host's {@link Controller} of that channel (mixed traffic): the program's
     * commands go through the controller's command hook ({@link Controller#earliest},
     * {@link Controller#issue}), so its timing engine, command buses, bank state, command sink
     * (checker, trace, energy) and refresh manager serve the PIM phase too. The controller's
     * refresh manager refreshes; the program holds its next activate while the controller owes
     * a refresh, so refreshes fall at row switches as in the stand-alone channel. The run starts
     * at the controller's current cycle.
     */
    public PimChannel(DramSpec spec, Controller host, PimIsa isa, int channel, GemvProgram prog, GemvNumerics num,
            ActivateGranularity activate, double peakCyclesPerMac) {
        this(spec, null, host, isa, channel, prog, num, null, RefreshMode.NONE, activate, peakCyclesPerMac);
    }

    private PimChannel(DramSpec spec, TimingEngine engine, Controller host, PimIsa isa, int channel, GemvProgram prog,
            GemvNumerics num, CommandSink sink, RefreshMode refresh, ActivateGranularity activate, double peakCyclesPerMac) {
        this.channel = channel;
        this.prog = prog;
        this.num = num;
        this.sink = sink;
        this.engine = engine;
        this.ctl = host;
        if (engine != null) engine.reset();
        this.isa = isa;
        this.layout = prog.layout();
        this.g = layout.geometry();
        this.refreshOn = refresh != RefreshMode.NONE && host == null;
        this.perBankAct = activate == ActivateGranularity.PER_BANK;
        this.spec = spec;
        this.dual = isa.dualRowBuffer();
        if (dual && perBankAct) throw new IllegalArgumentException("dual row buffers need all-bank activates");
        // all-bank: one refresh may be owed while the program runs (it waits for a row switch, at
        // most one tREFI; JEDEC DDR4 / GDDR6 allow eight). Per-bank: a whole round (one REFpb per
        // bank) is taken at one row switch, REFpb's tRREFD apart instead of tRFCpb each; up to two
        // rounds may be owed (assumed). Every rank unit falls due at the same time.
        if (refresh != RefreshMode.NONE && refresh != RefreshMode.ALLBANK && refresh != RefreshMode.PERBANK) {
            throw new IllegalArgumentException("PIM work refreshes all-bank or per-bank, not " + refresh);
        }
        int bpr = prog.layout().geometry().banksPerRankUnit();
        this.refreshBatch = refresh == RefreshMode.PERBANK ? bpr : 1;
        this.refresh = RefreshManager.of(refreshOn ? refresh : RefreshMode.NONE, spec, 2 * refreshBatch - 1,
                prog.layout().geometry().rankUnits(), 0.0);
        this.closedRows = new int[prog.layout().geometry().rankUnits() * bpr];
        java.util.Arrays.fill(closedRows, -1);
        this.buses = CommandBuses.of(spec);
        this.peakCyclesPerMac = peakCyclesPerMac;
        this.readTail = isa.readResult().readsData() ? spec.readLatency() + spec.burstCycles() : 0;
        this.ranks = g.rankUnits();
        this.ranksPerPc = spec.organization().ranks();
        perCommand = new long[spec.commandCount()];
        macId = isa.mac().id();
        macSpacing = engine != null ? engine.streamSpacing(macId) : -1;
        pc = new int[ranks];
        openRow = new int[ranks];
        wantRow = new int[ranks];
        actNext = new int[ranks];
        level = new int[ranks];
        refreshOpenBanks = new int[ranks];
        draining = new boolean[ranks];
        afterRefresh = new boolean[ranks];
        lastIssue = new long[ranks];
        cause = new int[ranks];
        valid = new boolean[ranks];
        has = new boolean[ranks];
        cCmd = new Command[ranks];
        cBg = new int[ranks];
        cBank = new int[ranks];
        cRow = new int[ranks];
        cCol = new int[ranks];
        cLoss = new int[ranks];
        lCmd = new Command[ranks];
        lBg = new int[ranks];
        lBank = new int[ranks];
        lRow = new int[ranks];
        lLoss = new int[ranks];
        for (int r = 0; r < ranks; r++) {
            openRow[r] = -1;
            wantRow[r] = -1;
            cause[r] = Loss.ROW_SWITCH.ordinal();
        }
    }

    /** Runs the program to the end ({@link #begin}, {@link #advance}, {@link #finish}); returns the cycle the last result arrived at the host. */
    public long run(boolean ticked) {
        begin(ticked);
        advance(Long.MAX_VALUE);
        return finish();
    }

    // the loop's position between calls of advance()
    private boolean ticked;
    private boolean batch;
    private long t;
    private long visited;
    private boolean done;

    /**
     * Starts the program at the current cycle (0 stand-alone, the controller's time in controller
     * mode); {@link #advance} then runs it, in one call or in steps interleaved with other work on
     * the same controller (dual-row-buffer mixed traffic), and {@link #finish} closes the books.
     */
    public void begin(boolean ticked) {
        this.ticked = ticked;
        eventDriven = !ticked && macSpacing >= 1;
        batch = eventDriven && ranks == 1;
        bulk = batch && sink == null && num == null && isa.mac().target().wholeRank() && macSpacing >= isa.mac().cycles();
        t = ctl == null ? 0 : ctl.now();
        startCycle = t;
        for (int r = 0; r < ranks; r++) {
            lastIssue[r] = t;
            // rows the host left open in the (one) row buffer the program needs: PREA first
            if (ctl != null && !dual && hostRowOpen(r)) openRow[r] = HOST_ROWS;
        }
        visited = -1;
        done = false;
    }

    /**
     * Runs the program's decisions at cycles up to {@code limit}; returns the next cycle at which
     * it has something to do ({@link Long#MAX_VALUE} once every rank unit's program is done).
     *
     * <p>One loop serves both drivers: at cycle t the rank units are scanned in index order and
     * the first whose command is legal (timing engine and command bus) issues, then the scan
     * restarts at the same t; when none can issue, the event-driven driver jumps to the earliest
     * cycle any command can issue or a refresh falls due, the ticked one to t + 1. The event
     * driver keeps each rank unit's candidate until something changes it; the ticked one
     * recomputes every candidate every cycle and asks the engine through the per-scope tables.
     */
    public long advance(long limit) {
        while (!done) {
            if (t > limit) return t;
            if (t != visited) {
                decisions++;
                visited = t;
            }
            long next = Long.MAX_VALUE;
            boolean issued = false;
            if (ctl != null) syncHost(t);
            else if (refreshOn) refresh.accrue(t);
            for (int r = 0; r < ranks; r++) {
                if (ticked || ctl != null) valid[r] = false;
                if (!candidate(r, t)) continue;
                long e = Long.MAX_VALUE;
                Command la = lCmd[r];
                if (la != null) { // the row switch ahead of the buffer load / readout goes first
                    e = Math.max(busFree(la), ctl != null ? ctl.earliest(la, r, lBg[r], lBank[r])
                            : ticked ? engine.earliestUnfolded(la.id(), r, lBg[r], lBank[r])
                            : earliest(la.id(), r, lBg[r], lBank[r]));
                    if (e <= t) {
                        issue(r, t, true);
                        issued = true;
                        break;
                    }
                }
                if (has[r]) {
                    Command c = cCmd[r];
                    long ep = Math.max(busFree(c), ctl != null ? ctl.earliest(c, r, cBg[r], cBank[r])
                            : ticked ? engine.earliestUnfolded(c.id(), r, cBg[r], cBank[r])
                            : earliest(c.id(), r, cBg[r], cBank[r]));
                    if (ep <= t) {
                        issue(r, t, false);
                        if (batch && c.id() == macId) visited = t = stream(r, t);
                        issued = true;
                        break;
                    }
                    if (ep < e) e = ep;
                }
                if (refreshOn && pc[r] < prog.size()) e = Math.min(e, refreshChange(r)); // the refresh level changes then
                if (e < next) next = e;
            }
            if (issued) continue;
            if (ctl != null) {
                boolean busy = false;
                for (int r = 0; r < ranks; r++) busy |= pc[r] < prog.size();
                if (!busy) break;
                next = Math.min(next, ctl.nextEventCycle()); // a refresh the program waits for
                if (next == Long.MAX_VALUE) throw new IllegalStateException("PIM program waits but the controller has no event");
            }
            if (next == Long.MAX_VALUE) break; // every program is done
            t = ticked ? t + 1 : Math.max(next, t + 1);
        }
        done = true;
        return Long.MAX_VALUE;
    }

    /** True once every rank unit's program is done. */
    public boolean done() {
        return done;
    }

    /** After the last {@link #advance}: the cycle the last result arrived at the host. */
    public long finish() {
        if (!done) throw new IllegalStateException("the PIM program has not finished");
        flush();
        endCycle = Math.max(startCycle, lastCommandCycle + readTail);
        for (int r = 0; r < ranks; r++) lossCycles[Loss.READOUT.ordinal()] += endCycle - lastIssue[r];
        return endCycle;
    }

    /**
     * Event driver, one rank unit: after a MAC issued at t, the rest of its stream issues here
     * without a pass of the loop per command. With one rank unit the only candidate during a
     * stream is its next MAC, legal exactly {@link TimingEngine#streamSpacing} after the last
     * (or when the bus frees); the stream stops at the first step that is not a MAC of the same
     * target, and before any refresh state change, which the loop must see. So the commands and
     * cycles are those the loop would give; each still counts as a decision. Returns the cycle
     * of the last MAC issued.
     */
    private long stream(int r, long t) {
        if (bulk) t = bulkStream(r, t);
        while (true) {
            int i = pc[r];
            if (i >= prog.size() || prog.kindOrdinal(i) != MAC_KIND || openRow[r] != wantRow[r]) return t;
            long nt = Math.max(pendT + macSpacing, busFree(isa.mac()));
            if (refreshOn && refreshChange(r) <= nt) return t;
            valid[r] = true;
            has[r] = compute(r); // the MAC of step i (no side effect: the row is open)
            lCmd[r] = null;
            if (cBg[r] != pendBg || cBank[r] != pendBank || pendR != r) {
                valid[r] = false;
                return t;
            }
            t = nt;
            decisions++;
            issue(r, t, false);
        }
    }

    private static final int MAC_KIND = StepKind.MAC.ordinal();

    /**
     * With nobody watching the commands (no sink, timing only) and rank-wide MACs (every step of
     * a stream has the same target), the stream's MACs at {@code last + k * spacing} are counted
     * in closed form, up to the first step that is not a MAC and before any refresh state change:
     * the same counts, cycles and time split as issuing them one by one (tested).
     */
    private long bulkStream(int r, long t) {
        int i = pc[r];
        if (i >= prog.size() || prog.kindOrdinal(i) != MAC_KIND || openRow[r] != wantRow[r]) return t;
        long m = prog.macRun(i);
        if (refreshOn) {
            long change = refreshChange(r);
            if (change != Long.MAX_VALUE) m = Math.min(m, (change - 1 - pendT) / macSpacing);
        }
        if (m < 1) return t;
        long last = pendT + m * macSpacing;
        pc[r] += (int) m;
        commands += m;
        perCommand[macId] += m;
        macCommands += m;
        decisions += m;
        lastCommandCycle = last;
        double compute = Math.min(macSpacing, peakCyclesPerMac);
        lossCycles[Loss.COMPUTE.ordinal()] += m * compute;
        lossCycles[Loss.MAC_SPACING.ordinal()] += m * (macSpacing - compute);
        cause[r] = -1;
        lastIssue[r] = last;
        pendT = last;
        buses.occupy(macId, last);
        valid[r] = false;
        return last;
    }

    /**
     * Controller mode: runs the controller's decisions before t (its refresh manager may issue
     * PREA / REFab), and notes rows its refresh closed.
     */
    private void syncHost(long t) {
        ctl.advanceTo(t);
        for (int r = 0; r < ranks; r++) {
            int open = dual ? ctl.pimOpenRow(r, 0, 0) : ctl.openRow(r, 0, 0);
            if ((openRow[r] >= 0 || actNext[r] > 0) && open < 0
                    || openRow[r] == HOST_ROWS && !hostRowOpen(r)) {
                openRow[r] = -1;
                actNext[r] = 0;
            }
        }
    }

    private static final int HOST_ROWS = Integer.MIN_VALUE; // openRow: some bank holds a host row

    private boolean hostRowOpen(int r) {
        for (int bg = 0; bg < g.bankGroups(); bg++) {
            for (int b = 0; b < g.banksPerGroup(); b++) if (ctl.openRow(r, bg, b) >= 0) return true;
        }
        return false;
    }

    /** Controller mode: the controller owes rank unit r a refresh, so no row may open. */
    private boolean hostOwes(int r) {
        return ctl != null && ctl.refreshesOwed(r) > 0;
    }

    /** Stand-alone: a refresh is owed and waits for the program's next row switch. */
    private boolean owed(int r) {
        return level[r] >= 1;
    }

    /** Stand-alone: the owed refresh was postponed as long as allowed; the rows close for it now. */
    private boolean refreshing(int r) {
        return level[r] >= 2;
    }

    /** The next cycle rank unit r's refresh level changes (its next refresh falls due), MAX if it is forced already. */
    private long refreshChange(int r) {
        return refreshing(r) ? Long.MAX_VALUE : refresh.due(r);
    }

    /** The engine's earliest cycle, or the pending MAC stream's next slot (event driver). */
    private long earliest(int c, int r, int bg, int bank) {
        if (pendR >= 0) {
            if (c == macId && r == pendR && bg == pendBg && bank == pendBank) return pendT + macSpacing;
            flush();
        }
        return engine.earliest(c, r, bg, bank);
    }

    private void flush() {
        if (pendR < 0) return;
        engine.issue(macId, pendR, pendBg, pendBank, pendT);
        pendR = -1;
    }

    private long busFree(Command c) {
        return buses.freeAt(c.id());
    }

    /**
     * The command rank unit r would issue next at cycle t (false when its program is done). Steps
     * that need no command (an OPEN of the row already open) are consumed here.
     */
    private boolean candidate(int r, long t) {
        if (refreshOn && pc[r] < prog.size()) {
            int owedNow = refresh.owed(r);
            int lv = refresh.needed(r, 1) ? 2 // needed although the program has work: forced
                    : owedNow >= refreshBatch || draining[r] && owedNow > 0 ? 1 : 0;
            if (lv != level[r]) {
                level[r] = lv;
                valid[r] = false;
            }
        }
        if (valid[r]) return has[r] || lCmd[r] != null;
        valid[r] = true;
        lCmd[r] = null;
        has[r] = compute(r);
        return has[r] || lCmd[r] != null;
    }

    /**
     * Refresh policy: a refresh that falls due waits for the program's next row switch (it is
     * taken between the PREA and the ACT, so it costs tRFC but no extra row cycle); only if no row
     * switch comes within {@code postpone} (tREFI: at most one refresh owed, where JEDEC DDR4 /
     * GDDR6 allow eight) are the rows closed for it mid-sweep and the program's row re-opened.
     */
    private boolean compute(int r) {
        if (refreshing(r)) { // PREA while rows are open, then the refresh manager's step
            if (openRow[r] >= 0 || actNext[r] > 0) set(r, false, isa.prechargeAll(), -1, -1, -1, -1, Loss.REFRESH);
            else refreshStep(r, false);
            return true;
        }
        while (pc[r] < prog.size()) {
            int i = pc[r];
            switch (prog.kind(i)) {
                case LOAD -> {
                    set(r, false, isa.writeBuffer(), -1, -1, -1, prog.c(i), Loss.BUFFER_LOAD);
                    lookAhead(r, i);
                    return true;
                }
                case OPEN -> {
                    int row = prog.b(i);
                    wantRow[r] = row;
                    if (openRow[r] == row) {
                        pc[r]++;
                        continue;
                    }
                    return rowSwitch(r, false, row);
                }
                case MAC -> {
                    if (openRow[r] != wantRow[r]) { // closed by a forced refresh: open it again
                        if (hostOwes(r)) return false;
                        activate(r, false, wantRow[r], Loss.REFRESH);
                        return true;
                    }
                    int phase = prog.c(i) % g.banksPerUnit();
                    int col = prog.d(i);
                    int bg = -1, bank = -1;
                    switch (isa.mac().target()) {
                        case BANK -> {
                            int flat = g.bankOf(0, phase);
                            bg = flat / g.banksPerGroup();
                            bank = flat % g.banksPerGroup();
                        }
                        case SAME_BANK -> bank = phase;
                        default -> { }
                    }
                    set(r, false, isa.mac(), bg, bank, openRow[r], col, Loss.COMPUTE);
                    return true;
                }
                case ACTIVATE -> {
                    set(r, false, isa.activation(), -1, -1, -1, -1, Loss.READOUT);
                    return true;
                }
                case READ -> {
                    set(r, false, isa.readResult(), -1, -1, -1, prog.b(i), Loss.READOUT);
                    lookAhead(r, i);
                    return true;
                }
                case CLOSE -> {
                    if (openRow[r] >= 0 || actNext[r] > 0) {
                        set(r, false, isa.closeRows(), -1, -1, -1, -1, Loss.READOUT);
                        return true;
                    }
                    pc[r]++;
                }
            }
        }
        return false;
    }

    /** The next command of a switch to {@code row}: PREA, the owed refresh, then the activate(s). */
    private boolean rowSwitch(int r, boolean look, int row) {
        if (openRow[r] == HOST_ROWS) set(r, look, isa.prechargeAll(), -1, -1, -1, -1, Loss.ROW_SWITCH);
        else if (openRow[r] >= 0) set(r, look, isa.closeRows(), -1, -1, -1, -1, Loss.ROW_SWITCH);
        else if (owed(r) && actNext[r] == 0) refreshStep(r, look);
        else if (hostOwes(r)) return false; // the controller's refresh manager goes first
        else activate(r, look, row, afterRefresh[r] ? Loss.REFRESH : Loss.ROW_SWITCH); // or continue a per-bank sequence
        return true;
    }

    /** The refresh manager's next refresh of rank unit r (its rows closed): REFab, or REFpb of the bank it names. */
    private void refreshStep(int r, boolean look) {
        refresh.next(r, closedRows, refreshOpenBanks, refreshStep);
        int b = refreshStep.bank; // flat, -1 for a rank-wide refresh
        int bg = -1, bank = -1;
        if (b >= 0) {
            int inRank = b % g.banksPerRankUnit();
            bg = inRank / g.banksPerGroup();
            bank = inRank % g.banksPerGroup();
        }
        set(r, look, spec.command(refreshStep.command), bg, bank, -1, -1, Loss.REFRESH);
    }

    /** While step i loads the buffer or reads results, the row switch of the OPEN after it may start. */
    private void lookAhead(int r, int i) {
        int o = prog.nextOpen(i);
        if (o < 0) return;
        int row = prog.b(o);
        if (openRow[r] != row) rowSwitch(r, true, row);
    }

    private void activate(int r, boolean look, int row, Loss why) {
        if (!perBankAct) {
            set(r, look, isa.activateAll(), -1, -1, row, -1, why);
            return;
        }
        int i = actNext[r]; // bank-group-fastest, so consecutive ACTs meet tRRD_S
        int bg = i % g.bankGroups();
        int bank = i / g.bankGroups();
        set(r, look, isa.activate(), bg, bank, row, -1, why);
    }

    private void set(int r, boolean look, Command c, int bg, int bank, int row, int col, Loss why) {
        if (look) {
            lCmd[r] = c;
            lBg[r] = bg;
            lBank[r] = bank;
            lRow[r] = row;
            lLoss[r] = why.ordinal();
            return;
        }
        cCmd[r] = c;
        cBg[r] = bg;
        cBank[r] = bank;
        cRow[r] = row;
        cCol[r] = col;
        cLoss[r] = why.ordinal();
    }

    private void issue(int r, long t, boolean look) {
        if (look) { // the look-ahead row command becomes the one issued
            cCmd[r] = lCmd[r];
            cBg[r] = lBg[r];
            cBank[r] = lBank[r];
            cRow[r] = lRow[r];
            cCol[r] = -1;
            cLoss[r] = lLoss[r];
        }
        Command c = cCmd[r];
        valid[r] = false;
        if (eventDriven && c.id() == macId) {
            if (pendR >= 0 && (pendR != r || pendBg != cBg[r] || pendBank != cBank[r])) flush();
            pendR = r;
            pendBg = cBg[r];
            pendBank = cBank[r];
            pendT = t;
        } else if (ctl != null) {
            ctl.issue(c, r, cBg[r], cBank[r], cRow[r], cCol[r], t);
        } else {
            flush();
            engine.issue(c.id(), r, cBg[r], cBank[r], t);
        }
        buses.occupy(c.id(), t);
        if (sink != null) { // rank unit = pseudoChannel * ranks + rank
            sink.onCommand(t, c, channel, r / ranksPerPc, r % ranksPerPc, cBg[r], cBank[r], cRow[r], cCol[r]);
        }
        commands++;
        perCommand[c.id()]++;
        lastCommandCycle = t;
        account(r, t, c);
        int i = pc[r];
        if (c == isa.prechargeAll() || c == isa.closeRows()) {
            openRow[r] = -1;
            actNext[r] = 0;
            if (!look && !refreshing(r) && i < prog.size() && prog.kind(i) == StepKind.CLOSE) pc[r]++;
        } else if (c.isRefresh()) {
            if (ctl == null) refresh.issued(r, c);
            level[r] = 0; // owed again (a forced refresh's successor, the rest of a round) at the next candidate
            afterRefresh[r] = true;
            draining[r] = refreshBatch > 1;
        } else if (c == isa.activateAll()) {
            openRow[r] = cRow[r];
            afterRefresh[r] = false;
            draining[r] = false;
            bankActivations += g.banksPerRankUnit();
        } else if (c == isa.activate()) {
            bankActivations++;
            if (++actNext[r] == g.banksPerRankUnit()) {
                actNext[r] = 0;
                openRow[r] = cRow[r];
                afterRefresh[r] = false;
            }
        } else if (c == isa.writeBuffer()) {
            if (num != null) num.load(channel, r, prog.a(i), prog.b(i), prog.c(i));
            pc[r]++;
        } else if (c == isa.mac()) {
            macCommands++;
            if (num != null) {
                int phases = g.banksPerUnit();
                num.mac(channel, r, prog.a(i), prog.b(i), prog.c(i) / phases, prog.c(i) % phases);
            }
            pc[r]++;
        } else if (c == isa.activation() && i < prog.size() && prog.kind(i) == StepKind.ACTIVATE) {
            if (num != null) num.activate(channel, r, prog.a(i), prog.c(i));
            pc[r]++;
        } else if (c == isa.readResult()) {
            if (num != null && prog.lastReadOfBlock(i)) num.readBlock(channel, r, prog.a(i), prog.c(i));
            pc[r]++;
        }
    }

    /** Charges the cycles since rank unit r's previous command to a {@link Loss}. */
    private void account(int r, long t, Command c) {
        long gap = t - lastIssue[r];
        lastIssue[r] = t;
        int why = cLoss[r];
        if (why == Loss.COMPUTE.ordinal()) {
            // one MAC's worth of peak time is compute; the rest is the table's spacing, or what
            // the last non-MAC command (a row switch, a load, a refresh) left behind
            double compute = Math.min(gap, peakCyclesPerMac);
            lossCyclesAdd(Loss.COMPUTE, compute);
            double rest = gap - compute;
            lossCyclesAdd(cause[r] < 0 ? Loss.MAC_SPACING : LOSSES[cause[r]], rest);
            cause[r] = -1; // later MACs of this sweep: spacing is the table's
        } else {
            lossCyclesAdd(LOSSES[why], gap);
            cause[r] = why;
        }
    }

    private static final Loss[] LOSSES = Loss.values();

    private void lossCyclesAdd(Loss l, double v) {
        lossCycles[l.ordinal()] += v;
    }

    public long commands() {
        return commands;
    }

    /** Commands issued, by command id. */
    public long count(Command c) {
        return perCommand[c.id()];
    }

    public long decisions() {
        return decisions;
    }

    public long macCommands() {
        return macCommands;
    }

    public long bankActivations() {
        return bankActivations;
    }

    /** Cycles per {@link Loss}, summed over rank units (each rank unit's time adds up to the end cycle). */
    public double[] lossCycles() {
        return lossCycles.clone();
    }

    /** The cycle the run started at (0 stand-alone; the controller's time in controller mode). */
    public long startCycle() {
        return startCycle;
    }

    public long endCycle() {
        return endCycle;
    }

    public int rankUnits() {
        return ranks;
    }

    /** Sink that keeps the records (tests, --check). */
    public static CommandSink collect(java.util.List<CommandRecord> out) {
        return (cycle, command, ch, pcIdx, rank, bg, bank, row, col) ->
                out.add(new CommandRecord(cycle, command, ch, pcIdx, rank, bg, bank, row, col));
    }
}
