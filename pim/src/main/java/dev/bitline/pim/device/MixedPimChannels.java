package dev.bitline.pim.device;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.RefreshMode;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.port.DramDevice;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.sim.Component;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;

/**
 * The channels of a PIM system serving ordinary reads and writes and PIM work (mixed traffic,
 * blocked mode as AiM runs it): host traffic comes in and leaves through the ports of an
 * ordinary {@link DramDevice} ({@link #memory()}), so anything that uses a DRAM channel can use
 * these; {@link #gemv} starts a PIM phase. During a phase the port holds new requests (they keep
 * their link credits), the controllers serve what is queued, then every channel's PIM program runs
 * through its controller's command hook ({@link dev.bitline.pim.channel.PimChannel} in controller
 * mode: the controller's timing engine, buses, bank state, refresh manager and command sink), and
 * at its end the port lets the waiting requests in. Refresh continues during the phase (the
 * controller's), taken at the program's row switches.
 *
 * <p><b>Dual-row-buffer mode</b> (NeuPIMs; a system from {@link PimSystem#withDualRowBuffer}):
 * the PIM program's rows live in a second row buffer of every bank, so the port keeps accepting
 * requests and the controllers keep serving them while the program runs. The program is stepped
 * on the simulator's timeline ({@link Priorities#DEFAULT}, ahead of the controllers' own decision
 * of the same cycle at {@link Priorities#DRAM_WAKE}), issuing through the same command hook; what
 * the two still share (command bus, data bus, column slots of the rank, activation windows,
 * refresh) is the timing table's and the controller's.
 */
public final class MixedPimChannels extends Component {
    /** How host and PIM work share a channel. */
    public enum Mode {
        /** The host waits while PIM work runs (AiM). */
        BLOCKED,
        /** Both proceed at once on separate row buffers (NeuPIMs). */
        DUAL_ROW_BUFFER
    }

    private final PimSystem sys;
    private final Mode mode;
    private final int stepHandler;
    private GemvRun.Job job;
    private GemvResult result;
    private final DramSystem dram;
    private final DramDevice port;
    private final int endHandler;
    private boolean inPhase;
    private long phaseStart = -1;
    private long phaseEnd = -1;
    private int doneHandler = -1;
    private long donePayload;

    public MixedPimChannels(Simulator sim, String name, Component parent, PimSystem sys, ControllerConfig cfg) {
        super(sim, name, parent);
        this.sys = sys;
        this.mode = sys.isa().dualRowBuffer() ? Mode.DUAL_ROW_BUFFER : Mode.BLOCKED;
        if (cfg.refresh() != RefreshMode.ALLBANK && cfg.refresh() != RefreshMode.NONE) {
            // a per-bank refresh closes one bank of the program's all-bank row mid-sweep (blocked),
            // or precharges only the memory buffer of its bank (dual): not modelled
            throw new IllegalArgumentException("mixed PIM traffic needs the controller's all-bank refresh, not "
                    + cfg.refresh().name().toLowerCase() + " (per-bank refresh during PIM work: the stand-alone channel's"
                    + " refreshGranularity: per-bank)");
        }
        this.dram = new DramSystem(sys.dram(), cfg, null);
        this.port = new DramDevice(sim, "dram", this, dram);
        this.endHandler = sim.register((t, p) -> endPhase());
        this.stepHandler = sim.register((t, p) -> step());
    }

    /** Blocked, or dual-row-buffer when the system's PIM commands work on a second row buffer. */
    public Mode mode() {
        return mode;
    }

    /** The memory port: {@code memory().in} takes requests, {@code memory().out} returns completions. */
    public DramDevice memory() {
        return port;
    }

    public DramSystem dram() {
        return dram;
    }

    public PimSystem system() {
        return sys;
    }

