package dev.bitline.dram.controller;

import dev.bitline.dram.address.AddressMapping;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.trace.CommandSink;
import dev.bitline.sim.stats.StatsRegistry;
import java.util.function.Supplier;

/**
 * A whole memory system: one {@link Controller} per channel behind one {@link AddressMapping}.
 * This is the front-end API: submit requests (address, read/write, arrival cycle, tag), advance
 * time, drain, read stats. Channels are independent; {@link #advanceTo} advances all of them.
 *
 * <p>By default every call keeps all channels at the same cycle, stepping them in (cycle, channel)
 * order. With {@link #setDeferredChannels deferred channels} (an open-loop feed, such as a trace
 * run) a channel runs only when a request comes to it, when the caller advances time or drains:
 * per request one channel is touched instead of all, and each channel runs its decisions in
 * longer stretches. Every channel makes the same decisions either way (a channel's state depends
 * on its own arrivals only) and the command sink sees the same stream in the same order (or, if
 * it needs no more, each channel's commands in order: {@link CommandSink#anyChannelOrder}).
 */
public final class DramSystem {
    private final DramSpec spec;
    private final ControllerConfig cfg;
    private final AddressMapping map;
    private final Controller[] ch;
    private CommandSink sink;
    // deferred channels (more than one channel only): each channel runs only when it gets a
    // request; horizon is the latest cycle any caller has advanced to or submitted at, i.e. the
    // cycle every channel of the interleaved loop would be at
    private boolean deferred;
    private long horizon;
    private ChannelMerge merge; // deferred with a sink: puts the channels' commands back in order
    /** Buffered commands (all channels) at which a deferred system catches every channel up and hands them on. */
    static final int MERGE_FLUSH = 4096;

    public DramSystem(DramSpec spec, ControllerConfig cfg, RequestListener listener) {
        this.spec = spec;
        this.cfg = cfg;
        this.map = new AddressMapping(spec.organization(), cfg.addressMapping(), cfg.xorBankWithRow());
        int n = spec.organization().channels();
        ch = new Controller[n];
        for (int i = 0; i < n; i++) ch[i] = new Controller(spec, cfg, i, map, listener);
    }

    public DramSpec spec() {
        return spec;
    }

    public ControllerConfig config() {
        return cfg;
    }

    public AddressMapping mapping() {
        return map;
    }

    public int channels() {
        return ch.length;
    }

    public Controller channel(int i) {
        return ch[i];
    }

    public void setListener(RequestListener l) {
        catchUp(); // completions before the latest cycle seen go to the old listener
        for (Controller c : ch) c.setListener(l);
    }

    /** Sends every issued command of every channel to {@code s} (null = none). */
    public void setCommandSink(CommandSink s) {
        catchUp();
        sink = s;
        connectSink();
    }

    /**
     * Deferred channels (default off; no effect with one channel): a channel advances only when
     * a request is submitted to it, on {@link #advanceTo} and on {@link #drain}. Decisions,
     * commands, their order at the sink and the statistics at the end are the same as without;
     * what changes is <em>when</em> a channel's work happens, so the request listener hears of a
     * completion on one channel late (at that channel's next advance, at the latest at
     * {@link #drain}) and the commands reach the sink in batches (merged back into cycle order,
     * unless the sink says {@link CommandSink#anyChannelOrder} is enough: then each channel's
     * commands go to it as they issue). For open-loop feeds (a trace
     * run), not for a closed loop that waits for completions. The query methods ({@link #queued},
     * {@link #nextEventCycle}, {@link #stats}) first bring every channel up to the latest cycle
     * seen; {@link #channel(int)} gives a controller as it is.
     */
    public void setDeferredChannels(boolean on) {
        catchUp();
        deferred = on && ch.length > 1;
        connectSink();
    }

    public boolean deferredChannels() {
        return deferred;
    }

