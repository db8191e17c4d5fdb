package dev.bitline.dram.controller.scheduler;

import dev.bitline.dram.controller.ChannelState;
import dev.bitline.dram.controller.bus.CommandBuses;
import dev.bitline.dram.controller.queue.RequestQueues;
import dev.bitline.dram.controller.rowpolicy.RowPolicy;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.timing.TimingEngine;

/**
 * First-ready FCFS: a bank serves its oldest queued row hit first; among banks, ready row hits
 * beat ACT / PRE candidates, then the oldest request wins. Without read priority
 * ({@code readsFirst: false}) reads and writes compete on age alone.
 */
public final class FrFcfs extends Scheduler {

    FrFcfs(DramSpec spec, ChannelState st, RequestQueues q, RowPolicy rowPolicy, TimingEngine eng,
            CommandBuses buses, boolean roundRobin) {
        super(spec, st, q, rowPolicy, eng, buses, roundRobin, true);
    }

    @Override
    int hit(int b, int head, int open) {
        if (!q.readsFirst()) return olderOf(firstHit(q.readHead(b), open), firstHit(q.writeHead(b), open));
        return firstHit(head, open);
    }

    @Override
    boolean hitsBehindHead() {
        return true;
    }
}
