package dev.bitline.dram.controller;

import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.plugin.ControllerPlugin;
import dev.bitline.dram.controller.powerdown.PowerDownPolicy;
import dev.bitline.dram.controller.refresh.RefreshManager;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.spec.Command;
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
 * The memory controller of ONE channel: a loop over parts, on top of the generic
 * {@link TimingEngine}. The parts, each chosen by the config and each in a package of its own:
 * <ul>
 *   <li>the refresh manager ({@code controller/refresh}: all-bank, per-bank, same-bank, none);
 *   <li>the row policy ({@code controller/rowpolicy}: open, closed, timeout);
 *   <li>the power-down policy ({@code controller/powerdown});
 *   <li>the command bus(es) ({@code controller/bus}: single, row + column);
 *   <li>plugins beside the command sink ({@code controller/plugin}: trace recorder, on-the-fly
 *       checker);
 *   <li>the request queues (per-bank FIFO lists in a fixed pool, optional DRAMsim3-style bank
 *       queues, write drain) and the scheduler (FR-FCFS / FCFS candidate of a bank, the priority
 *       order, age or round-robin arbitration, and the incremental candidate index below), still
 *       in this class;
 *   <li>the driver that moves it through time ({@link Driver}): {@link EventDriver} or the
 *       reference {@link TickedReference}.
 * </ul>
 * Commands outside the request translation (PIM commands) enter through the command hook
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
 * <p><b>Cost.</b> Requests live in a fixed pool addressed by int indices, kept in per-bank FIFO
 * lists (one for reads, one for writes). Each bank caches its candidate command and recomputes it
 * only when its queue, its row or the read/write mode changes; candidates are grouped by command
 * kind and rank, so a decision evaluates each group's shared ready time once and scans only the
 * groups that are ready. No allocation per request or command.
 */
public final class Controller {
    private static final int NONE = CommandRecord.NONE;
    // ids of the commands the controller serves requests, refresh and power-down with: found by
    // their meta flags in the standard's vocabulary (CommandRoles), -1 where the standard has none
    private final int ACT, PRE, PREA, RD, WR, RDA, WRA, REFAB, REFPB, REFSB, PDE, PDX;
    private final Command[] vocab; // by id
    // per command id, read once from its meta flags: what an issue does to the banks it covers
    private static final int E_OPEN = 1, E_CLOSE = 2, E_COLUMN = 4, E_REFRESH = 8, E_PD_ENTER = 16, E_PD_EXIT = 32;
    private final int[] effects;
    private final Target[] targets;
    private final int refreshAllBusy; // tRFC: how long a rank-wide refresh keeps its banks busy
    private static final byte F_ACT = 1, F_PRE = 2;
    private static final int C_HIT = 1, C_MISS = 2, C_IDLE = 3;

    private final DramSpec spec;
    private final ControllerConfig cfg;
    private final int channel;
    private final AddressMapping map;
    final TimingEngine eng;
    private RequestListener listener;
    private CommandSink sink;

    // geometry
    final int ranks;       // rank units (pseudo-channel x rank)
    private final int ranksPerPc;
    final int bgs, bpg, bpr, nBanks;
    final int[] bankRank, bankBg, bankBa;

    // policy constants
    private final boolean frfcfs;
    private final boolean roundRobin;
    // round-robin arbitration: the search for a ready bank starts here (the bank after the one that
    // issued last; DRAMsim3 starts its first search at queue 1)
    private int rrStart;
    private final boolean shared;
    private final RowPolicy rowPolicy;
    private final int readDelay, writeDelay;
    private final int writeCap, writeHigh, writeLow;
    private final int readCapacity, writeCapacity, sharedCapacity;
    private final RefreshManager refresh;
    private final RefreshManager.Step refreshStep = new RefreshManager.Step();
    private final int refreshBusy;
    private final PowerDownPolicy powerDown;
    private final boolean powerDownOn; // powerDown.enabled(), read on every arrival and rank decision
    private ControllerPlugin[] plugins = new ControllerPlugin[0];

    // request pool
    private final long[] rAddr, rTag, rArr, rSeq;
    private final boolean[] rWrite;
    private final int[] rBank, rRow, rCol, rNext, rPrev;
    private final byte[] rFlag;
    private int freeHead;
    private long seqCounter;

    // banks
    private final int[] openRow, rdHead, rdTail, wrHead, wrTail;
    private final long[] refreshEnd; // per bank: end of the last refresh covering it
    final int[] candCmd, candReq, candClass;
    final long[] candSeq, candNotBefore, candBound, lastCol;
    private final boolean[] dirty;
    // Candidate banks are grouped by (candidate command kind, rank unit). A bank's earliest legal
    // cycle is max(shared part of its group: rank/channel ready times and windows, evaluated once
    // per group; local part: its bank and bank-group ready times, kept exact in candBound). Each
    // group is a small unordered array with its smallest candBound cached, so a decision scans only
    // groups whose shared part and smallest key have been reached. Banks whose candidate must be
    // recomputed are on the dirty stack; banks blocked by a per-bank refresh are parked (in no
    // group) until an event that can unblock them marks them dirty.
    private final int[] KIND_OF; // command id -> kind, -1 for commands that are no bank candidate
    // column kinds first: their candidates are row hits, so under FR-FCFS a ready one makes the
    // ACT / PRE groups (never hits) irrelevant for the decision
    private final int[] KIND_CMD; // {RD, WR, RDA, WRA, ACT, PRE}; -1 where absent (its group stays empty)
    private static final int FIRST_NON_HIT_KIND = 4;
    private static final int KINDS = 6;

