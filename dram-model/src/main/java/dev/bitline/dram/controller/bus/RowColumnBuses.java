package dev.bitline.dram.controller.bus;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * Separate row and column command buses (HBM): per cycle one row command (ACT, PRE, PREA,
 * refresh, power-down) and one column command (RD, WR, ...), by each command's {@code bus} flag.
 */
public final class RowColumnBuses implements CommandBuses {
    private final CommandBuses.Tables t;
    private long rowFree, colFree;

    RowColumnBuses(DramSpec spec) {
        t = new CommandBuses.Tables(spec);
    }

    @Override
    public long rowFree() {
        return rowFree;
    }

    @Override
    public long colFree() {
        return colFree;
    }

    @Override
    public boolean dual() {
        return true;
    }

    @Override
    public boolean column(int id) {
        return t.column[id];
    }

    @Override
    public void occupy(Command k, long cycle) {
        long free = cycle + t.cycles[k.id()];
        if (t.column[k.id()]) colFree = free;
        else rowFree = free;
    }
}
