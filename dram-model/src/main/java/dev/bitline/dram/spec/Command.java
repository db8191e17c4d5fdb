package dev.bitline.dram.spec;

import dev.bitline.dram.spec.CommandMeta.Direction;
import dev.bitline.dram.spec.CommandMeta.Transition;

/**
 * One command of a standard's vocabulary: its name, the small integer {@link DramSpec} interned
 * it to (its position in the standard's {@code commands:} table, used to index arrays on hot
 * paths) and its meta flags. Instances are created once per standard by {@link DramSpec}; the
 * vocabulary itself is data (see {@link CommandMeta}), so nothing in the engine, controller,
 * checker or energy model names a command.
 *
 * <p>The accessors below are the flag reads every consumer uses; they are plain field loads.
 */
public record Command(int id, String name, CommandMeta meta) {

    public Command {
        if (id < 0) throw new IllegalArgumentException("id must be >= 0");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("command name '" + name + "' (expected letters, digits, '_')");
        }
        if (meta == null) throw new IllegalArgumentException("meta is required");
    }

    public Target target() {
        return meta.target();
    }

    /** Opens a row (ACT). */
    public boolean opens() {
        return meta.opens();
    }

    /** Precharges what it covers (PRE, PREA; RDA / WRA after their access). */
    public boolean closes() {
        return meta.closes();
    }

    /** A column access to the open row (RD, WR, RDA, WRA, a PIM MAC). */
    public boolean isColumn() {
        return meta.access() != Direction.NONE;
    }

    /** A column read (RD, RDA). */
    public boolean isRead() {
        return meta.access() == Direction.READ;
    }

    /** A column write (WR, WRA). */
    public boolean isWrite() {
        return meta.access() == Direction.WRITE;
    }

    /** Puts a burst on the data bus CL after the command. */
    public boolean readsData() {
        return meta.dataDirection() == Direction.READ;
    }

    /** Takes a burst from the data bus CWL after the command. */
    public boolean writesData() {
        return meta.dataDirection() == Direction.WRITE;
    }

    public boolean isRefresh() {
        return meta.refresh();
    }

    /** Uses the column command bus where the standard has separate row and column buses. */
    public boolean usesColumnBus() {
        return meta.commandBus() == CommandMeta.Bus.COLUMN;
    }

    /** Command-bus cycles it holds. */
    public int cycles() {
        return meta.cycles();
    }

    public Transition powerDown() {
        return meta.powerDown();
    }

    public Transition selfRefresh() {
        return meta.selfRefresh();
    }

    /** The row buffer(s) it works on (memory unless a dual-row-buffer PIM part says pim / all). */
    public CommandMeta.RowBuffer rowBuffer() {
        return meta.rowBuffer();
    }

    /** True if it works on the PIM row buffer only (not the memory buffer the host's requests use). */
    public boolean pimBuffer() {
        return meta.rowBuffer() == CommandMeta.RowBuffer.PIM;
    }

    @Override
    public String toString() {
        return name;
    }
    /*
     * equals and hashCode written out (same meaning as the record's generated ones: all three
     * components): the generated ones are bootstrapped through java.lang.runtime.ObjectMethods on
     * first use, which spins ~40 method-handle classes, about 30 ms of every run's start-up
     * (issue 15), for the one LinkedHashSet of a timing window's commands.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        return o instanceof Command c && c.id == id && c.name.equals(name) && c.meta.equals(meta);
    }

    @Override
    public int hashCode() {
        return 31 * id + name.hashCode();
    }
}
