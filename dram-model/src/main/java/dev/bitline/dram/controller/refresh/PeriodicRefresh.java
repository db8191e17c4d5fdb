package dev.bitline.dram.controller.refresh;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * A refresh every {@code interval} cycles per rank unit, ranks staggered over {@code stagger} x
 * one interval (1, the default: evenly, so their refreshes do not coincide; 0: together); up to {@code postpone} may be owed while the rank has
 * requests. Subclasses say which command pays one and what it holds.
 */
public abstract sealed class PeriodicRefresh implements RefreshManager
        permits AllBankRefresh, PerBankRefresh, SameBankRefresh {
    protected final DramSpec spec;
    protected final long interval;
    private final int postpone;
    private final long[] due;
    private final int[] owed;
    private long nextDue; // min(due): accrue() changes nothing before it (0: not yet computed)
    /** Round robin position per rank unit (bank or bank index refreshed next). */
    protected final int[] position;

    PeriodicRefresh(DramSpec spec, int postpone, int rankUnits, long interval, String what, double stagger) {
        if (interval <= 0) {
            throw new IllegalArgumentException("refresh interval of " + spec.name() + " must be > 0 (" + what + ")");
        }
        this.spec = spec;
        this.interval = interval;
        this.postpone = postpone;
        due = new long[rankUnits];
        owed = new int[rankUnits];
        position = new int[rankUnits];
        for (int r = 0; r < rankUnits; r++) {
            due[r] = interval + (stagger == 1.0 ? (long) r * interval / rankUnits
                    : (long) Math.floor(stagger * r * interval / rankUnits));
        }
    }

    /** The id of a role's command, or a located-style error naming the role the kind needs. */
    static int require(DramSpec spec, Command c, String kind, String role) {
        if (c == null) {
            throw new IllegalArgumentException("refresh: " + kind + " needs " + role + ", which " + spec.name()
                    + " does not have (commands " + spec.commands() + ")");
        }
        return c.id();
    }

    @Override
    public final long accrue(long cycle) {
        // called at every decision; most find nothing due (one refresh per rank per interval)
        if (cycle < nextDue) return nextDue;
        long next = Long.MAX_VALUE;
        for (int r = 0; r < due.length; r++) {
            while (due[r] <= cycle) {
                owed[r]++;
                due[r] += interval;
            }
            if (due[r] < next) next = due[r];
        }
        nextDue = next;
        return next;
    }

    @Override
    public final long due(int r) {
        return due[r];
    }

    @Override
    public final int owed(int r) {
        return owed[r];
    }

    @Override
    public final boolean needed(int r, int pendingRequests) {
        return owed[r] > 0 && (owed[r] > postpone || pendingRequests == 0);
    }

    @Override
    public void issued(int r, Command k) {
        owed[r]--;
    }

    /** Advances rank unit {@code r}'s round robin over {@code n} positions. */
    protected final void rotate(int r, int n) {
        position[r] = position[r] + 1 == n ? 0 : position[r] + 1;
    }
}
