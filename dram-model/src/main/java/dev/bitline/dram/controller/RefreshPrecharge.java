package dev.bitline.dram.controller;

/**
 * How an all-bank refresh closes the rank's open banks before its REFab. Both are legal JEDEC
 * sequences; they differ in how soon the refresh can issue, because a PREA waits for the
 * slowest open bank's tRAS while single-bank precharges start with the banks that are ready.
 */
public enum RefreshPrecharge {
    /** One rank-wide PREA (Bitline's default; Ramulator 2.1's AllBank refresh). */
    RANK,
    /**
     * A single-bank PRE for each open bank, the first open one in bank-group, bank order each
     * time, then the REFab (DRAMsim3: {@code ChannelState::GetRequiredCommand}, case REFRESH,
     * returns a PRECHARGE for the first bank that still has a row open;
     * {@code CommandQueue::FinishRefresh}).
     */
    BANKS
}
