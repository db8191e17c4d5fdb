package dev.bitline.dram.controller.bus;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/** One command bus per channel (DDR4/5, LPDDR5, GDDR6): one command per cycle. */
public final class SingleBus implements CommandBuses {
    private final CommandBuses.Tables t;
    private long free;

    SingleBus(DramSpec spec) {
        t = new CommandBuses.Tables(spec);
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
        return t.column[id];
    }

    @Override
    public void occupy(Command k, long cycle) {
        free = cycle + t.cycles[k.id()];
    }
}
