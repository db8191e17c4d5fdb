package dev.bitline.dram.controller;

import dev.bitline.dram.controller.scheduler.Scheduler;
import dev.bitline.dram.timing.TimingEngine;

/**
 * The reference driver (ticked mode, {@code controller.ticked: true}): visits every cycle and
 * decides with none of the event path's incremental machinery. Every bank's candidate is
 * recomputed from its queues each cycle, every earliest cycle comes from the engine's unfolded
 * per-scope tables and window rings ({@link TimingEngine#earliestUnfolded}, not the folded shared
 * ready times), and no groups, cached keys or next-event computations are used. It shares with
 * the event driver the parts themselves: the queues, the scheduler's candidate of a bank
 * ({@link Scheduler#recompute}) and its priority order ({@link Scheduler#better}), the rank's
 * refresh / power-down command, the command buses and the state changes of an issue; it leaves
 * out only the scheduler's incremental index ({@link Scheduler#pick}). The event == ticked tests therefore check the
 * event path's bookkeeping and the engine's folding, not only its visit pattern.
 */
final class TickedReference implements Driver {
    private final Controller c;

    TickedReference(Controller c) {
        this.c = c;
    }

    @Override
    public long nextDecision() {
        return c.cur;
    }

    @Override
    public void step() {
        long cycle = c.cur;
        c.decisions++;
        decide(cycle);
        if (c.queues.canMove()) c.moveStaged(); // after the command, as in the event path
        c.cur++;
    }

    @Override
    public void advanceTo(long cycle) {
        while (c.cur < cycle) step();
    }

    @Override
    public void arrived(int bank, long cycle) {
        // every cycle is visited anyway
    }

    @Override
    public long nextArrivalTry(long t) {
        return t + 1;
    }

    @Override
    public void issuedExternally(long cycle) {
        // every cycle is visited anyway
    }

    private void decide(long cycle) {
        c.accrueRefresh(cycle);
        boolean rowOk = cycle >= c.buses.rowFree(), colOk = cycle >= c.buses.colFree();
        if (!rowOk && !colOk) return;
        int used = pass(cycle, rowOk, colOk);
        if (!c.buses.dual() || used == Controller.BUS_NONE) return;
        if (c.firstReadySecond) {
            int b = bestBank(cycle, true, true);
            if (b >= 0) c.secondCommand(b, used, rowOk, colOk, cycle);
        } else if (used == Controller.BUS_ROW && colOk) {
            pass(cycle, false, true);
        } else if (used == Controller.BUS_COL && rowOk) {
            pass(cycle, true, false);
        }
    }

    private int pass(long cycle, boolean rowOk, boolean colOk) {
        for (int r = 0; r < c.ranks; r++) {
            c.rankCandidate(r);
            if (c.rcCmd >= 0 && rowOk && c.rankCandidateEarliest(r, true) <= cycle) {
                c.issueRank(r, c.rcCmd, c.rcBank, cycle);
                return Controller.BUS_ROW;
            }
        }
        int best = bestBank(cycle, rowOk, colOk);
        if (best < 0) return Controller.BUS_NONE;
        int cmd = c.sched.command(best);
        c.issueBank(best, cycle);
        return c.buses.column(cmd) ? Controller.BUS_COL : Controller.BUS_ROW;
    }

    /** The best ready bank candidate among those on a bus allowed here (every bank recomputed), or -1. */
    private int bestBank(long cycle, boolean rowOk, boolean colOk) {
        Scheduler s = c.sched;
        ChannelState st = c.st;
        int best = -1;
        int bestClass = 0;
        long bestSeq = 0;
        for (int b = 0; b < c.nBanks; b++) {
            s.recompute(b);
            int cmd = s.command(b);
            int r = c.bankRank[b];
            if (cmd < 0 || st.blocked(r, b) || !(c.buses.column(cmd) ? colOk : rowOk)) continue;
            long e = c.eng.earliestUnfolded(cmd, r, c.bankBg[b], c.bankBa[b]);
            if (e < s.notBefore(b)) e = s.notBefore(b);
            if (e <= cycle && s.better(best, bestClass, bestSeq, b, s.candidateClass(b), s.candidateSeq(b))) {
                best = b;
                bestClass = s.candidateClass(b);
                bestSeq = s.candidateSeq(b);
            }
        }
        s.clearDirty(); // recompute just cleared every dirty flag
        return best;
    }
}
