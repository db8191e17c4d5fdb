package dev.bitline.dram.controller.plugin;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandSink;

/**
 * Records the command trace of a controller: into a {@link CommandBuffer} (default) or any
 * {@link CommandSink} (a {@code CommandTraceWriter} for a text file).
 */
public final class TraceRecorder implements ControllerPlugin {
    private final CommandSink out;
    private final CommandBuffer buffer;

    /** Records into a new in-memory buffer ({@link #trace()}). */
    public TraceRecorder() {
        buffer = new CommandBuffer();
        out = buffer;
    }

    /** Forwards every command to {@code out}. */
    public TraceRecorder(CommandSink out) {
        this.out = out;
        this.buffer = out instanceof CommandBuffer b ? b : null;
    }

    /** The recorded trace, or null when recording to another sink. */
    public CommandBuffer trace() {
        return buffer;
    }

    @Override
    public void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank, int bankGroup,
            int bank, int row, int column) {
        out.onCommand(cycle, command, channel, pseudoChannel, rank, bankGroup, bank, row, column);
    }
}
