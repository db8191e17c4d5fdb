package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;
import java.io.IOException;
import java.io.Writer;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-memory command trace in primitive arrays (no object per command); a {@link CommandSink}.
 * Used for the event-driven == ticked comparison and as the checker's input.
 */
public final class CommandBuffer implements CommandSink {
    private long[] cycle = new long[1024];
    private Command[] cmd = new Command[1024]; // the standard's instances: no allocation per entry
    private int[] loc = new int[1024 * 7];
    private int size;

    @Override
    public void onCommand(long c, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column) {
        if (size == cycle.length) {
            int n = size * 2;
            cycle = Arrays.copyOf(cycle, n);
            cmd = Arrays.copyOf(cmd, n);
            loc = Arrays.copyOf(loc, n * 7);
        }
        cycle[size] = c;
        cmd[size] = command;
        int b = size * 7;
        loc[b] = channel;
        loc[b + 1] = pseudoChannel;
        loc[b + 2] = rank;
        loc[b + 3] = bankGroup;
        loc[b + 4] = bank;
        loc[b + 5] = row;
        loc[b + 6] = column;
        size++;
    }

    public void add(CommandRecord r) {
        onCommand(r.cycle(), r.command(), r.channel(), r.pseudoChannel(), r.rank(), r.bankGroup(),
                r.bank(), r.row(), r.column());
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public long cycle(int i) {
        check(i);
        return cycle[i];
    }

    public Command command(int i) {
        check(i);
        return cmd[i];
    }

    public CommandRecord get(int i) {
        check(i);
        int b = i * 7;
        return new CommandRecord(cycle[i], cmd[i], loc[b], loc[b + 1], loc[b + 2],
                loc[b + 3], loc[b + 4], loc[b + 5], loc[b + 6]);
    }

    /** A read-only list view (creates a record per get). */
    public List<CommandRecord> asList() {
        return new AbstractList<>() {
            @Override
            public CommandRecord get(int index) {
                return CommandBuffer.this.get(index);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Index of the first entry that differs from {@code other}, or -1 if both are identical. */
    public int firstDifference(CommandBuffer other) {
        int n = Math.min(size, other.size);
        for (int i = 0; i < n; i++) {
            if (cycle[i] != other.cycle[i] || !cmd[i].equals(other.cmd[i])) return i;
            for (int k = 0; k < 7; k++) if (loc[i * 7 + k] != other.loc[i * 7 + k]) return i;
        }
        return size == other.size ? -1 : n;
    }

    /**
     * A copy in canonical order: by cycle, then channel, keeping issue order otherwise. A
     * multi-channel system advances its channels one after the other, so its raw sink order
     * interleaves channels out of cycle order; within one channel commands are always in order.
     */
    public CommandBuffer sortedByCycle() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (x, y) -> {
            int c = Long.compare(cycle[x], cycle[y]);
            return c != 0 ? c : Integer.compare(loc[x * 7], loc[y * 7]);
        });
        CommandBuffer out = new CommandBuffer();
        for (int k = 0; k < size; k++) emit(idx[k], out);
        return out;
    }

    /** Writes the whole trace in the text format (with header). */
    public void writeText(Writer out) throws IOException {
        try (CommandTraceWriter w = new CommandTraceWriter(out)) {
            for (int i = 0; i < size; i++) emit(i, w);
        }
    }

    /** Hands entry {@code i} to {@code sink} as it was recorded (no record object). */
    public void emit(int i, CommandSink sink) {
        int b = i * 7;
        sink.onCommand(cycle[i], cmd[i], loc[b], loc[b + 1], loc[b + 2], loc[b + 3], loc[b + 4], loc[b + 5], loc[b + 6]);
    }

    /** Drops the first {@code n} entries; the rest move to the front. */
    public void dropFirst(int n) {
        if (n < 0 || n > size) throw new IndexOutOfBoundsException(n + " of " + size);
        int rest = size - n;
        if (n > 0 && rest > 0) {
            System.arraycopy(cycle, n, cycle, 0, rest);
            System.arraycopy(cmd, n, cmd, 0, rest);
            System.arraycopy(loc, n * 7, loc, 0, rest * 7);
        }
        size = rest;
    }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
    }
}
