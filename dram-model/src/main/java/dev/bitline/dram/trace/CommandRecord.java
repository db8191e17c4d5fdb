package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;

/**
 * One issued DRAM command. Its text form (see {@link CommandTraceFormat}) is one line:
 * {@code 123456 ACT ch=0 pc=0 ra=0 bg=1 ba=2 row=1234 col=0}; a field that does not apply is
 * {@link #NONE} in the record and {@code *} in text.
 */
public record CommandRecord(long cycle, Command command, int channel, int pseudoChannel, int rank,
        int bankGroup, int bank, int row, int column) {

    /** Marks a field that does not apply to the command (or, for REFsb's bank group, "all"). */
    public static final int NONE = -1;

    public CommandRecord {
        if (cycle < 0) throw new IllegalArgumentException("cycle must be >= 0, got " + cycle);
        if (command == null) throw new IllegalArgumentException("command is required");
    }

    @Override
    public String toString() {
        return CommandTraceFormat.format(this);
    }
}
