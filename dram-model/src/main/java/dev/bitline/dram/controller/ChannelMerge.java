package dev.bitline.dram.controller;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.trace.CommandSink;
import java.util.Arrays;

/**
 * The command streams of channels that advance independently ({@link DramSystem#setDeferredChannels}),
 * put back into the one order the interleaved loop emits: by cycle, then channel, then issue order
 * within the channel. Each channel appends to its own buffer (primitive arrays, no object per
 * command); {@link #flush} hands every buffered command before a cycle that all channels have passed
 * to the real sink.
 */
final class ChannelMerge {
    private final CommandSink out;
    private final Lane[] lanes;
    private int pending;

    ChannelMerge(int channels, CommandSink out) {
        this.out = out;
        lanes = new Lane[channels];
        for (int i = 0; i < channels; i++) lanes[i] = new Lane();
    }

    /** The sink channel {@code i} writes to. */
    CommandSink lane(int i) {
        return lanes[i];
    }

    /** Commands buffered and not yet handed on. */
    int pending() {
        return pending;
    }

    /**
     * Hands on, in (cycle, channel, issue) order, every buffered command of a cycle before
     * {@code limit}; the caller guarantees no channel can still issue one there (every channel's
     * {@link Controller#now()} is at least {@code limit}).
     */
    void flush(long limit) {
        Lane[] ls = lanes;
        while (true) {
            long m = limit;
            for (Lane l : ls) {
                if (l.head < l.size && l.cycle[l.head] < m) m = l.cycle[l.head];
            }
            if (m == limit) break;
            for (Lane l : ls) {
                while (l.head < l.size && l.cycle[l.head] == m) {
                    l.emit(out, l.head++);
                    pending--;
                }
            }
        }
        for (Lane l : ls) l.compact();
    }

    /** One channel's buffer. */
    private final class Lane implements CommandSink {
        long[] cycle = new long[256];
        Command[] cmd = new Command[256]; // the standard's instances
        int[] loc = new int[256 * 7];
        int head, size;

        @Override
        public void onCommand(long c, Command command, int channel, int pseudoChannel, int rank, int bankGroup,
                int bank, int row, int column) {
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
            pending++;
        }

        void emit(CommandSink s, int i) {
            int b = i * 7;
            s.onCommand(cycle[i], cmd[i], loc[b], loc[b + 1], loc[b + 2], loc[b + 3], loc[b + 4], loc[b + 5],
                    loc[b + 6]);
        }

        /** Drops what was handed on (what is left moves to the front). */
        void compact() {
            if (head == 0) return;
            int n = size - head;
            if (n > 0) {
                System.arraycopy(cycle, head, cycle, 0, n);
                System.arraycopy(cmd, head, cmd, 0, n);
                System.arraycopy(loc, head * 7, loc, 0, n * 7);
            }
            head = 0;
            size = n;
        }
    }
}
