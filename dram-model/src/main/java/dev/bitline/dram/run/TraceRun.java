package dev.bitline.dram.run;

import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.ControllerStats;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.energy.ActivityCounter;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.energy.EnergyModel;
import dev.bitline.dram.energy.EnergyParams;
import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandSink;
import dev.bitline.dram.trace.RequestSource;
import dev.bitline.dram.trace.TraceFormatException;
import dev.bitline.sim.stats.Histogram;
import dev.bitline.sim.stats.StatsRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a request stream into a {@link DramSystem} (one controller per channel) and runs it to the
 * end, with the feed rule both reference simulators use: at most one new request per DRAM cycle
 * (or {@link #feedWidth} per cycle),
 * in trace order, not before the request's cycle field, and blocking (head of line) while its
 * channel's queue is full. The run ends when every request has completed. Listeners see the
 * commands of all channels in one cycle-ordered stream.
 *
 * <p>Optional listeners see every command: the energy counter, the independent checker, and any
 * extra sink (a command-trace writer). With all of them off the run allocates nothing per request.
 */
public final class TraceRun {
    private final DramSpec spec;
    private final ControllerConfig cfg;
    private boolean energy = true;
    private boolean check;
    private CommandSink extraSink;
    private String statsPrefix = "dram";
    private int feedWidth = 1;

    public TraceRun(DramSpec spec, ControllerConfig cfg) {
        this.spec = spec;
        this.cfg = cfg;
    }

    /** Count activity and compute energy (default on). */
    public TraceRun energy(boolean on) {
        this.energy = on;
        return this;
    }

    /** Run the independent timing checker on the command stream as it is issued. */
    public TraceRun check(boolean on) {
        this.check = on;
        return this;
    }

    /** Also send every command to {@code sink} (e.g. a command-trace writer); null for none. */
    public TraceRun commandSink(CommandSink sink) {
        this.extraSink = sink;
        return this;
    }

    /**
     * At most {@code n} new requests per DRAM cycle (default 1, the reference simulators' feed
     * rule). One request per cycle cannot fill a many-channel memory (HBM2: 8 channels, each
     * taking a 32 B request every 2 cycles at full bandwidth); raise it to study such parts flat
     * out. Requests stay in order and block while their channel's queue is full.
     */
    public TraceRun feedWidth(int n) {
        if (n < 1) throw new IllegalArgumentException("feed width must be >= 1 request per cycle, got " + n);
        this.feedWidth = n;
        return this;
    }

    public TraceRun statsPrefix(String prefix) {
        this.statsPrefix = prefix;
        return this;
    }

    /** Runs {@code source} to completion (and closes it). */
    public RunResult run(RequestSource source) {
        StatsRegistry reg = new StatsRegistry();
        Histogram readLat = reg.histogram(statsPrefix + ".readLatency");
        Histogram writeLat = reg.histogram(statsPrefix + ".writeLatency");
        DramSystem sys = new DramSystem(spec, cfg, (tag, write, arrival, done) -> {
            if (write) {
                writeLat.record(done - arrival);
            } else {
                readLat.record(done - arrival);
            }
        });
        ActivityCounter activity = energy ? new ActivityCounter(spec) : null;
        TimingChecker checker = check ? new TimingChecker(spec) : null;
        List<CommandSink> sinks = new ArrayList<>();
        if (activity != null) {
            sinks.add(activity);
        }
        if (checker != null) {
            sinks.add(checker);
        }
        if (extraSink != null) {
            sinks.add(extraSink);
        }
        // an open-loop feed: a channel need only run when a request comes to it (same decisions
        // and command stream; completions are recorded in histograms, whose order does not matter)
        sys.setDeferredChannels(true);
        sys.setCommandSink(fanOut(sinks));
        sys.registerStats(reg, statsPrefix);
        // data bandwidth so far, as RunResult.bandwidthGBps computes it
        reg.probe(statsPrefix + ".bandwidthBytesPerSecond", () -> {
            ControllerStats s = sys.stats();
            double seconds = s.lastCompletion() * (spec.tCKps() * 1e-12);
            return seconds == 0 ? 0 : Math.round(s.bytes() / seconds / 1e9 * 1e9);
        });

        long capacity = sys.capacity();
        long next = 0; // earliest cycle the feed may deliver the next request
        long lastCycle = -1;
        int inCycle = 0; // requests delivered in lastCycle
        long n = 0;
        try (source) {
            while (source.next()) {
                long addr = source.address();
                if (addr < 0 || addr >= capacity) {
                    // Readers check this against the capacity they were given; this catches a mismatch.
                    throw new TraceFormatException(source.location(), 0, "address 0x" + Long.toHexString(addr)
                            + " is beyond the configured capacity of " + capacity + " bytes");
                }
                long at = Math.max(next, source.cycle());
                long accepted = sys.submitBlocking(addr, source.isWrite(), at, n);
                inCycle = accepted == lastCycle ? inCycle + 1 : 1;
                lastCycle = accepted;
                next = inCycle < feedWidth ? accepted : accepted + 1;
                n++;
            }
        }
        long end = sys.drain();
        ControllerStats total = sys.stats();

        EnergyBreakdown e = null;
        if (activity != null) {
            e = ActivityCounter.energy(new EnergyModel(EnergyParams.from(spec)), activity.finish(end));
        }
        if (e != null) {
            registerEnergy(reg, e);
        }
        return new RunResult(n, end, spec.tCKps(), total, readLat, writeLat, e,
                checker == null ? null : checker.report(), reg);
    }

    /** Energies in pJ, rounded to whole pJ (counters are integral): computed from the activity at the run's end. */
    private void registerEnergy(StatsRegistry reg, EnergyBreakdown e) {
        String p = statsPrefix;
        e.components().forEach((k, v) -> reg.counter(p + ".energyPj." + k).add(Math.round(v)));
        reg.counter(p + ".energyPj.total").add(Math.round(e.total()));
    }

    private static CommandSink fanOut(List<CommandSink> sinks) {
        if (sinks.isEmpty()) {
            return null;
        }
        if (sinks.size() == 1) {
            return sinks.get(0);
        }
        CommandSink[] a = sinks.toArray(new CommandSink[0]);
        boolean anyOrder = sinks.stream().allMatch(CommandSink::anyChannelOrder);
        return new CommandSink() {
            @Override
            public void onCommand(long cycle, Command command, int channel, int pc, int rank, int bg, int bank,
                    int row, int col) {
                for (CommandSink s : a) {
                    s.onCommand(cycle, command, channel, pc, rank, bg, bank, row, col);
                }
            }

            @Override
            public boolean anyChannelOrder() {
                return anyOrder;
            }
        };
    }
}
