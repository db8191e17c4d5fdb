package dev.bitline.dram.controller.plugin;

import dev.bitline.dram.spec.Command;

/**
 * Observes one channel controller as it runs, beside its {@link dev.bitline.dram.trace.CommandSink}:
 * every issued command (in issue order, primitives, no allocation) and every served request.
 * Several plugins may be attached ({@code Controller.addPlugin}); they see the same events in
 * attach order. Shipped: {@link TraceRecorder} (the command trace) and {@link OnTheFlyChecker}
 * (the independent timing checker, fed while the run goes, optionally failing at the first
 * violation). A plugin must not call back into the controller.
 */
public interface ControllerPlugin {

    /** A command issued (fields that do not apply are {@code CommandRecord.NONE}). */
    default void onCommand(long cycle, Command command, int channel, int pseudoChannel, int rank, int bankGroup,
            int bank, int row, int column) {}

    /** A request served: its column command issued at {@code issue}, data done at {@code completion}. */
    default void onRequestServed(long tag, boolean write, long arrival, long issue, long completion) {}
}
