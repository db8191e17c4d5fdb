package dev.bitline.pim.device;

import dev.bitline.dram.controller.ControllerConfig;
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
 * <p>Not modelled: NeuPIMs' dual row buffers (host accesses overlapping a PIM phase).
 */
public final class MixedPimChannels extends Component {
    private final PimSystem sys;
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
        this.dram = new DramSystem(sys.dram(), cfg, null);
        this.port = new DramDevice(sim, "dram", this, dram);
        this.endHandler = sim.register((t, p) -> endPhase());
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
     * Starts a PIM GEMV now (blocked mode) and returns its result; {@code handler} (if >= 0) gets
     * {@code payload} when the phase ends and host requests flow again.
     *
     * @throws IllegalStateException while another phase runs
     */
    public GemvResult gemv(int n, int k, int batch, InputFormat f, boolean numerics, int handler, long payload) {
        if (inPhase) throw new IllegalStateException("a PIM phase is already running");
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
        phaseStart = start;
        phaseEnd = start + r.cycles();
        doneHandler = handler;
        donePayload = payload;
        sim().schedule(port.clock().timeOf(phaseEnd), Priorities.DEFAULT, endHandler, 0);
        return r;
    }

    private void endPhase() {
        inPhase = false;
        port.release();
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
