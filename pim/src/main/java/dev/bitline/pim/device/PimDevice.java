package dev.bitline.pim.device;

import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.host.HostAsic;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.sim.Component;
import dev.bitline.sim.Priorities;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Device;
import dev.bitline.sim.device.DeviceModel;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.stats.Counter;
import java.util.ArrayDeque;

/**
 * A PIM system as a {@link Device} on a shared {@link Simulator}: GEMV / GEMM operations run on
 * the cycle model ({@link GemvRun}, every channel's command stream on the DRAM timing engine,
 * timing only: the mapper needs when, not values; the values path is tested to give the same
 * timing), element-wise and nonlinear work on the host ASIC's cost model, transfers over the
 * channel buses. Operations run one after the other in submission order; the completion event is
 * scheduled at {@link Priorities#DEFAULT} when the last result reaches the host.
 *
 * <p>Statistics under {@code path()}: {@code operations}, {@code busyPs}, {@code macs},
 * {@code dramCommands}, {@code energyPj} (PIM GEMMs and host work).
 */
public final class PimDevice extends Component implements Device {
    private final PimSystem sys;
    private final PimModel model;
    private final HostAsic host;
    private final int doneHandler;
    private final ArrayDeque<long[]> waiting = new ArrayDeque<>(); // {handler, payload, durationPs}
    private long busyUntil;
    private int pending;
    private final Counter operations;
    private final Counter busyPs;
    private final Counter macs;
    private final Counter commands;
    private final Counter energyPj;

    public PimDevice(Simulator sim, String name, Component parent, PimSystem sys) {
        super(sim, name, parent);
        this.sys = sys;
        this.model = new PimModel(sys);
        this.host = model.host();
        this.doneHandler = sim.register((t, p) -> finish());
        var st = sim.stats();
        operations = st.counter(statName("operations"));
        busyPs = st.counter(statName("busyPs"));
        macs = st.counter(statName("macs"));
        commands = st.counter(statName("dramCommands"));
        energyPj = st.counter(statName("energyPj"));
    }

    public PimSystem system() {
        return sys;
    }

    @Override
    public DeviceModel model() {
        return model;
    }

    @Override
    public void submit(Operation op, int handlerId, long payload) {
        model.requireSupported(op);
        long duration = run(op);
        long start = Math.max(sim().now(), busyUntil);
        busyUntil = start + duration;
        pending++;
        operations.inc();
        busyPs.add(duration);
        waiting.addLast(new long[] {handlerId, payload});
        sim().schedule(busyUntil, Priorities.DEFAULT, doneHandler, 0);
    }

    private void finish() {
        long[] w = waiting.pollFirst();
        pending--;
        if (w[0] >= 0) sim().schedule(sim().now(), Priorities.DEFAULT, (int) w[0], w[1]);
    }

    /** Simulates {@code op} alone and returns its duration. */
    private long run(Operation op) {
        if (op instanceof Operation.Gemm g) {
            InputFormat f = PimModel.format(g.acts());
            GemvResult r = GemvRun.run(sys, g.n(), g.k(), g.m(), f, GemvRun.Options.defaults().withNumerics(false));
            macs.add(r.macs());
            commands.add(r.commands());
            energyPj.add(Math.round(r.energy().total()));
            return r.timePs();
        }
        if (op instanceof Operation.ElementWise e) {
            return cost(host.cost(dev.bitline.pim.host.VectorOp.RESIDUAL_ADD, (int) e.elements(), 1));
        }
        if (op instanceof Operation.Nonlinear n) return cost(host.cost(PimModel.vectorOp(n), n.rowLength(), n.rows()));
        return model.transferPs(((Operation.Transfer) op).bytes());
    }

    private long cost(HostAsic.Cost c) {
        energyPj.add(Math.round(c.energyPj()));
        return c.timePs();
    }

    @Override
    public int pending() {
        return pending;
    }
}