    private final int[][] heap;
    private final int[] heapSize, heapPos, groupOf, dirtyStack;
    private final long[] groupMinCache; // smallest key per group, Long.MIN_VALUE = stale
    private final int[] groupArg;       // a bank holding that smallest key (valid with the cache)
    private int dirtyTop;

    // ranks
    private final int[] pending, openBanks;
    private final long[] lastCmd;
    private final boolean[] pd;
    private final int[] blockKind, blockBank; // per decision: which banks the rank's refresh blocks

    // channel state
    private int readCount, writeCount; // requests in the bank queues (visible to the scheduler)
    // optional second queue level (bankQueueDepth > 0): arrivals wait in a FIFO (the
    // transaction queue) and move, one per cycle, oldest first, into their bank's queue while it
    // holds fewer than bankQueueDepth requests (DRAMsim3's transaction + per-bank command queues)
    private final int bankDepth;
    private final boolean readsFirst;
    private final int[] sNext, stagedInBank;
    private final int[] activeInBank; // requests in each bank's read + write lists
    private final boolean[] eligible;
    private int sHead = -1, sTail = -1, stagedReads, stagedWrites;
    int eligibleCount; // banks with staged requests and room in their bank queue
    private boolean writeMode;
    private boolean modeSwitched;
    long cur; // first cycle whose decision has not run (drivers advance it)
    private final Driver driver;
    final CommandBuses buses;

    // stats
    private final long[] cmdCount;
    private long reads, writes, readLatSum, writeLatSum, maxReadLat, rowHits, rowMisses, rowConflicts,
            lastCompletion;
    long decisions;

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
        ranks = o.rankUnits();
        ranksPerPc = o.ranks();
        bgs = o.bankGroups();
        bpg = o.banksPerGroup();
        bpr = bgs * bpg;
        nBanks = ranks * bpr;
        bankRank = new int[nBanks];
        bankBg = new int[nBanks];
        bankBa = new int[nBanks];
        for (int b = 0; b < nBanks; b++) {
            bankRank[b] = b / bpr;
            bankBg[b] = (b % bpr) / bpg;
            bankBa[b] = b % bpg;
        }
        CommandRoles roles = spec.roles();
        ACT = id(roles.activate());
        PRE = id(roles.precharge());
        PREA = id(roles.prechargeAll());
        RD = id(roles.read());
        WR = id(roles.write());
        RDA = id(roles.readClose());
        WRA = id(roles.writeClose());
        REFAB = id(roles.refreshAll());
        REFPB = id(roles.refreshBank());
        REFSB = id(roles.refreshSameBank());
        PDE = id(roles.powerDownEnter());
        PDX = id(roles.powerDownExit());
        int nCmd = spec.commandCount();
        vocab = spec.commands().toArray(new Command[0]);
        effects = new int[nCmd];
        targets = new Target[nCmd];
        for (Command x : vocab) {
            effects[x.id()] = (x.opens() ? E_OPEN : 0) | (x.closes() ? E_CLOSE : 0) | (x.isColumn() ? E_COLUMN : 0)
                    | (x.isRefresh() ? E_REFRESH : 0) | (x.powerDown() == Transition.ENTER ? E_PD_ENTER : 0)
                    | (x.powerDown() == Transition.EXIT ? E_PD_EXIT : 0);
            targets[x.id()] = x.target();
        }
        refreshAllBusy = spec.param("tRFC");
        KIND_CMD = new int[] {RD, WR, RDA, WRA, ACT, PRE};
        KIND_OF = new int[nCmd];
        java.util.Arrays.fill(KIND_OF, -1);
        for (int k = 0; k < KINDS; k++) if (KIND_CMD[k] >= 0) KIND_OF[KIND_CMD[k]] = k;
        cmdCount = new long[nCmd];
        frfcfs = cfg.scheduler() == SchedulerKind.FRFCFS;
        buses = CommandBuses.of(spec);
        roundRobin = cfg.arbitration() == Arbitration.ROUND_ROBIN;
        shared = cfg.queueStructure() == QueueStructure.SHARED;
        rowPolicy = RowPolicy.of(cfg.pagePolicy(), cfg.pageTimeout());
        if (rowPolicy.usesAutoPrecharge() && (RDA < 0 || WRA < 0)) {
            throw new IllegalArgumentException("pagePolicy: closed needs column commands with auto-precharge"
                    + " (access + closes: true), which " + spec.name() + " does not have");
        }
        readDelay = spec.readLatency() + spec.burstCycles() + cfg.returnLatency();
        writeDelay = spec.writeLatency() + spec.burstCycles() + cfg.returnLatency();
        sharedCapacity = cfg.transactionQueueDepth();
        readCapacity = cfg.readQueueDepth();
        writeCapacity = cfg.writeQueueDepth();
        writeCap = shared ? sharedCapacity : writeCapacity;
        writeHigh = Math.max(1, (int) Math.ceil(writeCap * cfg.writeHighWatermark()));
        writeLow = (int) Math.floor(writeCap * cfg.writeLowWatermark());
        refresh = RefreshManager.of(cfg.refresh(), spec, cfg.refreshPostpone(), ranks);
        // how long a per-bank / same-bank refresh keeps its bank(s) busy (for bankState only)
        refreshBusy = spec.paramOr("tRFCpb", spec.paramOr("tRFCsb", spec.param("tRFC")));
        powerDown = PowerDownPolicy.of(cfg.powerDownIdle());
        powerDownOn = powerDown.enabled();
        if (powerDown.enabled() && (PDE < 0 || PDX < 0)) {
            throw new IllegalArgumentException("powerDownIdle > 0 but " + spec.name()
                    + " has no power-down entry/exit (target: rank, powerDown: enter / exit)");
        }

