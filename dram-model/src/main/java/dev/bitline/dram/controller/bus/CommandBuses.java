package dev.bitline.dram.controller.bus;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;

/**
 * The command bus(es) of one channel: when each is free again. A command holds its bus for its
 * {@code cycles} flag (DDR5 ACT: 2); a PIM channel that issues its own commands shares these
 * buses with the host's requests through the same object. Chosen by the standard's
 * {@code commandBus:} kind: {@link SingleBus} (one command per cycle) or {@link RowColumnBuses}
 * (HBM: a row and a column command per cycle).
 */
public sealed interface CommandBuses permits SingleBus, RowColumnBuses {

    /** The buses of {@code spec}'s channel. */
    static CommandBuses of(DramSpec spec) {
        return switch (spec.commandBus()) {
            case SINGLE -> new SingleBus(spec);
            case ROW_COLUMN -> new RowColumnBuses(spec);
        };
    }

    /** First cycle the row bus is free (with one bus: the bus). */
    long rowFree();

    /** First cycle the column bus is free (with one bus: the bus). */
    long colFree();

    /** True if row and column commands have separate buses (a cycle may carry one of each). */
    boolean dual();

    /** True if command {@code id} travels on the column bus (where there is one). */
    boolean column(int id);

    /** First cycle command {@code id}'s bus is free. */
    default long freeAt(int id) {
        return column(id) ? colFree() : rowFree();
    }

    /** Records that command {@code id} issued at {@code cycle}: its bus is held for its cycles. */
    void occupy(int id, long cycle);

    /** As {@link #occupy(int, long)} with the command. */
    default void occupy(Command k, long cycle) {
        occupy(k.id(), cycle);
    }

    /** Per-command tables shared by both implementations. */
    final class Tables {
        final int[] cycles;
        final boolean[] column;

        Tables(DramSpec spec) {
            cycles = new int[spec.commandCount()];
            column = new boolean[spec.commandCount()];
            for (Command c : spec.commands()) {
                cycles[c.id()] = c.cycles();
                column[c.id()] = c.usesColumnBus();
            }
        }
    }
}
