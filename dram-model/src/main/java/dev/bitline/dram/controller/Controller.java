package dev.bitline.dram.controller;

import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.plugin.ControllerPlugin;
import dev.bitline.dram.controller.powerdown.PowerDownPolicy;
import dev.bitline.dram.controller.queue.RequestQueues;
import dev.bitline.dram.controller.refresh.RefreshManager;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.controller.scheduler.Scheduler;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandMeta;
import dev.bitline.dram.spec.CommandMeta.Transition;
import dev.bitline.dram.spec.CommandRoles;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Target;
import dev.bitline.dram.timing.TimingEngine;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.dram.trace.CommandSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The memory controller of ONE channel: the composer of parts, on top of the generic
 * {@link TimingEngine}. The parts, each chosen by the config and each in a package of its own:
 * <ul>
 *   <li>the request queues ({@code controller/queue}: split read / write queues or one shared
 *       transaction queue, optional DRAMsim3-style bank queues, write drain);
 *   <li>the scheduler ({@code controller/scheduler}: FR-FCFS or FCFS, age or round-robin
 *       arbitration: each bank's candidate, the priority order and, as its private state, the
 *       incremental candidate index the event driver asks);
 *   <li>the refresh manager ({@code controller/refresh}: all-bank, per-bank, same-bank, none);
 *   <li>the row policy ({@code controller/rowpolicy}: open, closed, timeout);
 *   <li>the power-down policy ({@code controller/powerdown});
 *   <li>the command bus(es) ({@code controller/bus}: single, row + column);
 *   <li>plugins beside the command sink ({@code controller/plugin}: trace recorder, on-the-fly
 *       checker);
 *   <li>the driver that moves it through time ({@link Driver}): {@link EventDriver} or the
 *       reference {@link TickedReference}.
 * </ul>
 * What is left here ties them together: the bank and rank state they share
 * ({@link ChannelState}, refresh windows, power-down), the rank's own command (refresh /
 * power-down, which comes before any bank command), the effects of an issue (read from the
 * command's meta flags), the statistics and the public API. Commands outside the request
 * translation (PIM commands) enter through the command hook
 * ({@link #earliest(Command, int, int, int)}, {@link #issue}); their effects follow their flags.
 *
 * <p><b>Time model.</b> Time is in cycles of the standard's command clock. In each cycle, arrivals
 * are accepted first ({@link #trySubmit}), then the scheduler decides and may issue one command,
 * then (with bank queues, {@link ControllerConfig#bankQueueDepth()}) one staged request moves
 * into its bank queue.
 * {@link #advanceTo(long)} runs the decisions of all cycles before its argument.
 *
 * <p><b>Event-driven.</b> A decision computes, besides the command it issues, the next cycle at
 * which anything can happen: the earliest legal cycle of every bank's candidate command, of the
 * rank's refresh / power-down command, and the next refresh due time. The controller jumps
 * there; idle cycles are never visited. The reference driver ({@link
 * ControllerConfig#ticked()}, {@link TickedReference}) visits every cycle and re-evaluates every
 * bank from scratch with the engine's unfolded query; both emit the identical command trace
 * (tested), which holds because the order among candidates is total and a visit that issues
 * nothing changes nothing.
 *
 * <p><b>Cost.</b> No allocation per request or command: requests live in the queues' fixed pool,
 * candidates in the scheduler's per-bank arrays.
 */
public final class Controller {
    private static final int NONE = CommandRecord.NONE;
    // ids of the power-down commands (found by their meta flags, CommandRoles), -1 where absent
    private final int PDE, PDX;
    private final Command[] vocab; // by id
    // per command id, read once from its meta flags: what an issue does to the banks it covers
    private static final int E_OPEN = 1, E_CLOSE = 2, E_COLUMN = 4, E_REFRESH = 8, E_PD_ENTER = 16, E_PD_EXIT = 32;
    // the command works on the PIM row buffer, or closes both buffers (dual-row-buffer PIM parts)
    private static final int E_PIM = 64, E_ALL = 128;
    private final int[] effects;
    private final Target[] targets;
    private final int refreshAllBusy; // tRFC: how long a rank-wide refresh keeps its banks busy

    private final DramSpec spec;
    private final ControllerConfig cfg;
    private final int channel;
    private final AddressMapping map;
    final TimingEngine eng;
    private RequestListener listener;
    private CommandSink sink;

    // the parts
    final ChannelState st;
    final RequestQueues queues;
    final Scheduler sched;
    private final RowPolicy rowPolicy;
    private final RefreshManager refresh;
    private final RefreshManager.Step refreshStep = new RefreshManager.Step();
    private final PowerDownPolicy powerDown;
    private final boolean powerDownOn; // powerDown.enabled(), read on every arrival and rank decision
    final CommandBuses buses;
    private final Driver driver;
    private ControllerPlugin[] plugins = new ControllerPlugin[0];
    private boolean emitting; // sink != null || plugins.length > 0: tested on every issue
    // read on every arrival: requests enter their bank list at once (no first level) and no
    // power-down can need the rank's attention
    private final boolean inBankQueue, arrivalFast;

    // geometry (st's, copied into final fields: read on every issue)
    final int ranks, nBanks;
    private final int ranksPerPc, bgs, bpg, bpr;
    final int[] bankRank, bankBg, bankBa;
    private final int[] openRow, openBanks;
    private final long[] lastCol;

    private final int readDelay, writeDelay;
    private final int refreshBusy;
    private final long[] refreshEnd; // per bank: end of the last refresh covering it
    // per bank: the row open in its PIM row buffer (-1 closed); only dual-row-buffer parts open
    // one (commands with rowBuffer: pim). openBanks counts open buffers of both kinds, so a
    // refresh's precharge step (PREA with rowBuffer: all there) also closes PIM rows.
    private final int[] pimRow;
    private final long[] lastCmd;    // per rank unit: cycle of its last command
    private final boolean[] pd;      // per rank unit: powered down

    private boolean modeSwitched;
    private final boolean slotAtAct; // slotRelease: act
    final boolean firstReadySecond; // dualIssue: first-ready (DRAMsim3)
    long cur; // first cycle whose decision has not run (drivers advance it)

    // stats
    private final long[] cmdCount;
    private long reads, writes, readLatSum, writeLatSum, maxReadLat, rowHits, rowMisses, rowConflicts,
            lastCompletion;
    long decisions;
    private long mergedWrites, forwardedReads;

    /** Builds the controller of channel {@code channel}; {@code map} must be the system's mapping. */
    public Controller(DramSpec spec, ControllerConfig cfg, int channel, AddressMapping map,
            RequestListener listener) {
        this.spec = spec;
        this.cfg = cfg;
        this.channel = channel;
        this.map = map;
        this.listener = listener;
        this.eng = new TimingEngine(spec);
        Organization o = spec.organization();
        if (channel < 0 || channel >= o.channels()) {
            throw new IllegalArgumentException("channel " + channel + " out of range 0.." + (o.channels() - 1));
        }
        st = new ChannelState(o.rankUnits(), o.bankGroups(), o.banksPerGroup());
        ranks = st.ranks;
        ranksPerPc = o.ranks();
        bgs = st.bgs;
        bpg = st.bpg;
        bpr = st.bpr;
        nBanks = st.nBanks;
        bankRank = st.bankRank;
        bankBg = st.bankBg;
        bankBa = st.bankBa;
        openRow = st.openRow;
        openBanks = st.openBanks;
        lastCol = st.lastCol;
        CommandRoles roles = spec.roles();
        PDE = id(roles.powerDownEnter());
        PDX = id(roles.powerDownExit());
        int nCmd = spec.commandCount();
        vocab = spec.commands().toArray(new Command[0]);
        effects = new int[nCmd];
        targets = new Target[nCmd];
        for (Command x : vocab) {
            effects[x.id()] = (x.opens() ? E_OPEN : 0) | (x.closes() ? E_CLOSE : 0) | (x.isColumn() ? E_COLUMN : 0)
                    | (x.isRefresh() ? E_REFRESH : 0) | (x.powerDown() == Transition.ENTER ? E_PD_ENTER : 0)
                    | (x.powerDown() == Transition.EXIT ? E_PD_EXIT : 0)
                    | (x.rowBuffer() == CommandMeta.RowBuffer.PIM ? E_PIM : 0)
                    | (x.rowBuffer() == CommandMeta.RowBuffer.ALL ? E_ALL : 0);
            targets[x.id()] = x.target();
        }
        refreshAllBusy = spec.param("tRFC");
        cmdCount = new long[nCmd];
        buses = CommandBuses.of(spec);
        rowPolicy = RowPolicy.of(cfg.pagePolicy(), cfg.pageTimeout());
        if (rowPolicy.usesAutoPrecharge() && (roles.readClose() == null || roles.writeClose() == null)) {
            throw new IllegalArgumentException("pagePolicy: closed needs column commands with auto-precharge"
                    + " (access + closes: true), which " + spec.name() + " does not have");
        }
        readDelay = spec.readLatency() + spec.burstCycles() + cfg.returnLatency();
        writeDelay = spec.writeLatency() + spec.burstCycles() + cfg.returnLatency();
        refresh = RefreshManager.of(cfg.refresh(), spec, cfg.refreshPostpone(), ranks, cfg.refreshStagger(),
                cfg.refreshPrecharge());
        // how long a per-bank / same-bank refresh keeps its bank(s) busy (for bankState only)
        refreshBusy = spec.paramOr("tRFCpb", spec.paramOr("tRFCsb", spec.param("tRFC")));
        powerDown = PowerDownPolicy.of(cfg.powerDownIdle());
        powerDownOn = powerDown.enabled();
        if (powerDown.enabled() && (PDE < 0 || PDX < 0)) {
            throw new IllegalArgumentException("powerDownIdle > 0 but " + spec.name()
                    + " has no power-down entry/exit (target: rank, powerDown: enter / exit)");
        }
        queues = RequestQueues.of(cfg, nBanks, bpr);
        slotAtAct = cfg.slotRelease() == SlotRelease.ACT;
        firstReadySecond = cfg.dualIssue() == DualIssue.FIRST_READY;
        sched = Scheduler.of(cfg.scheduler(), cfg.arbitration(), spec, st, queues, rowPolicy, eng, buses);
        refreshEnd = new long[nBanks];
        pimRow = new int[nBanks];
        java.util.Arrays.fill(pimRow, -1);
        lastCmd = new long[ranks];
        pd = new boolean[ranks];
        driver = cfg.ticked() ? new TickedReference(this) : new EventDriver(this);
        inBankQueue = queues.inBankQueue();
        arrivalFast = inBankQueue && !powerDownOn;
    }

    private static int id(Command c) {
        return c == null ? -1 : c.id();
    }


    public DramSpec spec() {
        return spec;
    }

    public ControllerConfig config() {
        return cfg;
    }

    public int channelIndex() {
        return channel;
    }

    public void setListener(RequestListener l) {
        this.listener = l;
    }

    /**
     * Attaches a plugin (trace recorder, on-the-fly checker, ...): it sees every command and
     * served request from now on, after the command sink, in attach order.
     */
    public void addPlugin(ControllerPlugin p) {
        if (p == null) throw new IllegalArgumentException("plugin is null");
        ControllerPlugin[] n = java.util.Arrays.copyOf(plugins, plugins.length + 1);
        n[plugins.length] = p;
        plugins = n;
        emitting = true;
    }

    /** Every issued command goes to {@code s} (null = none, the default and fastest). */
    public void setCommandSink(CommandSink s) {
        this.sink = s;
        emitting = s != null || plugins.length > 0;
    }

    /** First cycle whose decision has not run yet. */
    public long now() {
        return cur;
    }

    /**
     * Next cycle at which this controller has something to do, given no new arrival (a refresh
     * comes due, a queued command becomes legal); {@link Long#MAX_VALUE} if nothing is pending and
     * refresh is off. In ticked mode every cycle counts, so this is {@link #now()}.
     */
    public long nextEventCycle() {
        return driver.nextDecision();
    }


    /** Queued (not yet served) requests. */
    public int queued() {
        return queues.queued();
    }

    public int queuedReads() {
        return queues.reads();
    }

    public int queuedWrites() {
        return queues.writes();
    }

    /** True while the controller drains writes. */
    public boolean inWriteMode() {
        return queues.writeMode();
    }

    /** Whether a read (write) would be accepted now. */
    public boolean hasSpace(boolean write) {
        return queues.hasSpace(write);
    }

    /**
     * Offers a request arriving at {@code cycle} (>= {@link #now()}); first runs all decisions
     * before {@code cycle}. Returns false, changing nothing, if the queue for its kind is full.
     *
     * @throws IllegalArgumentException if the address is beyond capacity or of another channel, or
     *     the cycle lies in the past
     */
    public boolean trySubmit(long address, boolean write, long cycle, long tag) {
        checkAddress(address);
        if (cycle < cur) {
            throw new IllegalArgumentException("arrival cycle " + cycle + " is before the controller's time " + cur);
        }
        advanceTo(cycle);
        if (!queues.hasSpace(write)) return false;
        enqueue(address, write, cycle, tag);
        return true;
    }

    /**
     * The arrival itself, once it is known to be legal and to fit (every decision before
     * {@code cycle} has run): {@link #trySubmit} and {@link #submitBlocking} check first, each
     * once.
     */
    private void enqueue(long address, boolean write, long cycle, long tag) {
        modeSwitched = false;
        AddressMapping map = this.map;
        int r = map.pseudoChannel(address) * ranksPerPc + map.rank(address);
        int b = (r * bgs + map.bankGroup(address)) * bpg + map.bank(address);
        int row = map.row(address), col = map.column(address);
        if (queues.answersFromWriteQueue() && queues.servedByWriteQueue(b, row, col, write)) {
            answerFromWriteQueue(write, cycle, tag);
            return;
        }
        int i = queues.admit(b, row, col, write, cycle, tag);
        if (inBankQueue) {
            // Where the arrival left its bank's candidate as it was and touched nothing rank- or
            // channel-wide (the conditions of arrivalEvent's fast path), the next event cannot
            // move: it was computed with that candidate, after the last decision, and arrivals
            // since only lowered it. (Most arrivals: stream traffic queues behind a row hit,
            // random traffic behind a miss to another row.)
            if (joined(i, b) && arrivalFast && !modeSwitched) return;
        } else if (refresh.owed(r) > 0 || pd[r]) {
            sched.rankReleased(r); // a staged arrival can end a postponed refresh's hold or wake the rank too
        }
        driver.arrived(b, cycle);
    }

    /** Within capacity and of this channel, or an exception saying which. */
    private void checkAddress(long address) {
        map.check(address);
        if (map.channel(address) != channel) {
            throw new IllegalArgumentException(String.format("address 0x%x belongs to channel %d, not %d",
                    address, map.channel(address), channel));
        }
    }

    /**
     * writeMerge / readForward (DRAMsim3): the request is answered by the write queue, completing
     * {@link ControllerConfig#BUFFER_LATENCY} cycles after arrival; no command, no queue slot.
     */
    private void answerFromWriteQueue(boolean write, long cycle, long tag) {
        long done = cycle + ControllerConfig.BUFFER_LATENCY;
        long lat = done - cycle;
        if (write) {
            writes++;
            writeLatSum += lat;
            mergedWrites++;
        } else {
            reads++;
            readLatSum += lat;
            if (lat > maxReadLat) maxReadLat = lat;
            forwardedReads++;
        }
        if (done > lastCompletion) lastCompletion = done;
        if (listener != null) listener.onComplete(tag, write, cycle, done);
    }

    /**
     * Request i entered bank b's list (on arrival, or moved from the first level): the parts that
     * care react. Returns true if bank b kept its candidate and its rank was not released (the
     * read/write mode may still have switched: see {@link #modeSwitched}).
     */
    private boolean joined(int i, int b) {
        int r = bankRank[b];
        boolean kept = sched.requestQueued(b, i);
        // an arrival can end a postponed refresh's hold or wake a powered-down rank
        if (refresh.owed(r) > 0 || pd[r]) {
            sched.rankReleased(r);
            kept = false;
        }
        queuesChanged();
        return kept;
    }

    /** The queue contents changed: a read/write mode switch makes the scheduler re-examine its banks. */
    private void queuesChanged() {
        if (queues.updateMode()) {
            modeSwitched = true;
            sched.modeSwitched();
        }
    }

    /**
     * The next event after an arrival to bank b at {@code cycle}: an arrival changes only its own
     * bank's candidate, so unless it touches rank- or channel-wide state (mode switch, refresh
     * hold, power-down, staging) the controller need not visit {@code cycle} itself but only the
     * earliest cycle that candidate can issue.
     */
    long arrivalEvent(int b, long cycle, long nextEvent) {
        int r = bankRank[b];
        if (modeSwitched || !arrivalFast || refresh.owed(r) > 0 || pd[r]) {
            return cycle;
        }
        long e = sched.earliestOf(b);
        int cmd = sched.command(b);
        if (cmd < 0) return nextEvent;
        long free = buses.freeAt(cmd);
        if (e < free) e = free;
        if (e < cycle) e = cycle;
        return Math.min(nextEvent, e);
    }

    /**
     * Submits, waiting (simulated time) while the queue is full: the request arrives at the first
     * cycle >= {@code cycle} at which there is room. Returns that cycle.
     */
    public long submitBlocking(long address, boolean write, long cycle, long tag) {
        long t = Math.max(cycle, cur);
        checkAddress(address);
        advanceTo(t);
        while (!queues.hasSpace(write)) {
            t = driver.nextArrivalTry(t);
            advanceTo(t);
        }
        enqueue(address, write, t, tag);
        return t;
    }

    /** Runs every decision for cycles before {@code cycle}. */
    public void advanceTo(long cycle) {
        // most calls have nothing to run (an arrival before the next event): that test stays
        // inline here, the driver's loop (a big compiled method) is called only when it has work
        if (driver.nextDecision() < cycle) driver.advanceTo(cycle);
        if (cur < cycle) cur = cycle;
    }

    /**
     * Cycle of this controller's next decision: {@link #nextEventCycle()} when event-driven, the
     * next unvisited cycle when ticked.
     */
    long nextDecisionCycle() {
        return driver.nextDecision();
    }

    /** Runs exactly one decision (at {@link #nextDecisionCycle()}); the caller checks the limit. */
    void stepOnce() {
        driver.step();
    }

    /**
     * Runs until every queued request has been served; returns the last completion cycle (end of
     * the run).
     */
    public long drain() {
        endOfInput();
        while (queued() > 0) {
            long n = driver.nextDecision();
            if (n == Long.MAX_VALUE) throw new IllegalStateException("requests queued but no event pending");
            advanceTo(n + 1);
        }
        return lastCompletion;
    }

    /**
     * No request arrives until the next submit (the caller drains): lets a staging policy that
     * waits for more writes (DRAMsim3's write drain) serve its last ones. Called by {@link #drain}.
     */
    public void endOfInput() {
        queues.endOfInput();
        driver.issuedExternally(cur); // the decision of this cycle may now move a staged request
    }

    // ---------------------------------------------------------------------------------------------
    // decisions

    /**
     * With bank queues: moves the oldest staged request whose bank queue has room into it (one per
     * cycle, after the cycle's command).
     */
    void moveStaged() {
        int i = queues.moveOne();
        if (i >= 0) joined(i, queues.bank(i));
    }

    // rank candidate, filled by rankCandidate()
    int rcCmd, rcBank;
    private long rcNotBefore;

    /**
     * The rank's own command this cycle, if any: power-down exit when requests or a refresh wait
     * on a powered-down rank; the refresh manager's next step when a refresh is needed (which also
     * says which banks it holds); power-down entry after the idle time. Sets the rank's hold in
     * {@link ChannelState}.
     */
    void rankCandidate(int r) {
        rcCmd = -1;
        rcBank = -1;
        rcNotBefore = 0;
        int[] hold = st.hold;
        hold[r] = ChannelState.HOLD_NONE;
        int pending = queues.pending(r);
        if (pd[r]) {
            hold[r] = ChannelState.HOLD_RANK;
            if (pending > 0 || refresh.owed(r) > 0) rcCmd = PDX;
            return;
        }
        if (refresh.needed(r, pending)) {
            RefreshManager.Step s = refreshStep;
            refresh.next(r, openRow, openBanks, s);
            rcCmd = s.command;
            rcBank = s.bank;
            hold[r] = s.hold;
            st.holdBank[r] = s.holdBank;
            return;
        }
        if (powerDownOn && pending == 0) {
            rcCmd = PDE;
            rcNotBefore = powerDown.entryAt(lastCmd[r]);
        }
    }

    /**
     * Time-driven work at the start of cycle {@code c}'s decision, the same in both modes: refresh
     * due times passed accrue owed refreshes. Returns the next due time.
     */
    long accrueRefresh(long c) {
        return refresh.accrue(c);
    }

    /** Earliest cycle of the rank candidate just computed by {@link #rankCandidate}. */
    long rankCandidateEarliest(int r, boolean reference) {
        int g = rcBank >= 0 ? bankBg[rcBank] : 0;
        int ba = rcBank >= 0 ? bankBa[rcBank] : 0;
        long e = reference ? eng.earliestUnfolded(rcCmd, r, g, ba) : eng.earliest(rcCmd, r, g, ba);
        return e < rcNotBefore ? rcNotBefore : e;
    }

    /**
     * Cycle {@code c} of the event-driven controller: the decision, then (with bank queues) one
     * staged request moves into its bank queue -- after the command, as DRAMsim3 moves a
     * transaction after its command issue, so a request moved at c is first seen at c+1. Returns
     * the next cycle to visit (at least c+1).
     */
    long step(long c) {
        decisions++;
        long next = decide(c);
        if (queues.canMove()) {
            moveStaged();
            return c + 1; // the moved request may issue at c+1; another may move then
        }
        return next;
    }

    /**
     * The event-driven decision of cycle {@code c}: issues at most one command per free command
     * bus (one bus: one command; HBM's row and column buses: a second pass may add a command of
     * the other bus); returns the next cycle at which a decision can issue something (at least
     * c+1).
     */
    private long decide(long c) {
        long due = accrueRefresh(c);
        CommandBuses buses = this.buses;
        boolean rowOk = c >= buses.rowFree(), colOk = c >= buses.colFree();
        if (!rowOk && !colOk) return Math.min(due, Math.min(buses.rowFree(), buses.colFree()));
        modeSwitched = false;
        int used = pass(c, rowOk, colOk);
        if (used == BUS_NONE) return Math.min(due, passNext);
        if (buses.dual()) {
            if (firstReadySecond) {
                // DRAMsim3: the first ready candidate of either bus, issued only if it is the other's
                int b = sched.pick(c, true, true);
                if (b >= 0) secondCommand(b, used, rowOk, colOk, c);
            } else if (used == BUS_ROW && colOk) {
                // the other bus is still free this cycle: its best candidate may issue too
                pass(c, false, true);
            } else if (used == BUS_COL && rowOk) {
                pass(c, true, false);
            }
        }
        // Instead of visiting c+1 blindly, compute the next event from the updated state (refresh
        // due times, rank commands, bank candidates): after an issue the other ready candidates are
        // often blocked for a few cycles (tRRD, tCCD, bus turnaround). Which cycles are visited
        // cannot change a decision: the order of candidates is total, and a visit that issues
        // nothing changes no state.
        if (modeSwitched) return c + 1;
        long next = due;
        for (int r = 0; r < ranks; r++) {
            rankCandidate(r);
            if (rcCmd >= 0) {
                long e = Math.max(rankCandidateEarliest(r, false), buses.rowFree());
                if (e < next) next = e;
            }
        }
        long nb = sched.nextReady();
        if (nb < next) next = nb;
        // nothing issues before a bus is free (a multi-cycle command holds its bus)
        return Math.max(next, Math.max(c + 1, Math.min(buses.rowFree(), buses.colFree())));
    }

    static final int BUS_NONE = 0, BUS_ROW = 1, BUS_COL = 2;

    /**
     * {@code dualIssue: first-ready}: bank b's candidate was found ready after the cycle's first
     * command (on bus {@code used}); it issues if it belongs to the other bus and that bus was free
     * at the cycle's start, else the round-robin search only moves past its bank (DRAMsim3).
     */
    void secondCommand(int b, int used, boolean rowOk, boolean colOk, long c) {
        boolean col = buses.column(sched.command(b));
        if (col ? used == BUS_ROW && colOk : used == BUS_COL && rowOk) issueBank(b, c);
        else sched.passedOver(b);
    }
    private long passNext; // set by a pass that issues nothing: the earliest cycle one could

    /**
     * One issue attempt at cycle {@code c} among commands whose bus is free: the rank's command
     * (row bus) first, else the scheduler's best bank candidate. Returns the bus used, or BUS_NONE
     * with {@link #passNext} set.
     */
    private int pass(long c, boolean rowOk, boolean colOk) {
        long next = Long.MAX_VALUE;
        for (int r = 0; r < ranks; r++) {
            rankCandidate(r);
            if (rcCmd >= 0) {
                long e = rankCandidateEarliest(r, false);
                if (e <= c && rowOk) {
                    issueRank(r, rcCmd, rcBank, c);
                    return BUS_ROW;
                }
                e = Math.max(e, buses.rowFree());
                if (e < next) next = e;
            }
        }
        int best = sched.pick(c, rowOk, colOk);
        if (best < 0) {
            long n = sched.pickNext();
            passNext = n < next ? n : next;
            return BUS_NONE;
        }
        int cmd = sched.command(best);
        issueBank(best, c);
        return buses.column(cmd) ? BUS_COL : BUS_ROW;
    }

    /** The rank's own command (refresh, its precharges, power-down entry / exit). */
    void issueRank(int r, int cmd, int b, long c) {
        int g = b >= 0 ? bankBg[b] : 0;
        int ba = b >= 0 ? bankBa[b] : 0;
        Command k = vocab[cmd];
        eng.issue(cmd, r, g, ba, c);
        applyEffects(k, r, g, ba, NONE, c);
        if (k.isRefresh()) refresh.issued(r, k);
        emit(c, cmd, r, g, ba, NONE, NONE);
        refreshLocalKeys(k, r, g, ba);
        busAndCount(k, r, c);
    }

    /**
     * The scheduler's candidate of bank b: ACT, PRE or the column command of a request. These are
     * the request translation's commands, single-bank by definition ({@link CommandRoles}), so
     * their effects go straight to the bank (the hot path).
     */
    void issueBank(int b, long c) {
        Scheduler sched = this.sched;
        RequestQueues q = queues;
        int cmd = sched.command(b);
        int req = sched.request(b);
        int r = bankRank[b], g = bankBg[b], ba = bankBa[b];
        eng.issue(cmd, r, g, ba, c);
        int fx = effects[cmd];
        // bankEffects written out for the three request commands (the hot path: no call, no
        // refresh flag; a request command never refreshes)
        if ((fx & E_OPEN) != 0) {
            int row = q.row(req);
            if (openRow[b] < 0) openBanks[r]++;
            openRow[b] = row;
            sched.bankChanged(b);
            q.markActivated(req);
            if (slotAtAct) queuesChanged(); // the request left its buffer: the write mode may switch
            emit(c, cmd, r, g, ba, row, NONE);
        } else if ((fx & E_COLUMN) == 0) {
            if ((fx & E_CLOSE) != 0 && openRow[b] >= 0) {
                openRow[b] = -1;
                openBanks[r]--;
                sched.bankChanged(b);
            }
            if (req >= 0) q.markPrecharged(req);
            emit(c, cmd, r, g, ba, NONE, NONE);
        } else {
            boolean write = q.isWrite(req);
            int row = q.row(req);
            emit(c, cmd, r, g, ba, row, q.column(req));
            lastCol[b] = c;
            if ((fx & E_CLOSE) != 0 && openRow[b] >= 0) { // RDA / WRA
                openRow[b] = -1;
                openBanks[r]--;
                sched.bankChanged(b);
            }
            byte f = q.flags(req);
            if (f == 0) rowHits++;
            else if ((f & RequestQueues.F_PRE) != 0) rowConflicts++;
            else rowMisses++;
            long arr = q.arrival(req);
            long done = c + (write ? writeDelay : readDelay);
            long lat = done - arr;
            if (write) {
                writes++;
                writeLatSum += lat;
            } else {
                reads++;
                readLatSum += lat;
                if (lat > maxReadLat) maxReadLat = lat;
            }
            if (done > lastCompletion) lastCompletion = done;
            long tag = q.tag(req);
            q.release(req);
            queuesChanged();
            if (listener != null) listener.onComplete(tag, write, arr, done);
            ControllerPlugin[] ps = plugins;
            for (ControllerPlugin p : ps) p.onRequestServed(tag, write, arr, c, done);
        }
        sched.issued(b);
        buses.occupy(cmd, c);
        lastCmd[r] = c;
        cmdCount[cmd]++;
    }

    /**
     * What command {@code k} does to the banks it covers, read from its meta flags alone (so a
     * command of a standard's own vocabulary -- a PIM command issued through {@link #issue} --
     * changes bank state like any other): a column access records its cycle (page timeout), a
     * close precharges, an open opens {@code row}, a refresh keeps the banks busy, a power-down
     * transition changes the rank's state.
     */
    private void applyEffects(Command k, int r, int g, int ba, int row, long c) {
        int id = k.id();
        int fx = effects[id];
        Target t = targets[id];
        if ((fx & (E_PIM | E_ALL)) != 0) {
            bufferEffects(fx, t, r, g, ba, row, c);
            return;
        }
        if (t == Target.BANK) { // the common case: ACT, PRE, RD, WR, RDA, WRA, REFpb
            bankEffects(fx, r, r * bpr + g * bpg + ba, row, c, refreshBusy);
            rankEffects(fx, r, c);
            return;
        }
        int busy = t.wholeRank() ? refreshAllBusy : refreshBusy;
        int r0 = t == Target.CHANNEL ? 0 : r, r1 = t == Target.CHANNEL ? ranks : r + 1;
        for (int rr = r0; rr < r1; rr++) {
            int first = coveredFirst(t, rr, g, ba);
            int step = coveredStep(t);
            for (int i = 0, n = coveredCount(t); i < n; i++) bankEffects(fx, rr, first + i * step, row, c, busy);
            rankEffects(fx, rr, c);
        }
    }

    /**
     * A command on the PIM row buffer (it opens / closes the PIM rows of the banks it covers and
     * leaves their memory rows alone), or one that closes both buffers.
     */
    private void bufferEffects(int fx, Target t, int r, int g, int ba, int row, long c) {
        int busy = t.wholeRank() ? refreshAllBusy : refreshBusy;
        int r0 = t == Target.CHANNEL ? 0 : r, r1 = t == Target.CHANNEL ? ranks : r + 1;
        for (int rr = r0; rr < r1; rr++) {
            int first = coveredFirst(t, rr, g, ba);
            int step = coveredStep(t);
            for (int i = 0, n = coveredCount(t); i < n; i++) {
                int b = first + i * step;
                if ((fx & E_ALL) != 0) bankEffects(fx, rr, b, row, c, busy);
                if ((fx & E_CLOSE) != 0 && pimRow[b] >= 0) {
                    pimRow[b] = -1;
                    openBanks[rr]--;
                }
                if ((fx & E_OPEN) != 0 && (fx & E_PIM) != 0) {
                    if (pimRow[b] < 0) openBanks[rr]++;
                    pimRow[b] = row;
                }
            }
            rankEffects(fx, rr, c);
        }
    }

    /** The effects of a command with flags {@code fx} on flat bank {@code b} of rank unit {@code rr}. */
    private void bankEffects(int fx, int rr, int b, int row, long c, int refreshFor) {
        if ((fx & E_COLUMN) != 0) lastCol[b] = c;
        if ((fx & E_CLOSE) != 0 && openRow[b] >= 0) {
            openRow[b] = -1;
            openBanks[rr]--;
            sched.bankChanged(b);
        }
        if ((fx & E_OPEN) != 0) {
            if (openRow[b] < 0) openBanks[rr]++;
            openRow[b] = row;
            sched.bankChanged(b);
        }
        if ((fx & E_REFRESH) != 0) refreshEnd[b] = c + refreshFor;
    }

    /** The effects of a command with flags {@code fx} on rank unit {@code rr} itself. */
    private void rankEffects(int fx, int rr, long c) {
        if ((fx & E_REFRESH) != 0) sched.rankReleased(rr);
        if ((fx & E_PD_ENTER) != 0) pd[rr] = true;
        if ((fx & E_PD_EXIT) != 0) {
            pd[rr] = false;
            sched.rankReleased(rr);
        }
        lastCmd[rr] = c;
    }

    /**
     * After an issue of {@code k}: brings the local (bank / bank-group) timing keys of the banks
     * whose ready times it may have raised up to date. Rank- and channel-wide commands constrain
     * through the shared ready times only (the engine widens their rules to rank scope).
     */
    private void refreshLocalKeys(Command k, int r, int g, int ba) {
        switch (targets[k.id()]) {
            case BANK -> sched.localTimesRaised(r, g, r * bpr + g * bpg + ba);
            case BANK_PAIR, BANKGROUP -> sched.localTimesRaised(r, g, -2);
            case SAME_BANK -> {
                for (int gg = 0; gg < bgs; gg++) sched.localTimesRaised(r, gg, -2);
            }
            default -> { }
        }
    }

    /** First flat bank covered by a command with target {@code t} at (r, g, ba). */
    private int coveredFirst(Target t, int r, int g, int ba) {
        return switch (t) {
            case BANK -> r * bpr + g * bpg + ba;
            case BANK_PAIR -> r * bpr + g * bpg + (ba & ~1);
            case BANKGROUP -> r * bpr + g * bpg;
            case SAME_BANK -> r * bpr + ba;
            case RANK, CHANNEL -> r * bpr;
        };
    }

    private int coveredStep(Target t) {
        return t == Target.SAME_BANK ? bpg : 1;
    }

    private int coveredCount(Target t) {
        return switch (t) {
            case BANK -> 1;
            case BANK_PAIR -> 2;
            case BANKGROUP -> bpg;
            case SAME_BANK -> bgs;
            case RANK, CHANNEL -> bpr;
        };
    }

    /** The command bus it holds, its rank's last-command time and its count. */
    private void busAndCount(Command k, int r, long c) {
        buses.occupy(k.id(), c);
        lastCmd[r] = c;
        cmdCount[k.id()]++;
    }

    /** Sends a command to the sink; the fields its target does not address are NONE. */
    private void emit(long c, int cmd, int r, int g, int ba, int row, int col) {
        if (emitting) emitNow(c, cmd, r, g, ba, row, col); // the test inlines where it is called; the rest does not
    }

    private void emitNow(long c, int cmd, int r, int g, int ba, int row, int col) {
        Command k = vocab[cmd];
        Target t = targets[cmd];
        int eg = t == Target.BANK || t == Target.BANK_PAIR || t == Target.BANKGROUP ? g : NONE;
        int eb = t == Target.BANK || t == Target.BANK_PAIR || t == Target.SAME_BANK ? ba : NONE;
        int pc = t == Target.CHANNEL ? NONE : r / ranksPerPc, ra = t == Target.CHANNEL ? NONE : r % ranksPerPc;
        if (sink != null) sink.onCommand(c, k, channel, pc, ra, eg, eb, row, col);
        for (ControllerPlugin p : plugins) p.onCommand(c, k, channel, pc, ra, eg, eb, row, col);
    }

    // ---------------------------------------------------------------------------------------------
    // command hook: commands of the standard's vocabulary issued by a caller (a PIM command source)

    /**
     * Earliest cycle (at least {@link #now()}) at which {@code k} may issue to the target: its
     * timing-table rows and windows, and its command bus. Runs no decision.
     */
    public long earliest(Command k, int rankUnit, int bankGroup, int bank) {
        checkCommand(k);
        long e = eng.earliest(k.id(), rankUnit, bankGroup, bank);
        return Math.max(cur, Math.max(e, buses.freeAt(k.id())));
    }

    /**
     * Issues {@code k} (any command of the standard, e.g. a PIM command no request translates
     * to) at {@code cycle}: first runs the decisions of the cycles before it, then issues it ahead
     * of the controller's own decision of that cycle. Its effects on bank state follow its meta
     * flags ({@link #applyEffects}); it goes to the command sink and counts in the stats like any
     * command, so the checker and the energy model see it. The caller keeps it protocol-legal (a
     * column access needs an open row; the checker reports it otherwise).
     *
     * @throws IllegalArgumentException if {@code cycle} is in the past or before
     *     {@link #earliest}
     */
    public void issue(Command k, int rankUnit, int bankGroup, int bank, int row, int column, long cycle) {
        checkCommand(k);
        if (cycle < cur) {
            throw new IllegalArgumentException("cycle " + cycle + " is before the controller's time " + cur);
        }
        advanceTo(cycle);
        long e = earliest(k, rankUnit, bankGroup, bank);
        if (e > cycle) {
            throw new IllegalArgumentException(k + " to rank unit " + rankUnit + " bank group " + bankGroup + " bank "
                    + bank + " is not legal before cycle " + e + ", asked at " + cycle);
        }
        eng.issue(k.id(), rankUnit, bankGroup, bank, cycle);
        applyEffects(k, rankUnit, bankGroup, bank, row, cycle);
        emit(cycle, k.id(), rankUnit, bankGroup, bank, k.opens() || k.isColumn() ? row : NONE, k.isColumn() ? column : NONE);
        refreshLocalKeys(k, rankUnit, bankGroup, bank);
        busAndCount(k, rankUnit, cycle);
        driver.issuedExternally(cycle);
    }

    private void checkCommand(Command k) {
        if (k.id() >= vocab.length || !vocab[k.id()].equals(k)) {
            throw new IllegalArgumentException("command " + k + " is not in " + spec.name() + "'s vocabulary");
        }
    }

    /** Decision cycles visited so far (every cycle in ticked mode; far fewer when event-driven). */
    public long decisions() {
        return decisions;
    }

    /**
     * State of a bank as of the decisions run so far ({@code cycle} is used for the refresh
     * window; pass {@link #now()} for "now"). rankUnit = pseudoChannel * ranks + rank.
     */
    public BankState bankState(int rankUnit, int bankGroup, int bank, long cycle) {
        int b = (rankUnit * bgs + bankGroup) * bpg + bank;
        if (pd[rankUnit]) return BankState.POWERED_DOWN;
        if (cycle < refreshEnd[b]) return BankState.REFRESHING;
        return openRow[b] >= 0 ? BankState.ROW_OPEN : BankState.CLOSED;
    }

    /** The open row of a bank, or -1 if it is closed. */
    public int openRow(int rankUnit, int bankGroup, int bank) {
        return openRow[(rankUnit * bgs + bankGroup) * bpg + bank];
    }

    /** The row open in a bank's PIM row buffer (dual-row-buffer PIM parts), or -1. */
    public int pimOpenRow(int rankUnit, int bankGroup, int bank) {
        return pimRow[(rankUnit * bgs + bankGroup) * bpg + bank];
    }

    /** Refreshes currently owed (due but not yet issued) by a rank unit. */
    public int refreshesOwed(int rankUnit) {
        return refresh.owed(rankUnit);
    }

    /** Snapshot of the counters. */
    public ControllerStats stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Command c : vocab) if (cmdCount[c.id()] != 0) m.put(c.name(), cmdCount[c.id()]);
        return new ControllerStats(m, reads, writes, readLatSum, writeLatSum, maxReadLat, rowHits,
                rowMisses, rowConflicts, lastCompletion, (reads + writes) * spec.organization().burstBytes(),
                mergedWrites, forwardedReads);
    }
}
