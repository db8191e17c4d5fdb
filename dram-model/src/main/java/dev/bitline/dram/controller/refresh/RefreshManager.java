package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.RefreshPrecharge;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * Refresh of one channel's ranks: when refreshes come due, how many are owed, and which command a
 * rank must issue next to pay one (a precharge of what the refresh covers, then the refresh).
 * Chosen by {@code refresh:} in the controller config: {@link AllBankRefresh} (PREA + REFab every
 * tREFI), {@link PerBankRefresh} (REFpb round robin every tREFIpb), {@link SameBankRefresh}
 * (REFsb round robin every tREFIsb), {@link NoRefresh}. The commands are the standard's refresh
 * roles (found by their flags), so a PIM channel reuses this part unchanged on its DRAM.
 */
public sealed interface RefreshManager permits NoRefresh, PeriodicRefresh {

    /**
     * The manager for {@code kind} on {@code spec}'s channel with {@code rankUnits} rank units.
     *
     * @param postpone refreshes that may be owed while the rank has requests before one is forced
     * @throws IllegalArgumentException if the standard lacks the commands the kind needs
     */
    static RefreshManager of(RefreshMode kind, DramSpec spec, int postpone, int rankUnits) {
        return of(kind, spec, postpone, rankUnits, 1.0);
    }

    /**
     * As {@link #of(RefreshMode, DramSpec, int, int)}, with the rank units' first due times spread
     * over {@code stagger} x one interval (1: evenly over the interval, 0: all together).
     */
    static RefreshManager of(RefreshMode kind, DramSpec spec, int postpone, int rankUnits, double stagger) {
        return of(kind, spec, postpone, rankUnits, stagger, RefreshPrecharge.RANK);
    }

    /** As {@link #of(RefreshMode, DramSpec, int, int, double)}, with all-bank refresh closing banks by {@code precharge}. */
    static RefreshManager of(RefreshMode kind, DramSpec spec, int postpone, int rankUnits, double stagger,
            RefreshPrecharge precharge) {
        return switch (kind) {
            case NONE -> new NoRefresh();
            case ALLBANK -> new AllBankRefresh(spec, postpone, rankUnits, stagger, precharge);
            case PERBANK -> new PerBankRefresh(spec, postpone, rankUnits, stagger);
            case SAMEBANK -> new SameBankRefresh(spec, postpone, rankUnits, stagger);
        };
    }

    /**
     * Time-driven work at the start of cycle {@code cycle}'s decision: refreshes whose due time
     * has passed become owed. Returns the next due time ({@link Long#MAX_VALUE} if none).
     */
    long accrue(long cycle);

    /**
     * The cycle rank unit {@code r}'s next refresh falls due (as of the last {@link #accrue}):
     * when its owed count grows next ({@link Long#MAX_VALUE} if never). A command source that
     * schedules refreshes itself (a PIM channel taking them at its row switches) wakes then.
     */
    long due(int r);

    /** Refreshes owed (due, not yet issued) by rank unit {@code r}. */
    int owed(int r);

    /** True if rank unit {@code r} must refresh now: one is owed and either no request waits or too many are owed. */
    boolean needed(int r, int pendingRequests);

    /**
     * The command rank unit {@code r} issues next towards its owed refresh, given the banks' open
     * rows (flat bank index) and open-bank counts per rank unit; fills {@code out}.
     */
    void next(int r, int[] openRow, int[] openBanks, Step out);

    /** Rank unit {@code r} issued its refresh command {@code k}. */
    void issued(int r, Command k);

    /**
     * One step of a refresh: the command, its bank (flat index, -1 for a rank-wide one) and which
     * banks the pending refresh keeps from new commands meanwhile.
     */
    final class Step {
        /** No bank is held. */
        public static final int HOLD_NONE = 0;
        /** Every bank of the rank is held. */
        public static final int HOLD_RANK = 1;
        /** The flat bank {@link #holdBank} is held. */
        public static final int HOLD_BANK = 2;
        /** Bank index {@link #holdBank} of every bank group is held. */
        public static final int HOLD_BANK_INDEX = 3;

        public int command = -1;
        public int bank = -1;
        public int hold = HOLD_NONE;
        public int holdBank = -1;

        public void set(int command, int bank, int hold, int holdBank) {
            this.command = command;
            this.bank = bank;
            this.hold = hold;
            this.holdBank = holdBank;
        }
    }
}
