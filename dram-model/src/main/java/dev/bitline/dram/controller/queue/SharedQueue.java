package dev.bitline.dram.controller.queue;

import dev.bitline.dram.controller.ControllerConfig;

/**
 * One transaction queue of {@code transactionQueueDepth} entries shared by reads and writes
 * (DRAMsim3); the write watermarks are fractions of it.
 */
public final class SharedQueue extends RequestQueues {
    private final int capacity;

    SharedQueue(ControllerConfig cfg, int nBanks, int banksPerRank) {
        super(cfg, nBanks, banksPerRank, cfg.transactionQueueDepth());
        capacity = cfg.transactionQueueDepth();
    }

    @Override
    boolean fits(boolean write, int reads, int writes) {
        return reads + writes < capacity;
    }
}
