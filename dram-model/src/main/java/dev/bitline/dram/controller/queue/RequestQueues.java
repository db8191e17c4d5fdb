package dev.bitline.dram.controller.queue;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.QueueStructure;
import dev.bitline.dram.controller.SlotRelease;
import dev.bitline.dram.controller.Staging;

/**
 * The request queues of one channel: where a request waits from its arrival until the command
 * that serves it. Chosen by {@code queueStructure:} in the controller config ({@link SplitQueues}:
 * separate read and write queues, Ramulator; {@link SharedQueue}: one transaction queue, DRAMsim3);
 * the kinds differ only in admission (which capacity an arrival counts against), so everything
 * else is this class.
 *
 * <p><b>Layout.</b> Requests live in a fixed pool addressed by int indices (no allocation per
 * request); each bank keeps two FIFO lists through the pool, one of reads and one of writes, in
 * arrival order, which is all a scheduler reads ({@link #readHead}, {@link #writeHead},
 * {@link #next}, {@link #row}, {@link #seq}). With {@code bankQueueDepth > 0} a first level (the
 * transaction queue) holds arrivals in one FIFO and {@link #moveOne} moves the oldest whose bank
 * queue has room into it, one per cycle (DRAMsim3's transaction + per-bank command queues); only
 * the first level then gives back-pressure.
 *
 * <p><b>Write drain.</b> With {@code readsFirst} the queues are in read or write mode: drain
 * starts when queued writes reach the high watermark (or no read waits) and stops at the low one
 * once reads wait. {@link #updateMode} reports a switch; the scheduler re-examines its banks.
 *
 * <p><b>Life of a request</b> (the seams for further policies): {@link #admit} (arrival; a policy
 * that merges a write into a queued one to the same address, or forwards a read from a queued
 * write as DRAMsim3 does, answers here instead of queueing), {@link #markActivated} /
 * {@link #markPrecharged} (what the scheduler did for it: row-hit statistics, and the point where
 * a policy that frees a read slot at ACT, as Ramulator 2.1 does, would release it),
 * {@link #release} (its column command issued: today the slot is freed here; a policy freeing at
 * data return would keep counting it until the completion cycle).
 */
public abstract sealed class RequestQueues permits SplitQueues, SharedQueue {
    /**
     * Request flags: an ACT was issued for it / a PRE closed a row for it (row-hit statistics) /
     * it gave back its queue slot at that ACT ({@code slotRelease: act}).
     */
    public static final byte F_ACT = 1, F_PRE = 2, F_FREED = 4;

    private final int nBanks;
    private final int[] rankOf; // per flat bank: its rank unit (bank / banksPerRank, read on every admit and release: no division)
    // request pool
    private final long[] rTag, rArr, rSeq;
    private final boolean[] rWrite;
    private final int[] rBank, rRow, rCol, rNext, rPrev;
    private final byte[] rFlag;
    private int freeHead;
    private long seqCounter;
    // per bank: read and write lists, and how many requests they hold
    private final int[] rdHead, rdTail, wrHead, wrTail, activeInBank;
    private final int[] pending; // per rank unit: requests at either level
    private int readCount, writeCount; // requests in the bank lists (visible to the scheduler)
    // optional first level (bankQueueDepth > 0)
    private final int bankDepth;
    private final int[] sNext, stagedInBank, stagedWritesInBank;
    private final boolean[] eligible, eligibleW, eligibleR;
    private int sHead = -1, sTail = -1, stagedReads, stagedWrites, eligibleCount, eligibleWrites, eligibleReads;
    // write drain
    private final boolean readsFirst;
    private final int writeHigh, writeLow;
    private boolean writeMode;
    // slot release at ACT: requests in the bank lists that no longer count against capacity
    private final boolean freeAtAct;
    private int freedReads, freedWrites;
    // DRAMsim3 staging: writes still to move in the current drain
    private final boolean drainStaging;
    private final int writeCapacity;
    private int drainLeft;
    private boolean inputEnded;
    // writeMerge / readForward (DRAMsim3): pending writes (admitted, WR not issued) per address
    // (an open-addressing table, key -> count, linear probing with backward-shift deletion: no
    // allocation per request; at least twice the pool, so it never fills)
    private final boolean writeMerge, readForward, pendingOn;
    private final long[] pwKey;
    private final int[] pwCount;
    private final int pwShift, pwMask;
    // any of slotRelease: act, writeMerge / readForward, bank queues: release has more to do
    private final boolean optionsOn;

