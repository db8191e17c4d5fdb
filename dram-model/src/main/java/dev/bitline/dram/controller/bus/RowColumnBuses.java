package dev.bitline.dram.controller.bus;

import dev.bitline.dram.spec.DramSpec;

/**
 * Separate row and column command buses (HBM): per cycle one row command (ACT, PRE, PREA,
 * refresh, power-down) and one column command (RD, WR, ...), by each command's {@code bus} flag.
 */
public final class RowColumnBuses implements CommandBuses {
    // per command id (the hot path reads them on every issue: plain arrays, no holder object)
    private final int[] cycles;
    private final boolean[] column;
    private long rowFree, colFree;

    RowColumnBuses(DramSpec spec) {
        CommandBuses.Tables t = new CommandBuses.Tables(spec);
        cycles = t.cycles;
        column = t.column;
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
        return column[id];
    }

    @Override
    public void occupy(int id, long cycle) {
        long free = cycle + cycles[id];
        if (column[id]) colFree = free;
        else rowFree = free;
    }
}
