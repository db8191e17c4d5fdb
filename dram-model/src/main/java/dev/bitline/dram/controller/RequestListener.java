package dev.bitline.dram.controller;

/**
 * Told when a request's data transfer is scheduled. Called at the cycle the column command (RD/WR)
 * issues, with {@code completionCycle} = end of its data burst + returnLatency (>= the issue
 * cycle); front-ends that need the callback at completion time can schedule it themselves.
 */
@FunctionalInterface
public interface RequestListener {
    void onComplete(long tag, boolean write, long arrivalCycle, long completionCycle);
}
