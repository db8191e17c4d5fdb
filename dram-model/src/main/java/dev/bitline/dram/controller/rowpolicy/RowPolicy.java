package dev.bitline.dram.controller.rowpolicy;

import dev.bitline.dram.controller.PagePolicy;

/**
 * When an open row is closed: the row-buffer (page) policy. Chosen by {@code pagePolicy:} in the
 * controller config: {@link OpenRow} (keep it open until a conflict), {@link ClosedRow}
 * (auto-precharge the last queued hit; close idle rows at once), {@link TimeoutRow} (close a row
 * idle for {@code pageTimeout} cycles).
 */
public sealed interface RowPolicy permits OpenRow, ClosedRow, TimeoutRow {

    static RowPolicy of(PagePolicy kind, int pageTimeout) {
        return switch (kind) {
            case OPEN -> new OpenRow();
            case CLOSED -> new ClosedRow();
            case TIMEOUT -> new TimeoutRow(pageTimeout);
        };
    }

    /**
     * Whether the column command of a hit auto-precharges (RDA / WRA), given whether another
     * queued request hits the row. Where {@link #dependsOnOtherHits()} is false the scheduler
     * does not scan for other hits and passes false: the answer must not depend on it.
     */
    boolean autoPrecharge(boolean otherHitQueued);

    /** Whether a row no queued request hits is closed at all (by a PRE of its own). */
    boolean closesIdleRows();

    /** Earliest cycle an idle row whose last column access was at {@code lastColumn} may be closed. */
    long idleCloseAt(long lastColumn);

    /** Whether the policy issues auto-precharge column commands (RDA / WRA). */
    default boolean usesAutoPrecharge() {
        return false;
    }

    /** Whether a bank's column command depends on the other queued hits (so an arrival may change it). */
    default boolean dependsOnOtherHits() {
        return false;
    }
}