    /** The queues of {@code cfg.queueStructure()} for a channel of {@code nBanks} banks, {@code banksPerRank} per rank unit. */
    public static RequestQueues of(ControllerConfig cfg, int nBanks, int banksPerRank) {
        return cfg.queueStructure() == QueueStructure.SHARED
                ? new SharedQueue(cfg, nBanks, banksPerRank)
                : new SplitQueues(cfg, nBanks, banksPerRank);
    }

    RequestQueues(ControllerConfig cfg, int nBanks, int banksPerRank, int writeCapacity) {
        this.nBanks = nBanks;
        bankDepth = cfg.bankQueueDepth();
        readsFirst = cfg.readsFirst();
        freeAtAct = cfg.slotRelease() == SlotRelease.ACT;
        drainStaging = cfg.staging() == Staging.WRITE_DRAIN;
        writeMerge = cfg.writeMerge();
        readForward = cfg.readForward();
        pendingOn = writeMerge || readForward;
        optionsOn = freeAtAct || pendingOn || bankDepth > 0;
        int cap0 = cfg.poolSize(nBanks);
        int bits = pendingOn ? 33 - Integer.numberOfLeadingZeros(Math.max(2, cap0) - 1) : 1; // >= 2 x pool
        pwKey = new long[pendingOn ? 1 << bits : 0];
        pwCount = new int[pwKey.length];
        pwShift = 64 - bits;
        pwMask = (1 << bits) - 1;
        this.writeCapacity = writeCapacity;
        writeHigh = Math.max(1, (int) Math.ceil(writeCapacity * cfg.writeHighWatermark()));
        writeLow = (int) Math.floor(writeCapacity * cfg.writeLowWatermark());
        int cap = cfg.poolSize(nBanks);
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
        rdHead = new int[nBanks];
        rdTail = new int[nBanks];
        wrHead = new int[nBanks];
        wrTail = new int[nBanks];
        activeInBank = new int[nBanks];
        stagedInBank = new int[nBanks];
        stagedWritesInBank = new int[nBanks];
        eligible = new boolean[nBanks];
        eligibleW = new boolean[nBanks];
        eligibleR = new boolean[nBanks];
        pending = new int[nBanks / banksPerRank];
        rankOf = new int[nBanks];
        for (int b = 0; b < nBanks; b++) rankOf[b] = b / banksPerRank;
        java.util.Arrays.fill(rdHead, -1);
        java.util.Arrays.fill(rdTail, -1);
        java.util.Arrays.fill(wrHead, -1);
        java.util.Arrays.fill(wrTail, -1);
    }

    /** Whether an arrival of {@code write} fits, given the first level's queued reads and writes. */
    abstract boolean fits(boolean write, int reads, int writes);

    /** Whether a read (write) would be accepted now. */
    public final boolean hasSpace(boolean write) {
        if (bankDepth > 0) return fits(write, stagedReads, stagedWrites);
        if (freeAtAct) return freeHead >= 0 && fits(write, readCount - freedReads, writeCount - freedWrites);
        return fits(write, readCount, writeCount);
    }

    /**
     * Whether an arrival of {@code write} to (bank, row, col) is answered from the write queue
     * instead of queueing: with {@code writeMerge} a write, with {@code readForward} a read, to an
     * address with a pending write (admitted at either level, its WR not yet issued). As DRAMsim3
     * does, the caller checks this after {@link #hasSpace}: a full queue still refuses it.
     */
    public final boolean servedByWriteQueue(int bank, int row, int col, boolean write) {
        if (write ? !writeMerge : !readForward) return false;
        return pwFind(addressKey(bank, row, col)) >= 0;
    }

    /** Whether writeMerge or readForward is on (the caller asks {@link #servedByWriteQueue} only then). */
    public final boolean answersFromWriteQueue() {
        return pendingOn;
    }

    private int pwHome(long k) {
        return (int) ((k * 0x9E3779B97F4A7C15L) >>> pwShift);
    }

    /** Slot of key k, or -1. */
    private int pwFind(long k) {
        for (int h = pwHome(k); pwCount[h] != 0; h = (h + 1) & pwMask) {
            if (pwKey[h] == k) return h;
        }
        return -1;
    }

    private void pwAdd(long k) {
        int h = pwHome(k);
        for (; pwCount[h] != 0; h = (h + 1) & pwMask) {
            if (pwKey[h] == k) {
                pwCount[h]++;
                return;
            }
        }
        pwKey[h] = k;
        pwCount[h] = 1;
    }

