package dev.bitline.pim.device;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.port.DramDevice;
import dev.bitline.dram.port.MemRequest;
import dev.bitline.dram.port.MemResponse;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Simulator;
import java.util.SplittableRandom;

/**
 * One mixed-traffic run (blocked or dual-row-buffer mode, as the system is: {@link
 * MixedPimChannels.Mode}): a host sends {@code requests} random reads / writes (one
 * in three a write), one every {@code gap} cycles from cycle 0, through the {@link DramDevice}
 * ports of a {@link MixedPimChannels}; at cycle {@code pimAt} a GEMV phase starts. Every command
 * (host and PIM) lands in the returned trace.
 */
public final class MixedRun {
    private MixedRun() {}

    /**
     * @param gemv the PIM phase's result (its cycles are the phase's)
     * @param phaseStart first cycle of the phase (after the queued host requests drained)
     * @param phaseEnd last result at the host
     * @param served host requests completed
     * @param meanLatencyNs mean host request latency, sent at the port to completion
     * @param hostCommandsInPhase host row / column commands issued inside the phase (0 in blocked mode)
     * @param trace every command, host and PIM, in cycle order per channel
     * @param mode how host and PIM work shared the channels
     * @param sentInPhase host requests sent while the phase ran
     * @param meanLatencyInPhaseNs their mean latency (0 if none)
     * @param maxLatencyNs the largest host request latency
     * @param dramEnergy DRAM energy of the whole trace (host and PIM commands, the controllers'
     *     refreshes, standby of every rank unit to the last completion), from the DRAM model's IDD
     *     method and the standard's per-command energies; {@code refresh()} is the refresh part
     */
    public record Result(GemvResult gemv, long phaseStart, long phaseEnd, int served, double meanLatencyNs,
            long hostCommandsInPhase, CommandBuffer trace, MixedPimChannels.Mode mode, int sentInPhase,
            double meanLatencyInPhaseNs, double maxLatencyNs, dev.bitline.dram.energy.EnergyBreakdown dramEnergy) {}

    private static final class Host extends Component {
        final OutPort<MemRequest> req = outPort("req");
        final InPort<MemResponse> resp;
        final long[] sentPs;
        final long[] latencyPs;
        int served;
        double latencySumPs;

        Host(Simulator sim, int n) {
            super(sim, "host", null);
            sentPs = new long[n];
            latencyPs = new long[n];
            resp = inPort("resp", this::receive);
        }

        private void receive(MemResponse r) {
            served++;
            long lat = r.completedPs() - sentPs[(int) r.tag()];
            latencySumPs += lat;
            latencyPs[(int) r.tag()] = lat;
            resp.release();
        }
    }

    public static Result run(PimSystem sys, ControllerConfig cfg, int n, int k, InputFormat f, boolean numerics,
            int requests, long gap, long pimAt, long seed) {
        if (requests < 0 || gap < 1 || pimAt < 0) throw new IllegalArgumentException("requests >= 0, gap >= 1, pimAt >= 0");
        Simulator sim = new Simulator(seed);
        Host host = new Host(sim, requests);
        MixedPimChannels pim = new MixedPimChannels(sim, "pim", null, sys, cfg);
        CommandBuffer trace = new CommandBuffer();
        dev.bitline.dram.energy.ActivityCounter activity = new dev.bitline.dram.energy.ActivityCounter(sys.dram());
        pim.dram().setCommandSink((cy, c, ch, pc, ra, bg, ba, row, col) -> {
            trace.onCommand(cy, c, ch, pc, ra, bg, ba, row, col);
            activity.onCommand(cy, c, ch, pc, ra, bg, ba, row, col);
        });
        DramDevice.wire(host.req, pim.memory(), host.resp, 0, 1 << 20);
        Clock clk = pim.memory().clock();
        SplittableRandom rnd = new SplittableRandom(seed);
        int line = pim.dram().mapping().burstBytes();
        long[] addr = new long[requests];
        boolean[] write = new boolean[requests];
        for (int i = 0; i < requests; i++) {
            addr[i] = rnd.nextLong(pim.dram().capacity() / line) * line;
            write[i] = rnd.nextInt(3) == 0;
        }
        int send = sim.register((t, i) -> {
            host.sentPs[(int) i] = t;
            host.req.send(new MemRequest(addr[(int) i], write[(int) i], i));
        });
        for (int i = 0; i < requests; i++) sim.schedule(clk.timeOf(i * gap), send, i);
        GemvResult[] g = new GemvResult[1];
        int start = sim.register((t, p) -> g[0] = pim.gemv(n, k, 1, f, numerics, -1, 0));
        sim.schedule(clk.timeOf(pimAt), start, 0);
        sim.runUntilQuiet();
        if (g[0] == null) g[0] = pim.result(); // dual-row-buffer mode: known when the phase ended
        long p0 = clk.timeOf(pim.phaseStart()), p1 = clk.timeOf(pim.phaseEnd());
        int sentIn = 0;
        double inSum = 0, max = 0;
        for (int i = 0; i < requests; i++) {
            max = Math.max(max, host.latencyPs[i]);
            if (host.sentPs[i] >= p0 && host.sentPs[i] < p1) {
                sentIn++;
                inSum += host.latencyPs[i];
            }
        }
        long inPhase = 0;
        for (int i = 0; i < trace.size(); i++) {
            long c = trace.cycle(i);
            var cmd = trace.command(i);
            boolean hostCmd = cmd.target() == dev.bitline.dram.spec.Target.BANK && (cmd.readsData() || cmd.writesData())
                    || cmd == sys.dram().roles().activate();
            if (hostCmd && c >= pim.phaseStart() && c < pim.phaseEnd()) inPhase++;
        }
        long last = Math.max(pim.phaseEnd(), clk.firstCycleAtOrAfter(sim.now()));
        for (int i = 0; i < trace.size(); i++) last = Math.max(last, trace.cycle(i));
        var em = new dev.bitline.dram.energy.EnergyModel(dev.bitline.dram.energy.EnergyParams.from(sys.dram()));
        var energy = dev.bitline.dram.energy.ActivityCounter.energy(em, activity.finish(last));
        return new Result(g[0], pim.phaseStart(), pim.phaseEnd(), host.served,
                host.served == 0 ? 0 : host.latencySumPs / host.served / 1000.0, inPhase, trace, pim.mode(), sentIn,
                sentIn == 0 ? 0 : inSum / sentIn / 1000.0, max / 1000.0, energy);
    }
}