    /**
     * Starts a PIM GEMV now; {@code handler} (if >= 0) gets {@code payload} when the phase ends
     * (blocked mode: and host requests flow again). Blocked mode runs the phase at once and returns
     * its result; dual-row-buffer mode returns null and the result is {@link #result()} once the
     * phase has ended.
     *
     * @throws IllegalStateException while another phase runs
     */
    public GemvResult gemv(int n, int k, int batch, InputFormat f, boolean numerics, int handler, long payload) {
        if (inPhase) throw new IllegalStateException("a PIM phase is already running");
        if (mode == Mode.DUAL_ROW_BUFFER) {
            startDual(n, k, batch, f, numerics, handler, payload);
            return null;
        }
        port.hold();
        long now = port.clock().firstCycleAtOrAfter(sim().now());
        dram.advanceTo(now);
        dram.drain(); // what was queued before the phase is served first
        long start = now;
        for (int ch = 0; ch < dram.channels(); ch++) start = Math.max(start, dram.channel(ch).now());
        dram.advanceTo(start);
        GemvResult r = GemvRun.run(sys, n, k, batch, f, GemvRun.Options.defaults().withNumerics(numerics)
                .withTicked(dram.config().ticked()).withHosts(dram));
        inPhase = true;
        result = r;
        phaseStart = start;
        phaseEnd = start + r.cycles();
        doneHandler = handler;
        donePayload = payload;
        sim().schedule(port.clock().timeOf(phaseEnd), Priorities.DEFAULT, endHandler, 0);
        return r;
    }

    /** Dual-row-buffer mode: the phase starts now and runs beside the host's requests. */
    private void startDual(int n, int k, int batch, InputFormat f, boolean numerics, int handler, long payload) {
        long now = port.clock().firstCycleAtOrAfter(sim().now());
        dram.advanceTo(now);
        job = GemvRun.prepare(sys, n, k, batch, f, GemvRun.Options.defaults().withNumerics(numerics)
                .withTicked(dram.config().ticked()).withHosts(dram));
        boolean ticked = dram.config().ticked();
        for (int ch = 0; ch < job.channels(); ch++) job.channel(ch).begin(ticked);
        inPhase = true;
        result = null;
        phaseStart = job.start();
        phaseEnd = -1;
        doneHandler = handler;
        donePayload = payload;
        sim().schedule(port.clock().timeOf(phaseStart), Priorities.DEFAULT, stepHandler, 0);
    }

    /**
     * One visit of the dual-row-buffer phase: every channel's program issues what it can up to
     * this cycle (ahead of the controllers' own decision of the cycle), then sleeps until the
     * earliest cycle one of them has something to do.
     */
    private void step() {
        long now = port.clock().firstCycleAtOrAfter(sim().now());
        long next = Long.MAX_VALUE;
        for (int ch = 0; ch < job.channels(); ch++) next = Math.min(next, job.channel(ch).advance(now));
        if (next != Long.MAX_VALUE) {
            sim().schedule(port.clock().timeOf(next), Priorities.DEFAULT, stepHandler, 0);
            return;
        }
        for (int ch = 0; ch < job.channels(); ch++) job.channel(ch).finish();
        result = job.finish();
        job = null;
        phaseEnd = phaseStart + result.cycles();
        sim().schedule(Math.max(sim().now(), port.clock().timeOf(phaseEnd)), Priorities.DEFAULT, endHandler, 0);
    }

    /** The last PIM phase's result (null while a dual-row-buffer phase still runs). */
    public GemvResult result() {
        return result;
    }

    private void endPhase() {
        inPhase = false;
        if (mode == Mode.BLOCKED) port.release();
        if (doneHandler >= 0) sim().schedule(sim().now(), Priorities.DEFAULT, doneHandler, donePayload);
    }

    /** First cycle of the last PIM phase (-1 before any). */
    public long phaseStart() {
        return phaseStart;
    }

    /** Cycle the last PIM phase ended (its last result at the host). */
    public long phaseEnd() {
        return phaseEnd;
    }

    public boolean inPhase() {
        return inPhase;
    }
}
