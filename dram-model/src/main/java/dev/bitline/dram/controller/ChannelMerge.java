package dev.bitline.dram.controller;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandSink;

/**
 * The command streams of channels that advance independently ({@link DramSystem#setDeferredChannels}),
 * put back into the one order the interleaved loop emits: by cycle, then channel, then issue order
 * within the channel. Each channel appends to its own {@link CommandBuffer} (primitive arrays, no
 * object per command); {@link #flush} hands every buffered command before a cycle that all
 * channels have passed to the real sink.
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
                if (l.head < l.buf.size() && l.buf.cycle(l.head) < m) m = l.buf.cycle(l.head);
            }
            if (m == limit) break;
            for (Lane l : ls) {
                while (l.head < l.buf.size() && l.buf.cycle(l.head) == m) {
                    l.buf.emit(l.head++, out);
                    pending--;
                }
            }
        }
        for (Lane l : ls) l.compact();
    }

    /** One channel's buffer: a {@link CommandBuffer} and how far it has been handed on. */
    private final class Lane implements CommandSink {
        final CommandBuffer buf = new CommandBuffer();
        int head;

        @Override
        public void onCommand(long c, Command command, int channel, int pseudoChannel, int rank, int bankGroup,
                int bank, int row, int column) {
            buf.onCommand(c, command, channel, pseudoChannel, rank, bankGroup, bank, row, column);
            pending++;
        }

        /** Drops what was handed on (what is left moves to the front). */
        void compact() {
            buf.dropFirst(head);
            head = 0;
        }
    }
}
