package dev.bitline.dram.controller.rowpolicy;

/**
 * Closed page: the last queued hit to a row is served with auto-precharge (RDA / WRA); a row
 * left open with no queued hit (the request mix changed) is precharged at once.
 */
public record ClosedRow() implements RowPolicy {
    @Override
    public boolean autoPrecharge(boolean otherHitQueued) {
        return !otherHitQueued;
    }

    @Override
    public boolean closesIdleRows() {
        return true;
    }

    @Override
    public long idleCloseAt(long lastColumn) {
        return lastColumn;
    }

    @Override
    public boolean usesAutoPrecharge() {
        return true;
    }

    @Override
    public boolean dependsOnOtherHits() {
        return true;
    }
}
