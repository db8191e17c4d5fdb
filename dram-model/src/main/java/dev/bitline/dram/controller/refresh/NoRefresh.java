package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.spec.Command;

/** Refresh off (for studies that leave it out, and PIM phases that schedule it themselves). */
public record NoRefresh() implements RefreshManager {
    @Override
    public long accrue(long cycle) {
        return Long.MAX_VALUE;
    }

    @Override
    public long due(int r) {
        return Long.MAX_VALUE;
    }

    @Override
    public int owed(int r) {
        return 0;
    }

    @Override
    public boolean needed(int r, int pendingRequests) {
        return false;
    }

    @Override
    public void next(int r, int[] openRow, int[] openBanks, Step out) {
        out.set(-1, -1, Step.HOLD_NONE, -1);
    }

    @Override
    public void issued(int r, Command k) {
        throw new IllegalStateException("no refresh is scheduled");
    }
}
