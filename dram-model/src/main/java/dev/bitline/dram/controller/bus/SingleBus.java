package dev.bitline.dram.controller.bus;

import dev.bitline.dram.spec.DramSpec;

/** One command bus per channel (DDR4/5, LPDDR5, GDDR6): one command per cycle. */
public final class SingleBus implements CommandBuses {
    // per command id (the hot path reads them on every issue: plain arrays, no holder object)
    private final int[] cycles;
    private final boolean[] column;
    private long free;

    SingleBus(DramSpec spec) {
        CommandBuses.Tables t = new CommandBuses.Tables(spec);
        cycles = t.cycles;
        column = t.column;
    }

    @Override
    public long rowFree() {
        return free;
    }

    @Override
    public long colFree() {
        return free;
    }

    @Override
    public boolean dual() {
        return false;
    }

    @Override
    public boolean column(int id) {
        return column[id];
    }

    @Override
    public void occupy(int id, long cycle) {
        free = cycle + cycles[id];
    }
}
