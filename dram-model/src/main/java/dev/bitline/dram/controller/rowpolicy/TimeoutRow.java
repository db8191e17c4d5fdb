package dev.bitline.dram.controller.rowpolicy;

/** Timeout page: a row with no queued hit is closed {@code timeout} cycles after its last column access. */
public record TimeoutRow(int timeout) implements RowPolicy {
    public TimeoutRow {
        if (timeout < 0) throw new IllegalArgumentException("pageTimeout must be >= 0, got " + timeout);
    }

    @Override
    public boolean autoPrecharge(boolean otherHitQueued) {
        return false;
    }

    @Override
    public boolean closesIdleRows() {
        return true;
    }

    @Override
    public long idleCloseAt(long lastColumn) {
        return lastColumn + timeout;
    }
}
