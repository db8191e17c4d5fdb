package dev.bitline.dram.controller.scheduler;

import dev.bitline.dram.controller.ChannelState;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.queue.RequestQueues;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.timing.TimingEngine;

/**
 * Oldest first: each bank serves its requests in arrival order (its oldest request's row hit,
 * else the PRE / ACT that request needs); among banks the oldest ready request wins.
 */
public final class Fcfs extends Scheduler {

    Fcfs(DramSpec spec, ChannelState st, RequestQueues q, RowPolicy rowPolicy, TimingEngine eng,
            CommandBuses buses, boolean roundRobin) {
        super(spec, st, q, rowPolicy, eng, buses, roundRobin, false);
    }

    @Override
    int hit(int b, int head, int open) {
        return head >= 0 && q.row(head) == open ? head : -1;
    }

    @Override
    boolean hitsBehindHead() {
        return false;
    }
}
