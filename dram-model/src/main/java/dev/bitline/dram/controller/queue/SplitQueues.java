package dev.bitline.dram.controller.queue;

import dev.bitline.dram.controller.ControllerConfig;

/** Separate read and write queues of {@code readQueueDepth} / {@code writeQueueDepth} entries (Ramulator). */
public final class SplitQueues extends RequestQueues {
    private final int readCapacity, writeCapacity;

    SplitQueues(ControllerConfig cfg, int nBanks, int banksPerRank) {
        super(cfg, nBanks, banksPerRank, cfg.writeQueueDepth());
        readCapacity = cfg.readQueueDepth();
        writeCapacity = cfg.writeQueueDepth();
    }

    @Override
    boolean fits(boolean write, int reads, int writes) {
        return write ? writes < writeCapacity : reads < readCapacity;
    }
}
