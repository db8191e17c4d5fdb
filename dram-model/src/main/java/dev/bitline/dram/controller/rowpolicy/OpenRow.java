package dev.bitline.dram.controller.rowpolicy;

/** Open page: a row stays open until a request to another row needs the bank. */
public record OpenRow() implements RowPolicy {
    @Override
    public boolean autoPrecharge(boolean otherHitQueued) {
        return false;
    }

    @Override
    public boolean closesIdleRows() {
        return false;
    }

    @Override
    public long idleCloseAt(long lastColumn) {
        return Long.MAX_VALUE;
    }
}
