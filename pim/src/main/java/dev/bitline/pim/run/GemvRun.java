package dev.bitline.pim.run;

import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.energy.EnergyBreakdown;
import dev.bitline.dram.energy.EnergyModel;
import dev.bitline.dram.energy.EnergyParams;
import dev.bitline.dram.energy.RankActivity;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandSink;
import dev.bitline.pim.channel.GemvNumerics;
import dev.bitline.pim.channel.GemvProgram;
import dev.bitline.pim.channel.Loss;
import dev.bitline.pim.channel.PimChannel;
import dev.bitline.pim.channel.PimIsa;
import dev.bitline.pim.config.PimConfig;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.mac.Activation;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.mac.MacUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs y = W x (or a batch of them) on a PIM system: lays W out as {@link GemvLayout} says,
 * simulates every channel's command stream on the DRAM timing engine, and, unless timing only,
 * computes the output through the MAC units as the commands issue and checks it against
 * {@link ReferenceGemv}. Channels are independent (each has its own command and data bus to
 * the host ASIC), so they are simulated one after the other; the run ends with the slowest.
 */
public final class GemvRun {
    private GemvRun() {}

    /**
     * @param numerics compute the values (false: --timing-only; the timing is identical)
     * @param ticked drive the channels with the ticked reference instead of the event-driven loop
     * @param check feed every command to the independent timing checker
     * @param sink extra listener for every command (null for none)
     * @param hosts mixed traffic: run every channel's program through the host's controller of
     *     that channel (its command hook, refresh manager and command sink) instead of a bare
     *     timing engine, starting when the last channel is free (null: stand-alone)
     */
    public record Options(boolean numerics, boolean ticked, boolean check, long seed, CommandSink sink,
            DramSystem hosts, Activation activation) {
        /** Stand-alone (no host controllers), no activation stage. */
        public Options(boolean numerics, boolean ticked, boolean check, long seed, CommandSink sink) {
            this(numerics, ticked, check, seed, sink, null, null);
        }

        public static Options defaults() {
            return new Options(true, false, false, 1, null, null, null);
        }

        public Options withNumerics(boolean v) {
            return new Options(v, ticked, check, seed, sink, hosts, activation);
        }

        public Options withTicked(boolean v) {
            return new Options(numerics, v, check, seed, sink, hosts, activation);
        }

        public Options withCheck(boolean v) {
            return new Options(numerics, ticked, v, seed, sink, hosts, activation);
        }

        public Options withSink(CommandSink s) {
            return new Options(numerics, ticked, check, seed, s, hosts, activation);
        }

        /** Runs on the controllers of {@code d} (a DramSystem of this device's standard). */
        public Options withHosts(DramSystem d) {
            return new Options(numerics, ticked, check, seed, sink, d, activation);
        }

        /** y = f(W x): an AF command per block of results applies {@code f} in the units (null: none). */
        public Options withActivation(Activation f) {
            return new Options(numerics, ticked, check, seed, sink, hosts, f);
        }
    }

    /** The layout a GEMV of this shape gets, or an IllegalArgumentException saying why it cannot run. */
    public static GemvLayout layout(PimSystem sys, int n, int k, InputFormat f) {
        String why = sys.unsupported(f);
        if (why != null) throw new IllegalArgumentException(why);
        PimConfig c = sys.config();
        int bufferElements = (int) Math.min(Integer.MAX_VALUE, c.globalBuffer().size().bytes() * 8 / f.bits());
        GemvLayout l = new GemvLayout(sys.geometry(), f, n, k, c.unit().resultRegisters(), bufferElements);
        String p = l.problem();
        if (p != null) throw new IllegalArgumentException(p);
        return l;
    }

