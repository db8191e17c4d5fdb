package dev.bitline.dram.controller;

/**
 * Options of one channel controller (YAML keys = component names).
 *
 * @param queueStructure SHARED transaction queue or SPLIT read/write queues
 * @param transactionQueueDepth entries of the shared queue (SHARED)
 * @param readQueueDepth entries of the read queue (SPLIT)
 * @param writeQueueDepth entries of the write queue (SPLIT)
 * @param scheduler FRFCFS or FCFS
 * @param pagePolicy OPEN, CLOSED or TIMEOUT
 * @param pageTimeout idle cycles before a TIMEOUT-policy row is closed
 * @param writeLowWatermark write drain stops when queued writes fall to this fraction of the
 *     write capacity (and reads are waiting)
 * @param writeHighWatermark write drain starts when queued writes reach this fraction of the write
 *     capacity (or when no read is queued)
 * @param refresh ALLBANK, PERBANK, SAMEBANK or NONE
 * @param refreshPostpone how many refreshes may be owed (postponed while the rank has requests)
 *     before one is forced; 0 = refresh as soon as due. JEDEC allows up to 8 (DDR4).
 * @param powerDownIdle cycles a rank must be idle (no queued request, no refresh owed) before it
 *     enters power-down; 0 disables power-down
 * @param addressMapping bit fields MSB to LSB, e.g. {@code "ro-ba-bg-ra-co-ch"}
 * @param xorBankWithRow XOR the bank group / bank index with the low row bits
 * @param returnLatency cycles from the end of the data burst to the completion callback (models
 *     the controller's return path; 0 = data end)
 * @param ticked reference mode: visit every cycle instead of jumping to the next event (same
 *     decisions, same command trace, much slower; for testing)
 * @param bankQueueDepth 0 = one queue level (the default). n > 0 adds a second level as in
 *     DRAMsim3: the queues above hold arrivals, which move one per cycle, oldest first, after
 *     the cycle's command, into per-bank queues of n entries that the scheduler sees; capacity
 *     for back-pressure is then that of the first level only.
 * @param readsFirst true (default): reads are served before writes except while draining
 *     writes between the watermarks; false: reads and writes compete on row hits and age alone
 *     (DRAMsim3's unified queue), the watermarks are unused.
 * @param arbitration AGE (default): the scheduler's order across all banks; ROUND_ROBIN: the first
 *     bank with a ready command after the one that issued last (DRAMsim3's per-bank queues)
 * @param refreshStagger how far apart the rank units (ranks, HBM pseudo-channels) of a channel
 *     refresh, as a fraction of the refresh interval: 1 (default) spreads them evenly over one
 *     interval (unit r first due at tREFI + r * tREFI / units); 0 refreshes them all together
 *     (Ramulator 2.1's AllBank refresh of both HBM pseudo-channels in one cycle, DRAMsim3's
 *     channels); values between scale the spread
 * @param slotRelease COLUMN (default): a request holds its queue slot until its column command;
 *     ACT: it frees it when its ACT issues (Ramulator 2.1's active buffer)
 * @param staging with bank queues, which staged request moves each cycle: OLDEST (default) or
 *     WRITE_DRAIN (DRAMsim3's read queue / write buffer with its write-drain rule)
 * @param writeMerge false (default); true: a write to an address whose write is still pending
 *     (admitted, its WR not yet issued) is merged into it: it completes one cycle after arrival
 *     and issues no DRAM write (DRAMsim3's pending write queue)
 * @param readForward false (default); true: a read to an address whose write is still pending is
 *     served from the write queue: it completes one cycle after arrival and never reaches DRAM
 *     (DRAMsim3)
 * @param dualIssue with row and column command buses, how the cycle's second command is chosen:
 *     OTHER_BUS (default) the other bus's best ready candidate; FIRST_READY the first ready
 *     candidate of either bus, issued only if it is the other bus's (DRAMsim3); see {@link DualIssue}
 * @param refreshPrecharge with all-bank refresh, how open banks are closed first: RANK (default)
 *     one PREA; BANKS a PRE per open bank (DRAMsim3); see {@link RefreshPrecharge}
 */
