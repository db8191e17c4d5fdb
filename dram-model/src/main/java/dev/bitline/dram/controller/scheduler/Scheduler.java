package dev.bitline.dram.controller.scheduler;

import dev.bitline.dram.controller.Arbitration;
import dev.bitline.dram.controller.ChannelState;
import dev.bitline.dram.controller.SchedulerKind;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.queue.RequestQueues;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.CommandRoles;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.timing.TimingEngine;

/**
 * The scheduler of one channel's bank commands: per bank one candidate command (ACT, PRE or the
 * column command of a request) chosen from the {@link RequestQueues} and the bank's row, a total
 * priority order among candidates, and the choice of the best one legal at a cycle. Chosen by
 * {@code scheduler:} in the controller config: {@link FrFcfs} (ready row hits first, then oldest)
 * or {@link Fcfs} (each bank in arrival order, oldest first); {@code arbitration:} (age or
 * round-robin) is an option of both.
 *
 * <p>Two ways to ask it, one per driver, giving the same answer by construction of the order:
 * <ul>
 *   <li>{@link #pick} (the event driver): uses the scheduler's <i>private</i> incremental
 *       candidate index, below;
 *   <li>{@link #recompute} + {@link #better} (the ticked reference): a plain recomputation of each
 *       bank's candidate, which the reference compares with the engine's unfolded query.
 * </ul>
 * The controller tells it what changed: {@link #bankChanged} (row opened / closed, bank served),
 * {@link #requestQueued}, {@link #modeSwitched}, {@link #rankReleased} (a refresh issued, a rank
 * woke up), {@link #issued} / {@link #localTimesRaised} (timing raised by an issue).
 *
 * <p><b>The candidate index.</b> Candidate banks are grouped by (candidate command kind, rank
 * unit). A bank's earliest legal cycle is max(shared part of its group: rank/channel ready times
 * and windows, evaluated once per group; local part: its bank and bank-group ready times, kept
 * exact in {@code candBound}). Each group is a small unordered array with its smallest candBound
 * cached, so a decision scans only groups whose shared part and smallest key have been reached.
 * Banks whose candidate must be recomputed are on the dirty stack; banks blocked by a per-bank
 * refresh are parked (in no group) until an event that can unblock them marks them dirty.
 */
public abstract sealed class Scheduler permits FrFcfs, Fcfs {
    /** Candidate classes in FR-FCFS order: a row hit, a request's ACT / PRE, an idle-row PRE. */
    public static final int C_HIT = 1, C_MISS = 2, C_IDLE = 3;
    private static final long STALE = Long.MIN_VALUE;

    /** The scheduler of {@code kind} over the given parts of one channel. */
    public static Scheduler of(SchedulerKind kind, Arbitration arbitration, DramSpec spec, ChannelState st,
            RequestQueues q, RowPolicy rowPolicy, TimingEngine eng, CommandBuses buses) {
        boolean rr = arbitration == Arbitration.ROUND_ROBIN;
        return switch (kind) {
            case FRFCFS -> new FrFcfs(spec, st, q, rowPolicy, eng, buses, rr);
            case FCFS -> new Fcfs(spec, st, q, rowPolicy, eng, buses, rr);
        };
    }

    final RequestQueues q;
    private final ChannelState st;
    private final RowPolicy rowPolicy;
    private final TimingEngine eng;
    private final CommandBuses buses;
    private final int[] openRow, bankRank, bankBg, bankBa, hold;
    private final long[] lastCol;
    private final int ranks, bgs, bpg, bpr, nBanks;
    private final int ACT, PRE, RD, WR, RDA, WRA;
    /** Ready row hits first (FR-FCFS): the order compares classes before ages. */
    private final boolean hitsFirst;
    private final boolean roundRobin;
    // the row policy's answers that do not depend on the bank, read once (every recompute and pick asks)
    private final boolean closesIdleRows, dependsOnOtherHits;
    // round-robin arbitration: the search for a ready bank starts here (the bank after the one that
    // issued last; DRAMsim3 starts its first search at queue 1)
    private int rrStart;

