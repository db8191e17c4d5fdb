package dev.bitline.dram.controller;

/**
 * The event-driven loop: visits only cycles at which something can issue or a time-driven event
 * (refresh due, a staging move) falls; each decision computes the next one from the updated state
 * ({@link Controller#step}). Idle cycles cost nothing.
 */
final class EventDriver implements Driver {
    private final Controller ctl;
    private long nextEvent;

    EventDriver(Controller ctl) {
        this.ctl = ctl;
    }

    @Override
    public long nextDecision() {
        return nextEvent;
    }

    @Override
    public void step() {
        long c = nextEvent;
        long n = ctl.step(c);
        ctl.cur = c + 1;
        nextEvent = n;
    }

    @Override
    public void advanceTo(long cycle) {
        Controller c = ctl;
        while (nextEvent < cycle) {
            long at = nextEvent;
            long n = c.step(at);
            c.cur = at + 1;
            nextEvent = n;
        }
    }

    @Override
    public void arrived(int bank, long cycle) {
        if (nextEvent > cycle) nextEvent = ctl.arrivalEvent(bank, cycle, nextEvent);
    }

    @Override
    public long nextArrivalTry(long t) {
        // room appears only when a column command issues, i.e. at a decision; the earliest
        // arrival after that is the next cycle
        if (nextEvent == Long.MAX_VALUE) {
            throw new IllegalStateException("controller queue full and no event pending (deadlock)");
        }
        return Math.max(t + 1, nextEvent + 1);
    }

    @Override
    public void issuedExternally(long cycle) {
        if (nextEvent > cycle) nextEvent = cycle; // the decision of this cycle still runs
    }
}
