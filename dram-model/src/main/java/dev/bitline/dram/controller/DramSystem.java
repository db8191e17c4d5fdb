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
 */
public final class DramSystem {
    private final DramSpec spec;
    private final ControllerConfig cfg;
    private final AddressMapping map;
    private final Controller[] ch;

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
        for (Controller c : ch) c.setListener(l);
    }

    /** Sends every issued command of every channel to {@code s} (null = none). */
    public void setCommandSink(CommandSink s) {
        for (Controller c : ch) c.setCommandSink(s);
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
        long m = Long.MAX_VALUE;
        for (Controller c : ch) m = Math.min(m, c.nextEventCycle());
        return m;
    }

    /** Queued requests over all channels. */
    public int queued() {
        int n = 0;
        for (Controller c : ch) n += c.queued();
        return n;
    }

    /** Serves every queued request; returns the last completion cycle over all channels. */
    public long drain() {
        if (ch.length == 1) return ch[0].drain();
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
     * Registers this system's counters in {@code reg} as live probes of the controllers' own
     * counts: per channel under {@code prefix.chN.} ({@code reads}, {@code writes}, {@code bytes},
     * {@code rowHits}, {@code rowMisses}, {@code rowConflicts}, {@code commands.<CMD>} for every
     * command of the standard) and summed over channels under {@code prefix.} (the same names plus
     * {@code cycles}, the last completion cycle). Reading them mid-run gives the counts so far.
     */
    public void registerStats(StatsRegistry reg, String prefix) {
        for (int i = 0; i < ch.length; i++) {
            Controller c = ch[i];
            registerCounts(reg, prefix + ".ch" + i, c::stats);
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
        ControllerStats s = ch[0].stats();
        for (int i = 1; i < ch.length; i++) s = s.plus(ch[i].stats());
        return s;
    }
}