    // per bank: the candidate and its index entry
    private final int[] candCmd, candReq, candClass;
    private final long[] candSeq, candNotBefore, candBound;
    // per bank: the candidate's place in the order as one number (smaller = better; see prio),
    // so a group scan compares one long per bank instead of calling better()
    private final long[] candPrio;
    private final boolean[] dirty;
    private final int[] kindOf;  // command id -> kind, -1 for commands that are no bank candidate
    // column kinds first: their candidates are row hits, so under FR-FCFS a ready one makes the
    // ACT / PRE groups (never hits) irrelevant for the decision
    private final int[] kindCmd; // {RD, WR, RDA, WRA, ACT, PRE}; -1 where absent (its group stays empty)
    private static final int FIRST_NON_HIT_KIND = 4;
    private static final int KINDS = 6;
    private final int[][] group;
    private final int[] groupSize, groupPos, groupOf, dirtyStack;
    private final int[] nonEmpty; // per rank unit: bit k set while the group of kind k has a bank (scans visit only those)
    private final long[] groupMinCache; // smallest key per group, STALE = recompute
    private final int[] groupArg;       // a bank holding that smallest key (valid with the cache)
    private int dirtyTop;
    private long pickNext; // set by a pick that found nothing: the earliest cycle one could issue

    Scheduler(DramSpec spec, ChannelState st, RequestQueues q, RowPolicy rowPolicy, TimingEngine eng,
            CommandBuses buses, boolean roundRobin, boolean hitsFirst) {
        this.st = st;
        this.q = q;
        this.rowPolicy = rowPolicy;
        this.eng = eng;
        this.buses = buses;
        this.roundRobin = roundRobin;
        this.hitsFirst = hitsFirst;
        closesIdleRows = rowPolicy.closesIdleRows();
        dependsOnOtherHits = rowPolicy.dependsOnOtherHits();
        openRow = st.openRow;
        lastCol = st.lastCol;
        bankRank = st.bankRank;
        bankBg = st.bankBg;
        bankBa = st.bankBa;
        hold = st.hold;
        ranks = st.ranks;
        bgs = st.bgs;
        bpg = st.bpg;
        bpr = st.bpr;
        nBanks = st.nBanks;
        CommandRoles roles = spec.roles();
        ACT = id(roles.activate());
        PRE = id(roles.precharge());
        RD = id(roles.read());
        WR = id(roles.write());
        RDA = id(roles.readClose());
        WRA = id(roles.writeClose());
        kindCmd = new int[] {RD, WR, RDA, WRA, ACT, PRE};
        kindOf = new int[spec.commandCount()];
        java.util.Arrays.fill(kindOf, -1);
        for (int k = 0; k < KINDS; k++) if (kindCmd[k] >= 0) kindOf[kindCmd[k]] = k;
        rrStart = 1 % nBanks;
        candCmd = new int[nBanks];
        candReq = new int[nBanks];
        candClass = new int[nBanks];
        candSeq = new long[nBanks];
        candNotBefore = new long[nBanks];
        candBound = new long[nBanks];
        candPrio = new long[nBanks];
        if (nBanks > 1 << BANK_BITS) throw new IllegalArgumentException("at most " + (1 << BANK_BITS) + " banks per channel, got " + nBanks);
        dirty = new boolean[nBanks];
        group = new int[KINDS * ranks][bpr];
        groupSize = new int[KINDS * ranks];
        nonEmpty = new int[ranks];
        groupMinCache = new long[KINDS * ranks];
        java.util.Arrays.fill(groupMinCache, STALE);
        groupArg = new int[KINDS * ranks];
        groupPos = new int[nBanks];
        groupOf = new int[nBanks];
        dirtyStack = new int[nBanks];
        java.util.Arrays.fill(groupPos, -1);
        java.util.Arrays.fill(groupOf, -1);
        java.util.Arrays.fill(candCmd, -1);
        java.util.Arrays.fill(candReq, -1);
    }

    private static int id(Command c) {
        return c == null ? -1 : c.id();
    }

    // ---------------------------------------------------------------------------------------------
    // the policy: a bank's candidate and the order

