package dev.bitline.dram.trace;

import dev.bitline.dram.spec.Command;

/**
 * Receives every command a controller issues, in issue order, with primitive arguments so that
 * listening costs no allocation. Fields that do not apply to a command (the bank of a REFab, the
 * row of a PRE, the bank group of a REFsb) are {@link CommandRecord#NONE}. {@code rank} is the
 * rank within the (pseudo-)channel.
 */
@FunctionalInterface
public interface CommandSink {
    void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank,
            int bankGroup, int bank, int row, int column);

    /**
     * True if this sink needs each channel's commands in issue order but not the channels
     * interleaved by cycle (per-channel or per-rank state, such as the energy counter and the
     * checker). A system whose channels advance independently then hands it each channel's
     * commands as they come instead of merging the streams by cycle first. Default false: one
     * cycle-ordered stream (a trace writer needs it).
     */
    default boolean anyChannelOrder() {
        return false;
    }
}