    private void connectSink() {
        if (merge != null) merge.flush(Long.MAX_VALUE); // catchUp() ran: every buffered command is final
        merge = deferred && sink != null && !sink.anyChannelOrder() ? new ChannelMerge(ch.length, sink) : null;
        for (int i = 0; i < ch.length; i++) ch[i].setCommandSink(merge != null ? merge.lane(i) : sink);
    }

    /**
     * Deferred: every channel to the latest cycle seen, and every command before it to the sink
     * (the state the interleaved loop keeps all the time).
     */
    private void catchUp() {
        if (!deferred) return;
        for (Controller c : ch) c.advanceTo(horizon);
        if (merge != null) merge.flush(horizon);
    }

    /** Capacity in bytes; addresses must lie in [0, capacity). */
    public long capacity() {
        return map.capacity();
    }

    /**
     * Offers a request arriving at {@code cycle}; false if its channel's queue is full.
     *
     * @throws IllegalArgumentException if the address is beyond capacity
     */
    public boolean trySubmit(long address, boolean write, long cycle, long tag) {
        map.check(address);
        Controller c = ch[map.channel(address)];
        if (deferred) {
            if (cycle < horizon) {
                throw new IllegalArgumentException("arrival cycle " + cycle + " is before the controller's time " + horizon);
            }
            horizon = cycle;
            boolean ok = c.trySubmit(address, write, cycle, tag);
            if (merge != null && merge.pending() >= MERGE_FLUSH) catchUp();
            return ok;
        }
        if (ch.length > 1) advanceTo(cycle);
        return c.trySubmit(address, write, cycle, tag);
    }

    /**
     * Submits, waiting while the target channel's queue is full; returns the arrival cycle used
     * (the first cycle >= {@code cycle} with room). Other channels advance alongside.
     */
    public long submitBlocking(long address, boolean write, long cycle, long tag) {
        map.check(address);
        Controller c = ch[map.channel(address)];
        if (ch.length == 1) return c.submitBlocking(address, write, cycle, tag);
        if (deferred) {
            // only this channel moves: the other channels' decisions before t do not depend on
            // this request, they run when those channels next advance
            long t = Math.max(cycle, horizon);
            c.advanceTo(t);
            while (!c.hasSpace(write)) {
                long n = cfg.ticked() ? t + 1 : Math.max(t + 1, c.nextEventCycle() + 1);
                if (c.nextEventCycle() == Long.MAX_VALUE) throw new IllegalStateException("queue full and no event pending");
                t = n;
                c.advanceTo(t);
            }
            horizon = t;
            if (!c.trySubmit(address, write, t, tag)) throw new IllegalStateException("space vanished");
            if (merge != null && merge.pending() >= MERGE_FLUSH) catchUp();
            return t;
        }
        long t = Math.max(cycle, c.now());
        advanceTo(t);
        while (!c.hasSpace(write)) {
            long n = cfg.ticked() ? t + 1 : Math.max(t + 1, c.nextEventCycle() + 1);
            if (c.nextEventCycle() == Long.MAX_VALUE) throw new IllegalStateException("queue full and no event pending");
            t = n;
            advanceTo(t);
        }
        if (!c.trySubmit(address, write, t, tag)) throw new IllegalStateException("space vanished");
        return t;
    }

    /**
     * Runs all decisions of all channels for cycles before {@code cycle}. Channels are interleaved
     * in (cycle, channel) order, so a command sink sees one globally cycle-ordered stream.
     */
    public void advanceTo(long cycle) {
        if (ch.length == 1) {
            ch[0].advanceTo(cycle);
            return;
        }
        if (deferred) {
            if (cycle > horizon) horizon = cycle;
            catchUp();
            return;
        }
        while (true) {
            int best = -1;
            long bt = cycle;
            for (int i = 0; i < ch.length; i++) {
                long t = ch[i].nextDecisionCycle();
                if (t < bt) {
                    bt = t;
                    best = i;
                }
            }
            if (best < 0) break;
            ch[best].stepOnce();
        }
        for (Controller c : ch) c.advanceTo(cycle);
    }