    /**
     * The row hit bank b serves next, given the head of the list of the current mode and the open
     * row, or -1: FR-FCFS takes the oldest queued hit, FCFS the head only if it hits.
     */
    abstract int hit(int b, int head, int open);

    final int olderOf(int a, int b) {
        if (a < 0) return b;
        if (b < 0) return a;
        return q.seq(a) < q.seq(b) ? a : b;
    }

    final int firstHit(int head, int row) {
        for (int i = head; i >= 0; i = q.next(i)) if (q.row(i) == row) return i;
        return -1;
    }

    /** Recomputes bank b's candidate command for the current mode and state. */
    public final void recompute(int b) {
        dirty[b] = false;
        RequestQueues q = this.q;
        boolean readsFirst = q.readsFirst();
        boolean writeMode = q.writeMode();
        int head = !readsFirst ? olderOf(q.readHead(b), q.writeHead(b)) : writeMode ? q.writeHead(b) : q.readHead(b);
        int open = openRow[b];
        int cmd = -1, req = -1, cls = 0;
        long seq = Long.MAX_VALUE, notBefore = 0;
        if (open >= 0) {
            int h = hit(b, head, open);
            if (h < 0 && readsFirst) {
                // A row activated for a request of the other kind (the read/write mode switched between
                // its ACT and its column command) serves that request before it may be closed, as
                // DRAMsim3 and Ramulator do; otherwise the ACT is wasted. (dramio: ~5% of all ACTs on
                // random-200k, the whole bandwidth gap to the peers.)
                for (int i = writeMode ? q.readHead(b) : q.writeHead(b); i >= 0; i = q.next(i)) {
                    if (q.row(i) == open && (q.flags(i) & RequestQueues.F_ACT) != 0) {
                        h = i;
                        break;
                    }
                }
            }
            if (h >= 0) {
                // the scan for another hit only where the policy's answer depends on it
                boolean auto = rowPolicy.autoPrecharge(dependsOnOtherHits && otherHit(b, open, h));
                cmd = q.isWrite(h) ? (auto ? WRA : WR) : (auto ? RDA : RD);
                req = h;
                cls = C_HIT;
                seq = q.seq(h);
            } else if (head >= 0) {
                cmd = PRE;
                req = head;
                cls = C_MISS;
                seq = q.seq(head);
            } else if (closesIdleRows && !otherHit(b, open, -1)) {
                cmd = PRE;
                cls = C_IDLE;
                notBefore = rowPolicy.idleCloseAt(lastCol[b]);
            }
        } else if (head >= 0) {
            cmd = ACT;
            req = head;
            cls = C_MISS;
            seq = q.seq(head);
        }
        candCmd[b] = cmd;
        candReq[b] = req;
        candClass[b] = cls;
        candSeq[b] = seq;
        candPrio[b] = prio(b, cls, seq);
        candNotBefore[b] = notBefore;
    }

