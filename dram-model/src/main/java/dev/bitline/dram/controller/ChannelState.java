package dev.bitline.dram.controller;

/**
 * The bank and rank state one channel's parts share: the geometry (flat bank index -> rank unit,
 * bank group, bank), each bank's open row and last column access, and which banks the rank's
 * pending refresh or power-down holds from new commands in the current decision. The controller
 * writes it (issue effects, rank decisions); the scheduler and the drivers read it. Plain arrays:
 * it is read on every candidate computation.
 */
public final class ChannelState {
    /** Hold kinds per rank unit (as {@code RefreshManager.Step}): none, the whole rank, one flat bank, one bank index in every group. */
    public static final int HOLD_NONE = 0, HOLD_RANK = 1, HOLD_BANK = 2, HOLD_BANK_INDEX = 3;

    /** Rank units (pseudo-channel x rank), bank groups per rank, banks per group and per rank, banks. */
    public final int ranks, bgs, bpg, bpr, nBanks;
    /** Per flat bank: its rank unit, bank group, bank within the group. */
    public final int[] bankRank, bankBg, bankBa;
    /** Per flat bank: open row (-1 closed), cycle of the last column access. */
    public final int[] openRow;
    public final long[] lastCol;
    /** Per rank unit: open banks; what its refresh / power-down holds this decision. */
    public final int[] openBanks, hold, holdBank;

    ChannelState(int ranks, int bgs, int bpg) {
        this.ranks = ranks;
        this.bgs = bgs;
        this.bpg = bpg;
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
        openRow = new int[nBanks];
        java.util.Arrays.fill(openRow, -1);
        lastCol = new long[nBanks];
        openBanks = new int[ranks];
        hold = new int[ranks];
        holdBank = new int[ranks];
    }

    /** True if rank unit r's pending refresh or power-down keeps flat bank b from new commands. */
    public boolean blocked(int r, int b) {
        switch (hold[r]) {
            case HOLD_NONE: return false;
            case HOLD_RANK: return true;
            case HOLD_BANK: return b == holdBank[r];
            default: return bankBa[b] == holdBank[r];
        }
    }
}