public record ControllerConfig(
        QueueStructure queueStructure,
        int transactionQueueDepth,
        int readQueueDepth,
        int writeQueueDepth,
        SchedulerKind scheduler,
        PagePolicy pagePolicy,
        int pageTimeout,
        double writeLowWatermark,
        double writeHighWatermark,
        RefreshMode refresh,
        int refreshPostpone,
        int powerDownIdle,
        String addressMapping,
        boolean xorBankWithRow,
        int returnLatency,
        boolean ticked,
        int bankQueueDepth,
        boolean readsFirst,
        Arbitration arbitration,
        double refreshStagger,
        SlotRelease slotRelease,
        Staging staging,
        boolean writeMerge,
        boolean readForward,
        DualIssue dualIssue,
        RefreshPrecharge refreshPrecharge) {

    /** Cycles from arrival to completion of a merged write or a forwarded read (DRAMsim3: the next cycle). */
    public static final int BUFFER_LATENCY = 1;

    public ControllerConfig {
        if (queueStructure == null) throw new IllegalArgumentException("queueStructure is required");
        if (scheduler == null) throw new IllegalArgumentException("scheduler is required");
        if (pagePolicy == null) throw new IllegalArgumentException("pagePolicy is required");
        if (refresh == null) throw new IllegalArgumentException("refresh is required");
        if (arbitration == null) throw new IllegalArgumentException("arbitration is required");
        if (slotRelease == null) throw new IllegalArgumentException("slotRelease is required");
        if (staging == null) throw new IllegalArgumentException("staging is required");
        if (dualIssue == null) throw new IllegalArgumentException("dualIssue is required");
        if (refreshPrecharge == null) throw new IllegalArgumentException("refreshPrecharge is required");
        if (!(refreshStagger >= 0 && refreshStagger <= 1)) {
            throw new IllegalArgumentException("refreshStagger must be 0..1 (a fraction of tREFI), got " + refreshStagger);
        }
        if (transactionQueueDepth < 1 || transactionQueueDepth > 4096) {
            throw new IllegalArgumentException("transactionQueueDepth must be 1..4096, got " + transactionQueueDepth);
        }
        if (readQueueDepth < 1 || readQueueDepth > 4096) {
            throw new IllegalArgumentException("readQueueDepth must be 1..4096, got " + readQueueDepth);
        }
        if (writeQueueDepth < 1 || writeQueueDepth > 4096) {
            throw new IllegalArgumentException("writeQueueDepth must be 1..4096, got " + writeQueueDepth);
        }
        if (pageTimeout < 0) throw new IllegalArgumentException("pageTimeout must be >= 0, got " + pageTimeout);
        if (!(writeLowWatermark >= 0 && writeLowWatermark <= writeHighWatermark && writeHighWatermark <= 1)) {
            throw new IllegalArgumentException("need 0 <= writeLowWatermark <= writeHighWatermark <= 1, got "
                    + writeLowWatermark + ", " + writeHighWatermark);
        }
        if (refreshPostpone < 0 || refreshPostpone > 64) {
            throw new IllegalArgumentException("refreshPostpone must be 0..64, got " + refreshPostpone);
        }
        if (powerDownIdle < 0) throw new IllegalArgumentException("powerDownIdle must be >= 0, got " + powerDownIdle);
        if (addressMapping == null || addressMapping.isBlank()) {
            throw new IllegalArgumentException("addressMapping is required, e.g. \"ro-ba-bg-ra-co-ch\"");
        }
        if (returnLatency < 0) throw new IllegalArgumentException("returnLatency must be >= 0, got " + returnLatency);
        if (bankQueueDepth < 0 || bankQueueDepth > 4096) {
            throw new IllegalArgumentException("bankQueueDepth must be 0..4096, got " + bankQueueDepth);
        }
    }

    /**
     * Defaults: 32-entry read and write queues, FR-FCFS, open page, write drain between 20% and
     * 80%, all-bank refresh without postponement, no power-down, mapping ro-ba-bg-ra-co-ch,
     * event-driven.
     */
    public static ControllerConfig defaults() {
        return new ControllerConfig(QueueStructure.SPLIT, 32, 32, 32, SchedulerKind.FRFCFS,
                PagePolicy.OPEN, 100, 0.2, 0.8, RefreshMode.ALLBANK, 0, 0, "ro-ba-bg-ra-co-ch", false, 0,
                false, 0, true, Arbitration.AGE, 1.0, SlotRelease.COLUMN, Staging.OLDEST, false, false,
                DualIssue.OTHER_BUS, RefreshPrecharge.RANK);
    }

    /**
     * The DRAMsim3 reference setup of /work/shared/reference/dram/README.md: one 32-entry shared
     * transaction queue, mapping row-channel-rank-bank-bankgroup-column, FR-FCFS, open page,
     * all-bank refresh.
     */
    public static ControllerConfig dramsim3Reference() {
        return defaults().withQueues(QueueStructure.SHARED, 32, 32, 32).withAddressMapping("ro-ch-ra-ba-bg-co");
    }

    /**
     * The Ramulator 2.1 reference setup: split 32-entry read and write queues, RoBaRaCoCh (its
     * "Ba" covers bank group and bank: here {@code ro-ba-bg-ra-co-ch}), drain 20%..80%.
     */
    public static ControllerConfig ramulatorReference() {
        return defaults().withQueues(QueueStructure.SPLIT, 32, 32, 32).withAddressMapping("ro-ba-bg-ra-co-ch");
    }

    public ControllerConfig withQueues(QueueStructure s, int transaction, int read, int write) {
        Edit e = new Edit(this);
        e.queueStructure = s;
        e.transactionQueueDepth = transaction;
        e.readQueueDepth = read;
        e.writeQueueDepth = write;
        return e.build();
    }

    public ControllerConfig withScheduler(SchedulerKind s) {
        Edit e = new Edit(this);
        e.scheduler = s;
        return e.build();
    }

    public ControllerConfig withPagePolicy(PagePolicy p, int timeout) {
        Edit e = new Edit(this);
        e.pagePolicy = p;
        e.pageTimeout = timeout;
        return e.build();
    }

    public ControllerConfig withWatermarks(double low, double high) {
        Edit e = new Edit(this);
        e.writeLowWatermark = low;
        e.writeHighWatermark = high;
        return e.build();
    }

    public ControllerConfig withRefresh(RefreshMode r, int postpone) {
        Edit e = new Edit(this);
        e.refresh = r;
        e.refreshPostpone = postpone;
        return e.build();
    }

    public ControllerConfig withPowerDownIdle(int cycles) {
        Edit e = new Edit(this);
        e.powerDownIdle = cycles;
        return e.build();
    }

    public ControllerConfig withAddressMapping(String m) {
        Edit e = new Edit(this);
        e.addressMapping = m;
        return e.build();
    }

    public ControllerConfig withXorBankWithRow(boolean x) {
        Edit e = new Edit(this);
        e.xorBankWithRow = x;
        return e.build();
    }

    public ControllerConfig withReturnLatency(int cycles) {
        Edit e = new Edit(this);
        e.returnLatency = cycles;
        return e.build();
    }

    public ControllerConfig withTicked(boolean t) {
        Edit e = new Edit(this);
        e.ticked = t;
        return e.build();
    }

    public ControllerConfig withBankQueueDepth(int n) {
        Edit e = new Edit(this);
        e.bankQueueDepth = n;
        return e.build();
    }

    public ControllerConfig withReadsFirst(boolean r) {
        Edit e = new Edit(this);
        e.readsFirst = r;
        return e.build();
    }

    public ControllerConfig withArbitration(Arbitration a) {
        Edit e = new Edit(this);
        e.arbitration = a;
        return e.build();
    }

    public ControllerConfig withRefreshStagger(double fraction) {
        Edit e = new Edit(this);
        e.refreshStagger = fraction;
        return e.build();
    }

    public ControllerConfig withSlotRelease(SlotRelease s) {
        Edit e = new Edit(this);
        e.slotRelease = s;
        return e.build();
    }

    public ControllerConfig withStaging(Staging s) {
        Edit e = new Edit(this);
        e.staging = s;
        return e.build();
    }

    public ControllerConfig withWriteMerge(boolean m) {
        Edit e = new Edit(this);
        e.writeMerge = m;
        return e.build();
    }

    public ControllerConfig withReadForward(boolean f) {
        Edit e = new Edit(this);
        e.readForward = f;
        return e.build();
    }

    public ControllerConfig withDualIssue(DualIssue d) {
        Edit e = new Edit(this);
        e.dualIssue = d;
        return e.build();
    }

    public ControllerConfig withRefreshPrecharge(RefreshPrecharge p) {
        Edit e = new Edit(this);
        e.refreshPrecharge = p;
        return e.build();
    }

    /**
     * A mutable copy of every component, so each {@code with} method names only what it changes
     * and a new component is listed here once instead of in every method. {@link #build} runs the
     * record's checks.
     */
    private static final class Edit {
        QueueStructure queueStructure;
        int transactionQueueDepth, readQueueDepth, writeQueueDepth;
        SchedulerKind scheduler;
        PagePolicy pagePolicy;
        int pageTimeout;
        double writeLowWatermark, writeHighWatermark;
        RefreshMode refresh;
        int refreshPostpone, powerDownIdle;
        String addressMapping;
        boolean xorBankWithRow;
        int returnLatency;
        boolean ticked;
        int bankQueueDepth;
        boolean readsFirst;
        Arbitration arbitration;
        double refreshStagger;
        SlotRelease slotRelease;
        Staging staging;
        boolean writeMerge, readForward;
        DualIssue dualIssue;
        RefreshPrecharge refreshPrecharge;

        Edit(ControllerConfig c) {
            queueStructure = c.queueStructure;
            transactionQueueDepth = c.transactionQueueDepth;
            readQueueDepth = c.readQueueDepth;
            writeQueueDepth = c.writeQueueDepth;
            scheduler = c.scheduler;
            pagePolicy = c.pagePolicy;
            pageTimeout = c.pageTimeout;
            writeLowWatermark = c.writeLowWatermark;
            writeHighWatermark = c.writeHighWatermark;
            refresh = c.refresh;
            refreshPostpone = c.refreshPostpone;
            powerDownIdle = c.powerDownIdle;
            addressMapping = c.addressMapping;
            xorBankWithRow = c.xorBankWithRow;
            returnLatency = c.returnLatency;
            ticked = c.ticked;
            bankQueueDepth = c.bankQueueDepth;
            readsFirst = c.readsFirst;
            arbitration = c.arbitration;
            refreshStagger = c.refreshStagger;
            slotRelease = c.slotRelease;
            staging = c.staging;
            writeMerge = c.writeMerge;
            readForward = c.readForward;
            dualIssue = c.dualIssue;
            refreshPrecharge = c.refreshPrecharge;
        }

        ControllerConfig build() {
            return new ControllerConfig(queueStructure, transactionQueueDepth, readQueueDepth, writeQueueDepth,
                    scheduler, pagePolicy, pageTimeout, writeLowWatermark, writeHighWatermark, refresh,
                    refreshPostpone, powerDownIdle, addressMapping, xorBankWithRow, returnLatency, ticked,
                    bankQueueDepth, readsFirst, arbitration, refreshStagger, slotRelease, staging, writeMerge, readForward,
                    dualIssue, refreshPrecharge);
        }
    }

    /** Request capacity of the controller (shared depth, or read + write depth). */
    public int capacity() {
        return queueStructure == QueueStructure.SHARED ? transactionQueueDepth : readQueueDepth + writeQueueDepth;
    }

    /**
     * Requests the controller can hold: the first level plus, with bankQueueDepth > 0, the bank
     * queues, plus with slotRelease ACT the activated requests.
     */
    public int poolSize(int banksPerChannel) {
        // with slots freed at ACT, activated requests wait outside the queues' capacity: room for
        // two per bank (one activated request per open row, and one more while a refresh or a
        // mode switch reopens a row), admission also stops when the pool is full
        int active = slotRelease == SlotRelease.ACT ? 2 * banksPerChannel : 0;
        return capacity() + bankQueueDepth * banksPerChannel + active;
    }
}