    /** True if a queued request of bank b other than {@code except} targets row {@code row}. */
    private boolean otherHit(int b, int row, int except) {
        for (int i = q.readHead(b); i >= 0; i = q.next(i)) if (i != except && q.row(i) == row) return true;
        for (int i = q.writeHead(b); i >= 0; i = q.next(i)) if (i != except && q.row(i) == row) return true;
        return false;
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
    public final boolean better(int best, int bestClass, long bestSeq, int b, int cls, long seq) {
        if (best < 0) return true;
        if (roundRobin) return rrDistance(b) < rrDistance(best);
        if (hitsFirst && cls != bestClass) return cls < bestClass;
        if (seq != bestSeq) return seq < bestSeq;
        return b < best;
    }

    private static final int BANK_BITS = 10, SEQ_BITS = 50;
    private static final long SEQ_MAX = (1L << SEQ_BITS) - 1;

    /**
     * The age order of {@link #better} as one number: (class if hits come first, age, bank)
     * packed high to low, so that for two candidates {@code better(a, .., b, ..)} is
     * {@code prio(b) < prio(a)}. Ages are the queues' arrival numbers (below 2^50: a run would
     * need 10^15 requests to reach it); an idle-row PRE has no age and takes the largest, as in
     * {@link #better}. Not used with round-robin arbitration, whose order moves with each issue.
     */
    private long prio(int b, int cls, long seq) {
        long age = seq < SEQ_MAX ? seq : SEQ_MAX;
        long k = (age << BANK_BITS) | b;
        return hitsFirst ? ((long) cls << (SEQ_BITS + BANK_BITS)) | k : k;
    }

    /** Position of bank b in the round-robin search order (0 = searched first). */
    private int rrDistance(int b) {
        int d = b - rrStart;
        return d < 0 ? d + nBanks : d;
    }

    /** Bank b's candidate command (-1: none), as last computed. */
    public final int command(int b) {
        return candCmd[b];
    }

    /** The request bank b's candidate serves (-1 for an idle-row PRE or none). */
    public final int request(int b) {
        return candReq[b];
    }

    public final int candidateClass(int b) {
        return candClass[b];
    }

    public final long candidateSeq(int b) {
        return candSeq[b];
    }

    /** Earliest cycle the row policy lets bank b's candidate issue (an idle-row PRE waits for the timeout). */
    public final long notBefore(int b) {
        return candNotBefore[b];
    }

    // ---------------------------------------------------------------------------------------------
    // what changed

    /** Bank b's candidate may have changed (its row, its queue, it was served). */
    public final void bankChanged(int b) {
        if (!dirty[b]) {
            dirty[b] = true;
            dirtyStack[dirtyTop++] = b;
        }
    }

    /**
     * Request {@code req} joined bank b's list (after the queues' mode was brought up to date is
     * not assumed). Returns false if bank b's candidate may have changed (it is re-examined),
     * true if it certainly kept it.
     */
    public final boolean requestQueued(int b, int req) {
        // a newcomer is the youngest of its own list, but with DRAMsim3's write-drain staging
        // (reads move ahead of older writes) it may be older than the other list's candidate
        if (keepsCandidate(b, req) && q.seq(req) > candSeq[b]) return true;
        bankChanged(b);
        return false;
    }

    /**
     * True if appending a (youngest) request {@code req} to bank b's lists cannot change its
     * current candidate (the policy's answers do not depend on other hits, i.e. not the closed-page
     * policy; a mode switch re-examines the bank anyway):
     * <ul>
     *   <li>a request in the list the current mode does not serve: the candidate comes from the
     *       served list (its head, its hits), and from the other list only a request whose ACT was
     *       issued, which a newcomer is not;
     *   <li>a row hit taken from the served list: it stays the oldest hit there;
     *   <li>a head request's ACT (bank closed): the head stays;
     *   <li>a head request's PRE (row open, no hit): stays unless the newcomer hits the open row
     *       and the scheduler serves hits behind the head (FR-FCFS).
     * </ul>
     * A bank without a candidate, or with an idle-row PRE, is re-examined.
     */
    private boolean keepsCandidate(int b, int req) {
        // (a parked bank keeps its candidate too: unparking marks it dirty)
        if (dirty[b] || dependsOnOtherHits) return false;
        int cls = candClass[b];
        boolean readsFirst = q.readsFirst();
        boolean served = !readsFirst || q.isWrite(req) == q.writeMode();
        if (cls == C_HIT) return !served || !readsFirst || q.isWrite(candReq[b]) == q.writeMode();
        if (cls != C_MISS) return false;
        if (!served || openRow[b] < 0) return true;
        return !hitsBehindHead() || q.row(req) != openRow[b];
    }

    /** Whether a row hit behind the head of a bank's list can be served before the head (FR-FCFS: yes). */
    abstract boolean hitsBehindHead();

    /**
     * The queues switched between read and write mode. A bank without queued requests has the same
     * candidate in both modes (none, or an idle-row PRE), so only banks with requests are
     * re-examined.
     */
    public final void modeSwitched() {
        for (int b = 0; b < nBanks; b++) {
            if (q.inBank(b) > 0) bankChanged(b);
        }
    }

    /** Re-examines the banks of rank unit r that may have been parked (a refresh issued, the rank woke, a request came). */
    public final void rankReleased(int r) {
        for (int b = r * bpr, e = b + bpr; b < e; b++) {
            if (groupOf[b] < 0) bankChanged(b);
        }
    }

    /**
     * Bank b's candidate issued: round-robin moves past it, it is re-examined, and the local timing
     * keys of its bank group are brought up to date.
     */
    public final void issued(int b) {
        rrStart = b + 1 == nBanks ? 0 : b + 1;
        bankChanged(b);
        // b itself is dirty (recomputed in full); the other banks of its group change only where
        // the command raised bank-group ready times (DDR4 PRE does not)
        if (eng.raisesBankGroup(candCmd[b])) localTimesRaised(bankRank[b], bankBg[b], b);
    }

    /**
     * After an issue to bank group g of rank r: its banks' local parts may have grown. For a bank
     * other than {@code target} only the bank-group ready time changed (bank-scope rules touch the
     * target alone), so its key is max(key, bank-group part); {@code target} (or every bank when
     * it is -2, for a command covering the group or a bank index in every group) is recomputed in
     * full.
     */
    public final void localTimesRaised(int r, int g, int target) {
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

    /** Forgets the dirty stack after every bank's candidate was recomputed (the reference driver). */
    public final void clearDirty() {
        dirtyTop = 0;
    }

    // ---------------------------------------------------------------------------------------------
    // the event driver's questions, answered from the index

    /**
     * Earliest cycle bank b's candidate can issue by timing (shared and local parts; not the bus),
     * {@link Long#MAX_VALUE} if it has none. Brings the index up to date first.
     */
    public final long earliestOf(int b) {
        flushDirty();
        int cmd = candCmd[b];
        if (cmd < 0) return Long.MAX_VALUE;
        long e = eng.earliestShared(cmd, bankRank[b]);
        return candBound[b] > e ? candBound[b] : e;
    }

    /**
     * The best bank candidate legal at cycle {@code c} whose bus is free ({@code rowOk} /
     * {@code colOk}), -1 if none; then {@link #pickNext()} is the earliest cycle one could be.
     * Candidates of banks that the rank's refresh holds are parked on the way.
     */
    public final int pick(long c, boolean rowOk, boolean colOk) {
        long next = Long.MAX_VALUE;
        int best = -1;
        int bestClass = 0;
        boolean skipNonHits = hitsFirst && !closesIdleRows && !roundRobin && rowOk && colOk;
        long bestSeq = 0;
        flushDirty();
        long colAt = buses.colFree(), rowAt = buses.rowFree(); // a pick issues nothing: constant here
        for (int r = 0; r < ranks; r++) {
            int hr = hold[r];
            if (hr == ChannelState.HOLD_RANK) continue; // refresh or power-down holds every bank of this rank
            for (int m = nonEmpty[r]; m != 0; m &= m - 1) { // the kinds with candidates, in kind order
                int k = Integer.numberOfTrailingZeros(m);
                int g = k * ranks + r;
                // a ready row hit beats every ACT / PRE candidate, and the next event is computed
                // after the issue, so these groups need not be looked at -- unless a refresh blocks
                // banks of this rank (the scan parks them)
                if (k >= FIRST_NON_HIT_KIND && bestClass == C_HIT && skipNonHits && hr == ChannelState.HOLD_NONE) break;
                boolean busOk = k < FIRST_NON_HIT_KIND ? colOk : rowOk;
                long busAt = k < FIRST_NON_HIT_KIND ? colAt : rowAt;

                long sh = eng.earliestShared(kindCmd[k], r);
                int[] h = group[g];
                long top = groupMin(g);
                long e0 = sh > top ? sh : top;
                if (e0 > c || !busOk) {
                    e0 = Math.max(e0, busAt);
                    if (e0 < next) next = e0;
                    continue;
                }
                if (hr == ChannelState.HOLD_NONE && !roundRobin) {
                    // shared part reached and no bank held: the bank with the smallest local key
                    // is ready, so the group has a winner and no next cycle is needed from it;
                    // the best ready bank is the smallest priority among keys reached
                    long bp = best < 0 ? Long.MAX_VALUE : candPrio[best];
                    int gb = -1;
                    for (int i = groupSize[g] - 1; i >= 0; i--) {
                        int b = h[i];
                        long p = candBound[b] <= c ? candPrio[b] : Long.MAX_VALUE;
                        if (p < bp) {
                            bp = p;
                            gb = b;
                        }
                    }
                    if (gb >= 0) {
                        best = gb;
                        bestClass = candClass[gb];
                        bestSeq = candSeq[gb];
                    }
                    continue;
                }
                // shared part reached: every bank whose local part is reached is ready
                long rest = Long.MAX_VALUE;
                for (int i = groupSize[g] - 1; i >= 0; i--) {
                    int b = h[i];
                    long key = candBound[b];
                    if (key > c) {
                        if (key < rest) rest = key;
                        continue;
                    }
                    if (hr != ChannelState.HOLD_NONE && st.blocked(r, b)) {
                        groupRemove(b); // parked until the refresh issues (or an arrival) marks it dirty
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
        if (best < 0) pickNext = next;
        return best;
    }

    /** After a {@link #pick} that found nothing: the earliest cycle a candidate could issue. */
    public final long pickNext() {
        return pickNext;
    }

    /**
     * Earliest cycle at which any bank candidate can issue by timing: per group max(shared part,
     * smallest local key), groups of fully held ranks excluded. Brings the index up to date first.
     */
    public final long nextReady() {
        flushDirty();
        long next = Long.MAX_VALUE;
        for (int r = 0; r < ranks; r++) {
            if (hold[r] == ChannelState.HOLD_RANK) continue;
            for (int m = nonEmpty[r]; m != 0; m &= m - 1) {
                int k = Integer.numberOfTrailingZeros(m);
                int g = k * ranks + r;
                long e = eng.earliestShared(kindCmd[k], r);
                long top = groupMin(g);
                if (top > e) e = top;
                if (e < next) next = e;
            }
        }
        return next;
    }

    // ---- the index: groups are small unordered arrays of banks (keys in candBound), O(1) insert/remove ----

    /** Recomputes every dirty bank's candidate and files it in its group. */
    private void flushDirty() {
        while (dirtyTop > 0) {
            int b = dirtyStack[--dirtyTop];
            recompute(b);
            if (candCmd[b] >= 0) {
                candBound[b] = localKey(b);
                groupSet(b);
            } else {
                groupRemove(b);
            }
        }
    }

    /** The local (bank + bank group) part of bank b's candidate's earliest cycle. */
    private long localKey(int b) {
        long e = eng.earliestLocal(candCmd[b], bankRank[b], bankBg[b], bankBa[b]);
        return e < candNotBefore[b] ? candNotBefore[b] : e;
    }

    /** Files bank b (with a candidate) in its group, moving it if its command kind changed. */
    private void groupSet(int b) {
        int g = kindOf[candCmd[b]] * ranks + bankRank[b];
        if (groupOf[b] != g) {
            groupRemove(b);
            int i = groupSize[g]++;
            if (i == 0) nonEmpty[g % ranks] |= 1 << (g / ranks);
            group[g][i] = b;
            groupPos[b] = i;
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
        if (m == STALE) return;
        long k = candBound[b];
        if (k <= m) {
            groupMinCache[g] = k;
            groupArg[g] = b;
        } else if (groupArg[g] == b) {
            groupMinCache[g] = STALE;
        }
    }

    private void groupRemove(int b) {
        int g = groupOf[b];
        if (g < 0) return;
        if (groupArg[g] == b) groupMinCache[g] = STALE;
        int[] h = group[g];
        int i = groupPos[b];
        int last = h[--groupSize[g]];
        if (groupSize[g] == 0) nonEmpty[g % ranks] &= ~(1 << (g / ranks));
        h[i] = last;
        groupPos[last] = i;
        groupPos[b] = -1;
        groupOf[b] = -1;
    }

    /** Smallest local key in group g (non-empty). */
    private long groupMin(int g) {
        long cached = groupMinCache[g];
        if (cached != STALE) return cached;
        int[] h = group[g];
        long m = Long.MAX_VALUE;
        int arg = -1;
        for (int i = 0, n = groupSize[g]; i < n; i++) {
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
}