    /** Earliest next event over all channels. */
    public long nextEventCycle() {
        catchUp();
        long m = Long.MAX_VALUE;
        for (Controller c : ch) m = Math.min(m, c.nextEventCycle());
        return m;
    }

    /** Queued requests over all channels. */
    public int queued() {
        catchUp();
        int n = 0;
        for (Controller c : ch) n += c.queued();
        return n;
    }

    /** Serves every queued request; returns the last completion cycle over all channels. */
    public long drain() {
        if (ch.length == 1) return ch[0].drain();
        if (deferred) return drainDeferred();
        for (Controller c : ch) c.endOfInput();
        while (queued() > 0) {
            int best = -1;
            long bt = Long.MAX_VALUE;
            for (int i = 0; i < ch.length; i++) {
                if (ch[i].queued() == 0) continue;
                long t = ch[i].nextDecisionCycle();
                if (t < bt) {
                    bt = t;
                    best = i;
                }
            }
            if (best < 0 || bt == Long.MAX_VALUE) throw new IllegalStateException("requests queued but no event pending");
            advanceTo(bt + 1);
        }
        long end = 0;
        for (Controller c : ch) end = Math.max(end, c.stats().lastCompletion());
        return end;
    }

    /**
     * {@link #drain} of deferred channels, one channel after the other: the interleaved loop ends
     * every channel at the cycle after the decision that empties the last queue, so each channel
     * drains on its own, then all are advanced to the latest of those cycles.
     */
    private long drainDeferred() {
        catchUp(); // every channel at the same cycle, as at the end of input
        for (Controller c : ch) c.endOfInput();
        long x = horizon;
        for (Controller c : ch) {
            while (c.queued() > 0) {
                long n = c.nextDecisionCycle();
                if (n == Long.MAX_VALUE) throw new IllegalStateException("requests queued but no event pending");
                c.advanceTo(n + 1);
            }
            if (c.now() > x) x = c.now();
        }
        horizon = x;
        catchUp();
        long end = 0;
        for (Controller c : ch) end = Math.max(end, c.stats().lastCompletion());
        return end;
    }

    /**
     * Registers this system's counters in {@code reg} as live probes of the controllers' own
     * counts: per channel under {@code prefix.chN.} ({@code reads}, {@code writes}, {@code bytes},
     * {@code rowHits}, {@code rowMisses}, {@code rowConflicts}, {@code commands.<CMD>} for every
     * command of the standard) and summed over channels under {@code prefix.} (the same names plus
     * {@code cycles}, the last completion cycle). Reading them mid-run gives the counts so far.
     */
    public void registerStats(StatsRegistry reg, String prefix) {
        for (int i = 0; i < ch.length; i++) {
            Controller c = ch[i];
            registerCounts(reg, prefix + ".ch" + i, () -> {
                catchUp();
                return c.stats();
            });
        }
        registerCounts(reg, prefix, this::stats);
        reg.probe(prefix + ".cycles", () -> stats().lastCompletion());
    }

    private void registerCounts(StatsRegistry reg, String p, Supplier<ControllerStats> s) {
        reg.probe(p + ".reads", () -> s.get().reads());
        reg.probe(p + ".writes", () -> s.get().writes());
        reg.probe(p + ".bytes", () -> s.get().bytes());
        reg.probe(p + ".rowHits", () -> s.get().rowHits());
        reg.probe(p + ".rowMisses", () -> s.get().rowMisses());
        reg.probe(p + ".rowConflicts", () -> s.get().rowConflicts());
        reg.probe(p + ".mergedWrites", () -> s.get().mergedWrites());
        reg.probe(p + ".forwardedReads", () -> s.get().forwardedReads());
        for (Command cmd : spec.commands()) {
            reg.probe(p + ".commands." + cmd.name(), () -> s.get().count(cmd));
        }
    }

    /** Counters summed over channels. */
    public ControllerStats stats() {
        catchUp();
        ControllerStats s = ch[0].stats();
        for (int i = 1; i < ch.length; i++) s = s.plus(ch[i].stats());
        return s;
    }
}