    /** Random operands in the format: floats uniform in [-1, 1), integers over their full range. */
    public static double[][] randomOperands(InputFormat f, int n, int k, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] w = new double[n * k];
        for (int i = 0; i < w.length; i++) w[i] = sample(f, rnd);
        double[][] out = new double[batch + 1][];
        out[0] = w;
        for (int v = 0; v < batch; v++) {
            double[] x = new double[k];
            for (int i = 0; i < k; i++) x[i] = sample(f, rnd);
            out[v + 1] = x;
        }
        return out;
    }

    private static double sample(InputFormat f, SplittableRandom rnd) {
        if (f.isInteger()) {
            int lim = 1 << (f.bits() - 1);
            return rnd.nextInt(-lim, lim);
        }
        return f.quantize(rnd.nextDouble() * 2 - 1);
    }

    public static GemvResult run(PimSystem sys, int n, int k, int batch, InputFormat f, Options o) {
        Job job = prepare(sys, n, k, batch, f, o);
        for (int ch = 0; ch < job.channels(); ch++) job.channel(ch).run(o.ticked());
        return job.finish();
    }

    /**
     * A GEMV laid out and programmed on a system's channels, not yet run: {@link #channel} gives
     * each channel's {@link PimChannel} (built on first use; stand-alone channels share one timing
     * engine, so run each before building the next), the caller runs them, {@link #finish} sums
     * them up and checks the numerics. {@link GemvRun#run} runs the channels one after the other;
     * mixed traffic in dual-row-buffer mode steps them together with the host's requests.
     */
    public static final class Job {
        private final PimSystem sys;
        private final int n, k, batch;
        private final InputFormat f;
        private final Options o;
        private final GemvProgram prog;
        private final GemvNumerics num;
        private final double[] w;
        private final double[][] xs;
        private final MacUnit unit;
        private final TimingChecker checker;
        private final CommandSink sink;
        private final long start;
        private final PimChannel[] channels;
        private final dev.bitline.dram.timing.TimingEngine engine;

        private Job(PimSystem sys, int n, int k, int batch, InputFormat f, Options o, GemvLayout layout) {
            this.sys = sys;
            this.n = n;
            this.k = k;
            this.batch = batch;
            this.f = f;
            this.o = o;
            unit = sys.macUnit(f);
            DramSpec spec = sys.dram();
            Geometry g = sys.geometry();
            if (o.activation() != null && sys.isa().activation() == null) {
                throw new IllegalArgumentException("standard " + sys.dram().name() + " has no AF command");
            }
            prog = new GemvProgram(layout, batch, sys.resultBytes(f), o.activation() != null);
            if (o.numerics()) {
                double[][] ops = randomOperands(f, n, k, batch, o.seed());
                w = ops[0];
                xs = new double[batch][];
                System.arraycopy(ops, 1, xs, 0, batch);
                num = new GemvNumerics(layout, unit, w, xs);
                num.setActivation(o.activation());
            } else {
                w = null;
                xs = null;
                num = null;
            }
            DramSystem hosts = o.hosts();
            if (hosts != null && (o.check() || o.sink() != null)) {
                throw new IllegalArgumentException("with host controllers, attach checkers and sinks to the DramSystem's command sink");
            }
            if (hosts != null && (hosts.channels() != g.channels() || !hosts.spec().name().equals(spec.name())
                    || hosts.spec().commandCount() != spec.commandCount())) {
                throw new IllegalArgumentException("the host DramSystem must have this device's standard (" + spec.name()
                        + ") and its " + g.channels() + " channels");
            }
            checker = o.check() ? new TimingChecker(spec) : null;
            sink = sinks(checker, o.sink());
            long st = 0;
            if (hosts != null) { // the PIM work starts when the last channel is free
                for (int ch = 0; ch < g.channels(); ch++) st = Math.max(st, hosts.channel(ch).now());
            }
            start = st;
            channels = new PimChannel[g.channels()];
            engine = hosts == null ? new dev.bitline.dram.timing.TimingEngine(spec) : null;
        }

        public int channels() {
            return channels.length;
        }

        /** The cycle the PIM work starts at (0 stand-alone; the last host channel's time otherwise). */
        public long start() {
            return start;
        }

        /** Channel {@code ch}'s PIM command source, built on first use. */
        public PimChannel channel(int ch) {
            if (channels[ch] != null) return channels[ch];
            DramSystem hosts = o.hosts();
            if (hosts == null) {
                channels[ch] = new PimChannel(sys.dram(), engine, sys.isa(), ch, prog, num, sink, sys.refreshMode(),
                        sys.config().unit().activateGranularity(), sys.peakCyclesPerMac());
            } else {
                hosts.channel(ch).advanceTo(start);
                channels[ch] = new PimChannel(sys.dram(), hosts.channel(ch), sys.isa(), ch, prog, num,
                        sys.config().unit().activateGranularity(), sys.peakCyclesPerMac());
            }
            return channels[ch];
        }

        /** Sums up the channels (each run to its end) and checks the output against the reference. */
        public GemvResult finish() {
            DramSpec spec = sys.dram();
            PimIsa isa = sys.isa();
            Geometry g = sys.geometry();
            long end = 0, commands = 0, decisions = 0, macCmds = 0, acts = 0, refs = 0, loads = 0, reads = 0, refsPb = 0, afs = 0;
            dev.bitline.dram.spec.Command refPb = spec.roles().refreshBank();
            double[] loss = new double[Loss.values().length];
            for (int ch = 0; ch < channels.length; ch++) {
                PimChannel pc = channels[ch];
                if (pc == null || pc.endCycle() < 0) throw new IllegalStateException("channel " + ch + " has not run");
                end = Math.max(end, pc.endCycle() - start);
                commands += pc.commands();
                decisions += pc.decisions();
                macCmds += pc.macCommands();
                acts += pc.bankActivations();
                refs += pc.count(isa.refreshAll());
                if (refPb != null) refsPb += pc.count(refPb);
                loads += pc.count(isa.writeBuffer());
                reads += pc.count(isa.readResult());
                if (isa.activation() != null) afs += pc.count(isa.activation());
                double[] l = pc.lossCycles();
                for (int i = 0; i < l.length; i++) loss[i] += l[i];
            }
            // channels that finished early idle until the slowest is done
            double total = (double) end * g.channels() * g.rankUnits();
            double accounted = 0;
            for (double v : loss) accounted += v;
            loss[Loss.READOUT.ordinal()] += total - accounted;
            Map<Loss, Double> lossFrac = new EnumMap<>(Loss.class);
            for (Loss l : Loss.values()) lossFrac.put(l, loss[l.ordinal()] / total);

            long timePs = end * spec.tCKps();
            long internalBytes = macCmds * g.unitsPerRankUnit() * (long) g.columnBytes();
            long macOps = macCmds * g.unitsPerRankUnit() * (long) f.elementsPer(g.columnBytes());
            PimEnergy energy = energy(sys, f, end, timePs, acts, macCmds, macOps, loads, reads, refs, refsPb, afs);

            double[][] out = null;
            Boolean verified = null;
            double maxRatio = 0;
            if (num != null) {
                out = num.output();
                double[][] pre = o.activation() == null ? out : num.preActivation();
                verified = true;
                for (int v = 0; v < batch; v++) {
                    double[] ref = ReferenceGemv.compute(w, xs[v], n, k, unit.lanes(), unit.product(), unit.accumulator());
                    double[][] ex = ReferenceGemv.exact(w, xs[v], n, k);
                    for (int r = 0; r < n; r++) {
                        if (Double.doubleToLongBits(ref[r]) != Double.doubleToLongBits(pre[v][r])) verified = false;
                        if (o.activation() != null) { // the AF stage: f of the reference's value, rounded as the unit does
                            double y = unit.accumulator().round(o.activation().apply(ref[r]));
                            if (Double.doubleToLongBits(y) != Double.doubleToLongBits(out[v][r])) verified = false;
                        }
                        double bound = unit.errorBound(k, ex[1][r]); // of the dot product, before the activation
                        double err = Math.abs(pre[v][r] - ex[0][r]);
                        double ratio = bound == 0 ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : err / bound;
                        maxRatio = Math.max(maxRatio, ratio);
                    }
                }
            }
            return new GemvResult(n, k, batch, f, end, timePs, (long) batch * n * k, sys.peakMacsPerSecond(f),
                    internalBytes, commands, decisions, lossFrac, energy, out, verified, maxRatio,
                    checker == null ? null : checker.report());
        }
    }

    /** Lays the GEMV out and programs it (see {@link Job}); nothing runs yet. */
    public static Job prepare(PimSystem sys, int n, int k, int batch, InputFormat f, Options o) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        GemvLayout layout = layout(sys, n, k, f);
        if ((long) n * k > Integer.MAX_VALUE && o.numerics()) {
            throw new IllegalArgumentException("matrix " + n + " x " + k + " is too large for numerics (use --timing-only)");
        }
        return new Job(sys, n, k, batch, f, o, layout);
    }

    private static CommandSink sinks(CommandSink a, CommandSink b) {
        if (a == null) return b;
        if (b == null) return a;
        return (cy, c, ch, pc, ra, bg, ba, row, col) -> {
            a.onCommand(cy, c, ch, pc, ra, bg, ba, row, col);
            b.onCommand(cy, c, ch, pc, ra, bg, ba, row, col);
        };
    }

    /**
     * DRAM side from the DRAM model (IDD method: per bank activation, buffer and result bursts,
     * refresh, standby of every rank unit over the run; the MAC commands' column reads from the
     * standard's {@code power.commands}); units and host from the preset.
     */
    static PimEnergy energy(PimSystem sys, InputFormat f, long cycles, long timePs, long bankActs, long macCommands,
            long macOps, long loads, long reads, long refs, long bankRefs, long afs) {
        DramSpec spec = sys.dram();
        EnergyModel em = new EnergyModel(EnergyParams.from(spec));
        PimConfig.Energy pe = sys.config().energy();
        Geometry g = sys.geometry();
        int colBits = g.columnBytes() * 8;
        double activate = bankActs * em.rowCyclePj();
        // the MAC commands' column reads, as the standard prices them (power.commands)
        double column = macCommands * em.commandPj(sys.isa().mac().name())
                + (afs == 0 ? 0 : afs * em.commandPj("AF")); // the AF's lookup-table reads (power.commands.AF)
        double mac = macOps * pe.macPj().get(f);
        double buffer = loads * (em.writePj() + colBits * pe.bufferPjPerBit());
        double readout = reads * em.readPj();
        double refresh = refs * em.refreshPj()
                + (bankRefs == 0 ? 0 : em.energy(new RankActivity(0, 0, 0, 0, 0, bankRefs, 0, 0, 0, 0, 0)).refresh());
        EnergyBreakdown standby = em.energy(new RankActivity(0, 0, 0, 0, 0, 0, cycles, 0, 0, 0, 0));
        double seconds = timePs * 1e-12;
        double background = standby.actStandby() * g.channels() * g.rankUnits()
                + (g.totalUnits() * pe.unitStaticMw() + sys.config().host().staticPowerMw()) * 1e-3 * seconds * 1e12;
        return new PimEnergy(activate, column, mac, buffer, readout, refresh, background, 0);
    }
}