        rrStart = 1 % nBanks;
        bankDepth = cfg.bankQueueDepth();
        readsFirst = cfg.readsFirst();
        int cap = cfg.poolSize(nBanks);
        rAddr = new long[cap];
        rTag = new long[cap];
        rArr = new long[cap];
        rSeq = new long[cap];
        rWrite = new boolean[cap];
        rBank = new int[cap];
        rRow = new int[cap];
        rCol = new int[cap];
        rNext = new int[cap];
        rPrev = new int[cap];
        rFlag = new byte[cap];
        for (int i = 0; i < cap; i++) rNext[i] = i + 1 < cap ? i + 1 : -1;
        freeHead = 0;

        sNext = new int[cap];
        activeInBank = new int[nBanks];
        stagedInBank = new int[nBanks];
        eligible = new boolean[nBanks];
        openRow = new int[nBanks];
        refreshEnd = new long[nBanks];
        rdHead = new int[nBanks];
        rdTail = new int[nBanks];
        wrHead = new int[nBanks];
        wrTail = new int[nBanks];
        candCmd = new int[nBanks];
        candReq = new int[nBanks];
        candClass = new int[nBanks];
        candSeq = new long[nBanks];
        candNotBefore = new long[nBanks];
        candBound = new long[nBanks];
        lastCol = new long[nBanks];
        dirty = new boolean[nBanks];
        heap = new int[KINDS * ranks][bpr];
        heapSize = new int[KINDS * ranks];
        groupMinCache = new long[KINDS * ranks];
        java.util.Arrays.fill(groupMinCache, Long.MIN_VALUE);
        groupArg = new int[KINDS * ranks];
        heapPos = new int[nBanks];
        groupOf = new int[nBanks];
        dirtyStack = new int[nBanks];
        java.util.Arrays.fill(heapPos, -1);
        java.util.Arrays.fill(groupOf, -1);
        for (int b = 0; b < nBanks; b++) {
            openRow[b] = -1;
            rdHead[b] = rdTail[b] = wrHead[b] = wrTail[b] = -1;
            candCmd[b] = -1;
            candReq[b] = -1;
        }
        pending = new int[ranks];
        openBanks = new int[ranks];
        lastCmd = new long[ranks];
        pd = new boolean[ranks];
        blockKind = new int[ranks];
        blockBank = new int[ranks];
        driver = cfg.ticked() ? new TickedReference(this) : new EventDriver(this);
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
    }

    /** Every issued command goes to {@code s} (null = none, the default and fastest). */
    public void setCommandSink(CommandSink s) {
        this.sink = s;
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
        return readCount + writeCount + stagedReads + stagedWrites;
    }

    public int queuedReads() {
        return readCount;
    }

    public int queuedWrites() {
        return writeCount;
    }

    /** True while the controller drains writes. */
    public boolean inWriteMode() {
        return writeMode;
    }

    /** Whether a read (write) would be accepted now. */
    public boolean hasSpace(boolean write) {
        int rd = bankDepth > 0 ? stagedReads : readCount;
        int wr = bankDepth > 0 ? stagedWrites : writeCount;
        if (shared) return rd + wr < sharedCapacity;
        return write ? wr < writeCapacity : rd < readCapacity;
    }

    /**
     * Offers a request arriving at {@code cycle} (>= {@link #now()}); first runs all decisions
     * before {@code cycle}. Returns false, changing nothing, if the queue for its kind is full.
     *
     * @throws IllegalArgumentException if the address is beyond capacity or of another channel, or
     *     the cycle lies in the past
     */
    public boolean trySubmit(long address, boolean write, long cycle, long tag) {
        map.check(address);
        if (map.channel(address) != channel) {
            throw new IllegalArgumentException(String.format("address 0x%x belongs to channel %d, not %d",
                    address, map.channel(address), channel));
        }
        if (cycle < cur) {
            throw new IllegalArgumentException("arrival cycle " + cycle + " is before the controller's time " + cur);
        }
        advanceTo(cycle);
        if (!hasSpace(write)) return false;
        modeSwitched = false;
        int b = enqueue(address, write, cycle, tag);
        driver.arrived(b, cycle);
        return true;
    }

    /**
     * The next event after an arrival to bank b at {@code cycle}: an arrival changes only its own
     * bank's candidate, so unless it touches rank- or channel-wide state (mode switch, refresh
     * hold, power-down, staging) the controller need not visit {@code cycle} itself but only the
     * earliest cycle that candidate can issue.
     */
    long arrivalEvent(int b, long cycle, long nextEvent) {
        int r = bankRank[b];
        if (modeSwitched || bankDepth > 0 || powerDownOn || refresh.owed(r) > 0 || pd[r]) {
            return cycle;
        }
        flushDirty();
        if (candCmd[b] < 0) return nextEvent;
        long e = eng.earliestShared(candCmd[b], r);
        if (candBound[b] > e) e = candBound[b];
        long free = buses.freeAt(candCmd[b]);
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
        map.check(address);
        advanceTo(t);
        while (!hasSpace(write)) {
            t = driver.nextArrivalTry(t);
            advanceTo(t);
        }
        if (!trySubmit(address, write, t, tag)) throw new IllegalStateException("space vanished");
        return t;
    }

    /** Runs every decision for cycles before {@code cycle}. */
    public void advanceTo(long cycle) {
        driver.advanceTo(cycle);
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
        while (queued() > 0) {
            long n = driver.nextDecision();
            if (n == Long.MAX_VALUE) throw new IllegalStateException("requests queued but no event pending");
            advanceTo(n + 1);
        }
        return lastCompletion;
    }

    // ---------------------------------------------------------------------------------------------
    // queues

    private int enqueue(long address, boolean write, long cycle, long tag) {
        int i = freeHead;
        freeHead = rNext[i];
        int r = map.pseudoChannel(address) * ranksPerPc + map.rank(address);
        int b = (r * bgs + map.bankGroup(address)) * bpg + map.bank(address);
        rAddr[i] = address;
        rTag[i] = tag;
        rArr[i] = cycle;
        rSeq[i] = seqCounter++;
        rWrite[i] = write;
        rBank[i] = b;
        rRow[i] = map.row(address);
        rCol[i] = map.column(address);
        rFlag[i] = 0;
        pending[r]++;
        if (bankDepth > 0) {
            sNext[i] = -1;
            if (sTail >= 0) sNext[sTail] = i;
            else sHead = i;
            sTail = i;
            if (write) stagedWrites++;
            else stagedReads++;
            stagedInBank[b]++;
            updateEligible(b);
            if (refresh.owed(r) > 0 || pd[r]) unparkRank(r);
            return b;
        }
        activate(i);
        return b;
    }

    private void updateEligible(int b) {
        boolean e = stagedInBank[b] > 0 && activeInBank[b] < bankDepth;
        if (e != eligible[b]) {
            eligible[b] = e;
            eligibleCount += e ? 1 : -1;
        }
    }

    /** Moves the oldest staged request whose bank queue has room into it (one per cycle). */
    void moveOne() {
        int prev = -1;
        for (int i = sHead; i >= 0; prev = i, i = sNext[i]) {
            int b = rBank[i];
            if (activeInBank[b] < bankDepth) {
                if (prev >= 0) sNext[prev] = sNext[i];
                else sHead = sNext[i];
                if (sTail == i) sTail = prev;
                if (rWrite[i]) stagedWrites--;
                else stagedReads--;
                stagedInBank[b]--;
                activate(i);
                return;
            }
        }
    }

    /** Puts request i into its bank's read or write list. */
    private void activate(int i) {
        int b = rBank[i];
        int r = bankRank[b];
        boolean write = rWrite[i];
        rNext[i] = -1;
        if (write) {
            rPrev[i] = wrTail[b];
            if (wrTail[b] >= 0) rNext[wrTail[b]] = i;
            else wrHead[b] = i;
            wrTail[b] = i;
            writeCount++;
        } else {
            rPrev[i] = rdTail[b];
            if (rdTail[b] >= 0) rNext[rdTail[b]] = i;
            else rdHead[b] = i;
            rdTail[b] = i;
            readCount++;
        }
        activeInBank[b]++;
        if (bankDepth > 0) updateEligible(b);
        if (!keepsCandidate(b)) markDirty(b);
        // an arrival can end a postponed refresh's hold or wake a powered-down rank
        if (refresh.owed(r) > 0 || pd[r]) unparkRank(r);
        updateMode();
    }

    /**
     * True if appending a (youngest) request to bank b's lists cannot change its current
     * candidate: a row hit taken from the list of the current mode stays the oldest hit there (the
     * newcomer is younger), and without the closed-page policy the hit's auto-precharge choice does
     * not depend on other hits. A mode switch re-examines the bank anyway.
     */
    private boolean keepsCandidate(int b) {
        // (a parked bank keeps its candidate too: unparking marks it dirty)
        if (dirty[b] || candClass[b] != C_HIT || rowPolicy.dependsOnOtherHits()) return false;
        return !readsFirst || rWrite[candReq[b]] == writeMode;
    }

    private void unlink(int i) {
        int b = rBank[i];
        int p = rPrev[i], n = rNext[i];
        if (rWrite[i]) {
            if (p >= 0) rNext[p] = n;
            else wrHead[b] = n;
            if (n >= 0) rPrev[n] = p;
            else wrTail[b] = p;
            writeCount--;
        } else {
            if (p >= 0) rNext[p] = n;
            else rdHead[b] = n;
            if (n >= 0) rPrev[n] = p;
            else rdTail[b] = p;
            readCount--;
        }
        pending[bankRank[b]]--;
        activeInBank[b]--;
        if (bankDepth > 0) updateEligible(b);
        rNext[i] = freeHead;
        freeHead = i;
    }

    private void updateMode() {
        if (!readsFirst) return; // no read/write modes: one age order
        boolean m = writeMode;
        if (!m) {
            if (writeCount >= writeHigh || (readCount == 0 && writeCount > 0)) m = true;
        } else {
            if (writeCount == 0 || (readCount > 0 && writeCount <= writeLow)) m = false;
        }
        if (m != writeMode) {
            writeMode = m;
            modeSwitched = true;
            // A bank without queued requests has the same candidate in both modes (none, or an
            // idle-row PRE), so only banks with requests are re-examined.
            for (int b = 0; b < nBanks; b++) {
                if (activeInBank[b] > 0) markDirty(b);
            }
        }
    }

    private void markDirty(int b) {
        if (!dirty[b]) {
            dirty[b] = true;
            dirtyStack[dirtyTop++] = b;
        }
    }

    /** Re-examines the banks of rank unit r that may have been parked (blocked). */
    private void unparkRank(int r) {
        for (int b = r * bpr, e = b + bpr; b < e; b++) {
            if (groupOf[b] < 0) markDirty(b);
        }
    }

    // ---- groups: small unordered arrays of banks (keys in candBound), O(1) insert/remove ----

    /** Files bank b (with a candidate) in its group, moving it if its command kind changed. */
    private void heapSet(int b) {
        int g = KIND_OF[candCmd[b]] * ranks + bankRank[b];
        if (groupOf[b] != g) {
            heapRemove(b);
            int i = heapSize[g]++;
            heap[g][i] = b;
            heapPos[b] = i;
            groupOf[b] = g;
        }
        keyChanged(g, b);
    }

    /**
     * Keeps group g's cached minimum exact after bank b's key changed (or b joined g): a key at or
     * below the minimum becomes the minimum; the minimum's holder growing makes the cache stale;
     * any other change leaves it as is.
     */
    private void keyChanged(int g, int b) {
        long m = groupMinCache[g];
        if (m == Long.MIN_VALUE) return;
        long k = candBound[b];
        if (k <= m) {
            groupMinCache[g] = k;
            groupArg[g] = b;
        } else if (groupArg[g] == b) {
            groupMinCache[g] = Long.MIN_VALUE;
        }
    }

    private void heapRemove(int b) {
        int g = groupOf[b];
        if (g < 0) return;
        if (groupArg[g] == b) groupMinCache[g] = Long.MIN_VALUE;
        int[] h = heap[g];
        int i = heapPos[b];
        int last = h[--heapSize[g]];
        h[i] = last;
        heapPos[last] = i;
        heapPos[b] = -1;
        groupOf[b] = -1;
    }

    /** Smallest local key in group g (non-empty). */
    private long groupMin(int g) {
        long cached = groupMinCache[g];
        if (cached != Long.MIN_VALUE) return cached;
        int[] h = heap[g];
        long m = Long.MAX_VALUE;
        int arg = -1;
        for (int i = 0, n = heapSize[g]; i < n; i++) {
            long k = candBound[h[i]];
            if (k < m) {
                m = k;
                arg = h[i];
            }
        }
        groupMinCache[g] = m;
        groupArg[g] = arg;
        return m;
    }

    /** The local (bank + bank group) part of bank b's candidate's earliest cycle. */
    private long localKey(int b) {
        long e = eng.earliestLocal(candCmd[b], bankRank[b], bankBg[b], bankBa[b]);
        return e < candNotBefore[b] ? candNotBefore[b] : e;
    }

    /** Forgets the dirty stack after every bank's candidate was recomputed (the reference driver). */
    void clearDirty() {
        dirtyTop = 0;
    }

    /** Recomputes every dirty bank's candidate and files it in its group. */
    private void flushDirty() {
        while (dirtyTop > 0) {
            int b = dirtyStack[--dirtyTop];
            recompute(b);
            if (candCmd[b] >= 0) {
                candBound[b] = localKey(b);
                heapSet(b);
            } else {
                heapRemove(b);
            }
        }
    }

    /**
     * After an issue to bank group g of rank r: its banks' local parts may have grown. For a bank
     * other than {@code target} only the bank-group ready time changed (bank-scope rules touch the
     * target alone), so its key is max(key, bank-group part); {@code target} (or every bank when
     * it is -2, for REFsb) is recomputed in full.
     */
    private void refreshLocal(int r, int g, int target) {
        int gi = r * bgs + g;
        for (int b = gi * bpg, e = b + bpg; b < e; b++) {
            if (groupOf[b] < 0 || dirty[b]) continue;
            long k;
            if (b == target || target == -2) {
                k = localKey(b);
            } else {
                k = eng.readyBankGroup(candCmd[b], gi);
                if (k <= candBound[b]) continue;
            }
            candBound[b] = k;
            keyChanged(groupOf[b], b);
        }
    }

    /**
     * Earliest cycle at which any filed bank candidate can issue: per group max(shared part,
     * smallest local key), groups of fully blocked ranks excluded.
     */
    private long bankGroupsNext() {
        long next = Long.MAX_VALUE;
        for (int r = 0; r < ranks; r++) {
            if (blockKind[r] == 1) continue;
            for (int k = 0; k < KINDS; k++) {
                int g = k * ranks + r;
                if (heapSize[g] == 0) continue;
                long e = eng.earliestShared(KIND_CMD[k], r);
                long top = groupMin(g);
                if (top > e) e = top;
                if (e < next) next = e;
            }
        }
        return next;
    }

    // ---------------------------------------------------------------------------------------------
    // decisions

    /** Recomputes bank b's candidate command for the current mode and state. */
    private int olderOf(int a, int b) {
        if (a < 0) return b;
        if (b < 0) return a;
        return rSeq[a] < rSeq[b] ? a : b;
    }

    private int firstHit(int head, int row) {
        for (int i = head; i >= 0; i = rNext[i]) if (rRow[i] == row) return i;
        return -1;
    }

    void recompute(int b) {
        dirty[b] = false;
        int head = !readsFirst ? olderOf(rdHead[b], wrHead[b]) : writeMode ? wrHead[b] : rdHead[b];
        int open = openRow[b];
        int cmd = -1, req = -1, cls = 0;
        long seq = Long.MAX_VALUE, notBefore = 0;
        if (open >= 0) {
            int h = -1;
            if (!readsFirst) {
                // reads and writes compete on age alone (unified queue)
                if (frfcfs) h = olderOf(firstHit(rdHead[b], open), firstHit(wrHead[b], open));
                else if (head >= 0 && rRow[head] == open) h = head;
            } else if (frfcfs) {
                for (int i = head; i >= 0; i = rNext[i]) {
                    if (rRow[i] == open) {
                        h = i;
                        break;
                    }
                }
            } else if (head >= 0 && rRow[head] == open) {
                h = head;
            }
            if (h < 0 && readsFirst) {
                // A row activated for a request of the other kind (the read/write mode switched between
                // its ACT and its column command) serves that request before it may be closed, as
                // DRAMsim3 and Ramulator do; otherwise the ACT is wasted. (dramio: ~5% of all ACTs on
                // random-200k, the whole bandwidth gap to the peers.)
                for (int i = writeMode ? rdHead[b] : wrHead[b]; i >= 0; i = rNext[i]) {
                    if (rRow[i] == open && (rFlag[i] & F_ACT) != 0) {
                        h = i;
                        break;
                    }
                }
            }
            if (h >= 0) {
                boolean auto = rowPolicy.autoPrecharge(otherHit(b, open, h));
                cmd = rWrite[h] ? (auto ? WRA : WR) : (auto ? RDA : RD);
                req = h;
                cls = C_HIT;
                seq = rSeq[h];
            } else if (head >= 0) {
                cmd = PRE;
                req = head;
                cls = C_MISS;
                seq = rSeq[head];
            } else if (rowPolicy.closesIdleRows() && !otherHit(b, open, -1)) {
                cmd = PRE;
                cls = C_IDLE;
                notBefore = rowPolicy.idleCloseAt(lastCol[b]);
            }
        } else if (head >= 0) {
            cmd = ACT;
            req = head;
            cls = C_MISS;
            seq = rSeq[head];
        }
        candCmd[b] = cmd;
        candReq[b] = req;
        candClass[b] = cls;
        candSeq[b] = seq;
        candNotBefore[b] = notBefore;
    }

    /** True if a queued request of bank b other than {@code except} targets row {@code row}. */
    private boolean otherHit(int b, int row, int except) {
        for (int i = rdHead[b]; i >= 0; i = rNext[i]) if (i != except && rRow[i] == row) return true;
        for (int i = wrHead[b]; i >= 0; i = rNext[i]) if (i != except && rRow[i] == row) return true;
        return false;
    }

    // rank candidate, filled by rankCandidate()
    int rcCmd, rcBank;
    private long rcNotBefore;

    /**
     * The rank's own command this cycle, if any: power-down exit when requests or a refresh wait
     * on a powered-down rank; the refresh manager's next step when a refresh is needed (which also
     * says which banks it holds); power-down entry after the idle time.
     */
    void rankCandidate(int r) {
        rcCmd = -1;
        rcBank = -1;
        rcNotBefore = 0;
        blockKind[r] = 0;
        if (pd[r]) {
            blockKind[r] = 1;
            if (pending[r] > 0 || refresh.owed(r) > 0) rcCmd = PDX;
            return;
        }
        if (refresh.needed(r, pending[r])) {
            RefreshManager.Step st = refreshStep;
            refresh.next(r, openRow, openBanks, st);
            rcCmd = st.command;
            rcBank = st.bank;
            blockKind[r] = st.hold;
            blockBank[r] = st.holdBank;
            return;
        }
        if (powerDownOn && pending[r] == 0) {
            rcCmd = PDE;
            rcNotBefore = powerDown.entryAt(lastCmd[r]);
        }
    }

    boolean blocked(int r, int b) {
        switch (blockKind[r]) {
            case 0: return false;
            case 1: return true;
            case 2: return b == blockBank[r];
            default: return bankBa[b] == blockBank[r];
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
     * True if bank b's candidate (class {@code cls}, age {@code seq}) beats the best so far. This
     * order is the scheduling policy: FR-FCFS ranks row hits before misses before idle-row
     * precharges, then age; FCFS ranks by age alone (idle-row precharges have no age and come
     * last). The order is total: ties (idle-row precharges, which have no age) go to the lower
     * bank index, so no decision depends on the order in which banks are examined. With
     * round-robin arbitration the bank's position after the last issuing bank alone decides (each
     * bank's candidate is still chosen by the scheduler's order).
     */
    boolean better(int best, int bestClass, long bestSeq, int b, int cls, long seq) {
        if (best < 0) return true;
        if (roundRobin) return rrDistance(b) < rrDistance(best);
        if (frfcfs && cls != bestClass) return cls < bestClass;
        if (seq != bestSeq) return seq < bestSeq;
        return b < best;
    }

    /** Position of bank b in the round-robin search order (0 = searched first). */
    private int rrDistance(int b) {
        int d = b - rrStart;
        return d < 0 ? d + nBanks : d;
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
        if (eligibleCount > 0) {
            moveOne();
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
        boolean rowOk = c >= buses.rowFree(), colOk = c >= buses.colFree();
        if (!rowOk && !colOk) return Math.min(due, Math.min(buses.rowFree(), buses.colFree()));
        modeSwitched = false;
        int used = pass(c, rowOk, colOk);
        if (used == BUS_NONE) return Math.min(due, passNext);
        if (buses.dual()) {
            // the other bus is still free this cycle: its best candidate may issue too
            if (used == BUS_ROW && colOk) pass(c, false, true);
            else if (used == BUS_COL && rowOk) pass(c, true, false);
        }
        // Instead of visiting c+1 blindly, compute the next event from the updated state (refresh
        // due times, rank commands, bank groups): after an issue the other ready candidates are
        // often blocked for a few cycles (tRRD, tCCD, bus turnaround). Which cycles are visited
        // cannot change a decision: the order of candidates is total, and a visit that issues
        // nothing changes no state.
        if (modeSwitched) return c + 1;
        flushDirty();
        long next = due;
        for (int r = 0; r < ranks; r++) {
            rankCandidate(r);
            if (rcCmd >= 0) {
                long e = Math.max(rankCandidateEarliest(r, false), buses.rowFree());
                if (e < next) next = e;
            }
        }
        long nb = bankGroupsNext();
        if (nb < next) next = nb;
        // nothing issues before a bus is free (a multi-cycle command holds its bus)
        return Math.max(next, Math.max(c + 1, Math.min(buses.rowFree(), buses.colFree())));
    }

    static final int BUS_NONE = 0, BUS_ROW = 1, BUS_COL = 2;
    private long passNext; // set by a pass that issues nothing: the earliest cycle one could

    /**
     * One issue attempt at cycle {@code c} among commands whose bus is free: the rank's command
     * (row bus) first, else the best bank candidate. Returns the bus used, or BUS_NONE with
     * {@link #passNext} set.
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

        int best = -1;
        int bestClass = 0;
        boolean skipNonHits = frfcfs && !rowPolicy.closesIdleRows() && !roundRobin && rowOk && colOk;
        long bestSeq = 0;
        flushDirty();
        for (int r = 0; r < ranks; r++) {
            if (blockKind[r] == 1) continue; // refresh or power-down holds every bank of this rank
            for (int k = 0; k < KINDS; k++) {
                int g = k * ranks + r;
                if (heapSize[g] == 0) continue;
                // a ready row hit beats every ACT / PRE candidate, and the next event is computed
                // after the issue, so these groups need not be looked at -- unless a refresh blocks
                // banks of this rank (the scan parks them)
                if (k >= FIRST_NON_HIT_KIND && bestClass == C_HIT && skipNonHits && blockKind[r] == 0) break;
                boolean busOk = k < FIRST_NON_HIT_KIND ? colOk : rowOk;
                long busAt = k < FIRST_NON_HIT_KIND ? buses.colFree() : buses.rowFree();

                long sh = eng.earliestShared(KIND_CMD[k], r);
                int[] h = heap[g];
                long top = groupMin(g);
                long e0 = sh > top ? sh : top;
                if (e0 > c || !busOk) {
                    e0 = Math.max(e0, busAt);
                    if (e0 < next) next = e0;
                    continue;
                }
                // shared part reached: every bank whose local part is reached is ready
                long rest = Long.MAX_VALUE;
                for (int i = heapSize[g] - 1; i >= 0; i--) {
                    int b = h[i];
                    long key = candBound[b];
                    if (key > c) {
                        if (key < rest) rest = key;
                        continue;
                    }
                    if (blockKind[r] != 0 && blocked(r, b)) {
                        heapRemove(b); // parked until the refresh issues (or an arrival) marks it dirty
                        continue;
                    }
                    int cls = candClass[b];
                    long seq = candSeq[b];
                    if (better(best, bestClass, bestSeq, b, cls, seq)) {
                        best = b;
                        bestClass = cls;
                        bestSeq = seq;
                    }
                }
                if (rest != Long.MAX_VALUE) {
                    long e1 = rest < sh ? sh : rest;
                    if (e1 < next) next = e1;
                }
            }
        }
        if (best < 0) {
            passNext = next;
            return BUS_NONE;
        }
        int cmd = candCmd[best];
        issueBank(best, c);
        return isColumn(cmd) ? BUS_COL : BUS_ROW;
    }

    /** True for a command on the column bus (RD, WR, RDA, WRA) where the standard has one. */
    private boolean isColumn(int cmd) {
        return buses.column(cmd);
    }

    /** The rank's own command (refresh, its precharges, power-down entry / exit). */
    void issueRank(int r, int cmd, int b, long c) {
        int g = b >= 0 ? bankBg[b] : 0;
        int ba = b >= 0 ? bankBa[b] : 0;
        Command k = vocab[cmd];
        eng.issue(cmd, r, g, ba, c);
        applyEffects(k, r, g, ba, NONE, c);
        if (k.isRefresh()) refresh.issued(r, k);
        emit(c, k, r, g, ba, NONE, NONE);
        refreshLocalKeys(k, r, g, ba);
        busAndCount(k, r, c);
    }

    /**
     * A bank candidate: ACT, PRE or the column command of a request. These are the request
     * translation's commands, single-bank by definition ({@link CommandRoles}), so their effects
     * go straight to the bank (the hot path).
     */
    void issueBank(int b, long c) {
        int cmd = candCmd[b];
        int req = candReq[b];
        int r = bankRank[b], g = bankBg[b], ba = bankBa[b];
        Command k = vocab[cmd];
        eng.issue(cmd, r, g, ba, c);
        rrStart = b + 1 == nBanks ? 0 : b + 1;
        int fx = effects[cmd];
        if ((fx & E_OPEN) != 0) {
            int row = rRow[req];
            bankEffects(fx, r, b, row, c, refreshBusy);
            rFlag[req] |= F_ACT;
            emit(c, k, r, g, ba, row, NONE);
        } else if ((fx & E_COLUMN) == 0) {
            bankEffects(fx, r, b, NONE, c, refreshBusy);
            if (req >= 0) rFlag[req] |= F_PRE;
            emit(c, k, r, g, ba, NONE, NONE);
        } else {
            boolean write = rWrite[req];
            emit(c, k, r, g, ba, rRow[req], rCol[req]);
            bankEffects(fx, r, b, rRow[req], c, refreshBusy);
            byte f = rFlag[req];
            if (f == 0) rowHits++;
            else if ((f & F_PRE) != 0) rowConflicts++;
            else rowMisses++;
            long done = c + (write ? writeDelay : readDelay);
            long lat = done - rArr[req];
            if (write) {
                writes++;
                writeLatSum += lat;
            } else {
                reads++;
                readLatSum += lat;
                if (lat > maxReadLat) maxReadLat = lat;
            }
            if (done > lastCompletion) lastCompletion = done;
            long tag = rTag[req];
            long arr = rArr[req];
            unlink(req);
            updateMode();
            if (listener != null) listener.onComplete(tag, write, arr, done);
            for (ControllerPlugin p : plugins) p.onRequestServed(tag, write, arr, c, done);
        }
        markDirty(b);
        refreshLocal(r, g, b);
        buses.occupy(k, c);
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

    /** The effects of a command with flags {@code fx} on flat bank {@code b} of rank unit {@code rr}. */
    private void bankEffects(int fx, int rr, int b, int row, long c, int refreshFor) {
        if ((fx & E_COLUMN) != 0) lastCol[b] = c;
        if ((fx & E_CLOSE) != 0 && openRow[b] >= 0) {
            openRow[b] = -1;
            openBanks[rr]--;
            markDirty(b);
        }
        if ((fx & E_OPEN) != 0) {
            if (openRow[b] < 0) openBanks[rr]++;
            openRow[b] = row;
            markDirty(b);
        }
        if ((fx & E_REFRESH) != 0) refreshEnd[b] = c + refreshFor;
    }

    /** The effects of a command with flags {@code fx} on rank unit {@code rr} itself. */
    private void rankEffects(int fx, int rr, long c) {
        if ((fx & E_REFRESH) != 0) unparkRank(rr);
        if ((fx & E_PD_ENTER) != 0) pd[rr] = true;
        if ((fx & E_PD_EXIT) != 0) {
            pd[rr] = false;
            unparkRank(rr);
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
            case BANK -> refreshLocal(r, g, r * bpr + g * bpg + ba);
            case BANK_PAIR, BANKGROUP -> refreshLocal(r, g, -2);
            case SAME_BANK -> {
                for (int gg = 0; gg < bgs; gg++) refreshLocal(r, gg, -2);
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
        buses.occupy(k, c);
        lastCmd[r] = c;
        cmdCount[k.id()]++;
    }

    /** Sends a command to the sink; the fields its target does not address are NONE. */
    private void emit(long c, Command k, int r, int g, int ba, int row, int col) {
        if (sink == null && plugins.length == 0) return;
        Target t = targets[k.id()];
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
        emit(cycle, k, rankUnit, bankGroup, bank, k.opens() || k.isColumn() ? row : NONE, k.isColumn() ? column : NONE);
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

    /** Refreshes currently owed (due but not yet issued) by a rank unit. */
    public int refreshesOwed(int rankUnit) {
        return refresh.owed(rankUnit);
    }

    /** Snapshot of the counters. */
    public ControllerStats stats() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Command c : vocab) if (cmdCount[c.id()] != 0) m.put(c.name(), cmdCount[c.id()]);
        return new ControllerStats(m, reads, writes, readLatSum, writeLatSum, maxReadLat, rowHits,
                rowMisses, rowConflicts, lastCompletion, (reads + writes) * spec.organization().burstBytes());
    }
}
