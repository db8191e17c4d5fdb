package dev.bitline.dram.controller;

/** How a channel controller buffers requests. */
public enum QueueStructure {
    /** One transaction queue of {@code transactionQueueDepth} shared by reads and writes (DRAMsim3). */
    SHARED,
    /** Separate read and write queues of {@code readQueueDepth} / {@code writeQueueDepth} (Ramulator). */
    SPLIT
}