    private void pwRemove(long k) {
        int i = pwFind(k);
        if (--pwCount[i] > 0) return;
        // backward shift: move later entries of the probe run into the hole when their home allows
        for (int j = (i + 1) & pwMask; pwCount[j] != 0; j = (j + 1) & pwMask) {
            int home = pwHome(pwKey[j]);
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                pwKey[i] = pwKey[j];
                pwCount[i] = pwCount[j];
                pwCount[j] = 0;
                i = j;
            }
        }
    }

    private static long addressKey(int bank, int row, int col) {
        return ((long) bank << 48) ^ ((long) row << 20) ^ col;
    }

    /**
     * Takes a request (the caller checked {@link #hasSpace}) for flat bank {@code bank}. Returns its
     * pool index. Without bank queues it is in its bank's list at once ({@link #inBankQueue}); with
     * them it waits in the first level until {@link #moveOne}.
     */
    public final int admit(int bank, int row, int col, boolean write, long cycle, long tag) {
        int i = freeHead;
        freeHead = rNext[i];
        inputEnded = false;
        rTag[i] = tag;
        rArr[i] = cycle;
        rSeq[i] = seqCounter++;
        rWrite[i] = write;
        rBank[i] = bank;
        rRow[i] = row;
        rCol[i] = col;
        rFlag[i] = 0;
        pending[rankOf[bank]]++;
        if (write && pendingOn) pwAdd(addressKey(bank, row, col));
        if (bankDepth > 0) {
            sNext[i] = -1;
            if (sTail >= 0) sNext[sTail] = i;
            else sHead = i;
            sTail = i;
            if (write) {
                stagedWrites++;
                stagedWritesInBank[bank]++;
            } else {
                stagedReads++;
            }
            stagedInBank[bank]++;
            updateEligible(bank);
            return i;
        }
        link(i);
        return i;
    }

    /** True if requests enter their bank's list on arrival (no first level). */
    public final boolean inBankQueue() {
        return bankDepth == 0;
    }

    /** True if a staged request can move into its bank queue (the driver then visits every cycle). */
    public final boolean canMove() {
        if (!drainStaging) return eligibleCount > 0;
        return drainLeft > 0 || drainStarts() ? eligibleWrites > 0 : eligibleReads > 0;
    }

    /**
     * DRAMsim3's drain start: the write buffer is full, or holds more than 8 while every bank queue
     * is empty. One addition, at the end of the input only ({@link #endOfInput}): with no read left
     * and empty bank queues the remaining writes drain too. DRAMsim3 leaves up to 8 writes buffered
     * there (it acknowledged them at acceptance, so its run can end with them unwritten); Bitline
     * serves every request.
     */
    private boolean drainStarts() {
        if (stagedWrites >= writeCapacity) return true;
        if (readCount + writeCount != 0) return false;
        return stagedWrites > 8 || (inputEnded && stagedWrites > 0 && stagedReads == 0);
    }

    /**
     * No request arrives until the next {@link #admit}: the caller is draining the queues (the end
     * of a trace). Only DRAMsim3's staging cares (its last few writes may then drain).
     */
    public final void endOfInput() {
        inputEnded = true;
    }

    /**
     * Moves the oldest staged request whose bank queue has room into it; returns its index, or -1
     * if none can move.
     */
    public final int moveOne() {
        boolean onlyWrites = false;
        if (drainStaging) {
            // DRAMsim3: a drain starts when the write buffer is full, or holds more than 8 while
            // every bank queue is empty, and moves as many writes as were buffered then
            if (drainLeft == 0 && drainStarts()) drainLeft = stagedWrites;
            onlyWrites = drainLeft > 0;
        }
        int prev = -1;
        for (int i = sHead; i >= 0; prev = i, i = sNext[i]) {
            int b = rBank[i];
            if (drainStaging && rWrite[i] != onlyWrites) continue;
            if (activeInBank[b] < bankDepth) {
                if (onlyWrites) drainLeft--;
                if (prev >= 0) sNext[prev] = sNext[i];
                else sHead = sNext[i];
                if (sTail == i) sTail = prev;
                if (rWrite[i]) {
                    stagedWrites--;
                    stagedWritesInBank[b]--;
                } else {
                    stagedReads--;
                }
                stagedInBank[b]--;
                link(i);
                return i;
            }
        }
        return -1;
    }

    private void updateEligible(int b) {
        boolean room = activeInBank[b] < bankDepth;
        boolean e = stagedInBank[b] > 0 && room;
        if (e != eligible[b]) {
            eligible[b] = e;
            eligibleCount += e ? 1 : -1;
        }
        boolean w = stagedWritesInBank[b] > 0 && room;
        if (w != eligibleW[b]) {
            eligibleW[b] = w;
            eligibleWrites += w ? 1 : -1;
        }
        boolean r = stagedInBank[b] - stagedWritesInBank[b] > 0 && room;
        if (r != eligibleR[b]) {
            eligibleR[b] = r;
            eligibleReads += r ? 1 : -1;
        }
    }

    /** Puts request i at the tail of its bank's read or write list. */
    private void link(int i) {
        int b = rBank[i];
        rNext[i] = -1;
        if (rWrite[i]) {
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
    }

    /** Request i was served (its column command issued): it leaves its list and its slot is free. */
    public final void release(int i) {
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
        pending[rankOf[b]]--;
        activeInBank[b]--;
        if (optionsOn) releaseOptions(i, b);
        rNext[i] = freeHead;
        freeHead = i;
    }

    /**
     * What {@link #release} does beyond the default queues (slot freed at ACT, pending-write table,
     * bank queues): kept out of it so that the common case stays small enough to inline where
     * the column command issues.
     */
    private void releaseOptions(int i, int b) {
        if ((rFlag[i] & F_FREED) != 0) {
            if (rWrite[i]) freedWrites--;
            else freedReads--;
        }
        if (rWrite[i] && pendingOn) pwRemove(addressKey(b, rRow[i], rCol[i]));
        if (bankDepth > 0) updateEligible(b);
    }

    /**
     * Re-evaluates the read/write mode after the queue contents changed; true if it switched (the
     * scheduler must then re-examine every bank with requests).
     */
    public final boolean updateMode() {
        if (!readsFirst) return false; // no read/write modes: one age order
        boolean m = writeMode;
        // With slots freed at ACT (Ramulator), the watermarks and "reads waiting" count the buffers'
        // contents, which activated requests have left; a write mode is still needed while only
        // activated writes remain (their row may have been closed by a refresh before they were served).
        int readBuf = readCount - freedReads, writeBuf = writeCount - freedWrites;
        if (!m) {
            if (writeBuf >= writeHigh || (readBuf == 0 && writeCount > 0)) m = true;
        } else {
            if (writeCount == 0 || (readBuf > 0 && writeBuf <= writeLow)) m = false;
        }
        if (m == writeMode) return false;
        writeMode = m;
        return true;
    }

    /** An ACT was issued for request i (it is no longer a row hit). */
    public final void markActivated(int i) {
        if (freeAtAct && (rFlag[i] & F_FREED) == 0) {
            rFlag[i] |= F_FREED;
            if (rWrite[i]) freedWrites++;
            else freedReads++;
        }
        rFlag[i] |= F_ACT;
    }

    /** A PRE closed another row for request i (a row conflict). */
    public final void markPrecharged(int i) {
        rFlag[i] |= F_PRE;
    }

    // ---- what a scheduler reads (plain array loads; inlined) ----

    public final int readHead(int b) {
        return rdHead[b];
    }

    public final int writeHead(int b) {
        return wrHead[b];
    }

    /** Next (younger) request in the same list, -1 at the tail. */
    public final int next(int i) {
        return rNext[i];
    }

    public final int row(int i) {
        return rRow[i];
    }

    public final int column(int i) {
        return rCol[i];
    }

    /** Arrival order (smaller = older), unique. */
    public final long seq(int i) {
        return rSeq[i];
    }

    public final boolean isWrite(int i) {
        return rWrite[i];
    }

    /** Flat bank of request i. */
    public final int bank(int i) {
        return rBank[i];
    }

    public final byte flags(int i) {
        return rFlag[i];
    }

    public final long tag(int i) {
        return rTag[i];
    }

    public final long arrival(int i) {
        return rArr[i];
    }

    /** True while the queues serve writes (write drain); always false without {@code readsFirst}. */
    public final boolean writeMode() {
        return writeMode;
    }

    /** Whether reads are served before writes outside write drain. */
    public final boolean readsFirst() {
        return readsFirst;
    }

    /** Requests in bank b's lists. */
    public final int inBank(int b) {
        return activeInBank[b];
    }

    /** Requests of rank unit r at either level. */
    public final int pending(int r) {
        return pending[r];
    }

    /** Requests in the bank lists (visible to the scheduler). */
    public final int reads() {
        return readCount;
    }

    public final int writes() {
        return writeCount;
    }

    /** Every request not yet served, at either level. */
    public final int queued() {
        return readCount + writeCount + stagedReads + stagedWrites;
    }

    /** Banks of the channel. */
    public final int banks() {
        return nBanks;
    }
}
