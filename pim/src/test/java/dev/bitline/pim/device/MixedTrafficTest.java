package dev.bitline.pim.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.checker.CheckReport;
import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.port.DramDevice;
import dev.bitline.dram.port.MemRequest;
import dev.bitline.dram.port.MemResponse;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandRecord;
import dev.bitline.pim.Presets;
import dev.bitline.pim.config.PimSystem;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Simulator;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Host reads / writes and a PIM phase on the same channels, through the DramDevice ports (blocked mode). */
class MixedTrafficTest {
    static final class Host extends Component {
        final OutPort<MemRequest> req = outPort("req");
        final InPort<MemResponse> resp;
        final TreeMap<Long, Long> completedPs = new TreeMap<>();

        Host(Simulator sim) {
            super(sim, "host", null);
            resp = inPort("resp", this::receive);
        }

        private void receive(MemResponse r) {
            completedPs.put(r.tag(), r.completedPs());
            resp.release();
        }
    }

    record Run(CommandBuffer trace, GemvResult gemv, long start, long end, TreeMap<Long, Long> done, Clock clock) {}

    static Run run(String preset, boolean ticked, int requests, long gap, long pimAt) {
        return run(Presets.load(preset), ticked, requests, gap, pimAt);
    }

    static PimSystem dual(String preset) {
        return Presets.load(preset).withDualRowBuffer(dev.bitline.sim.config.ConfigLoader.near(Presets.configsRoot()));
    }

    static Run run(PimSystem sys, boolean ticked, int requests, long gap, long pimAt) {
        Simulator sim = new Simulator(1);
        Host host = new Host(sim);
        ControllerConfig cfg = ControllerConfig.defaults().withTicked(ticked);
        if (sys.dram().organization().pseudoChannels() > 1) cfg = cfg.withAddressMapping("ro-ba-bg-ra-pc-co-ch");
        MixedPimChannels pim = new MixedPimChannels(sim, "pim", null, sys, cfg);
        CommandBuffer trace = new CommandBuffer();
        pim.dram().setCommandSink(trace);
        DramDevice.wire(host.req, pim.memory(), host.resp, 0, 1 << 20);
        Clock clk = pim.memory().clock();
        SplittableRandom rnd = new SplittableRandom(7);
        int line = pim.dram().mapping().burstBytes();
        long[] addr = new long[requests];
        boolean[] write = new boolean[requests];
        for (int i = 0; i < requests; i++) {
            addr[i] = rnd.nextLong(pim.dram().capacity() / line) * line;
            write[i] = rnd.nextInt(3) == 0;
        }
        int send = sim.register((t, i) -> host.req.send(new MemRequest(addr[(int) i], write[(int) i], i)));
        for (int i = 0; i < requests; i++) sim.schedule(clk.timeOf(i * gap), send, i);
        GemvResult[] g = new GemvResult[1];
        int start = sim.register((t, p) -> g[0] = pim.gemv(256, 1024, 1, sys.precisions().get(0), true, -1, 0));
        sim.schedule(clk.timeOf(pimAt), start, 0);
        sim.runUntilQuiet();
        if (g[0] == null) g[0] = pim.result();
        return new Run(trace, g[0], pim.phaseStart(), pim.phaseEnd(), host.completedPs, clk);
    }

    @Test
    void hostTrafficAndAPimPhaseShareTheChannels() {
        for (String preset : new String[] {"aim-gddr6", "hbm-pim"}) {
            Run r = run(preset, false, 600, 4, 1000);
            assertEquals(600, r.done().size(), preset + ": every host request completes");
            assertTrue(r.gemv().verified(), preset + ": the GEMV's output is the reference's");
            PimSystem sys = Presets.load(preset);
            CheckReport c = TimingChecker.check(sys.dram(), r.trace());
            assertTrue(c.clean(), preset + ": " + c.summary(5));
            long pimCmds = 0, hostIn = 0, hostAfter = 0;
            for (CommandRecord x : r.trace().asList()) {
                String n = x.command().name();
                boolean host = n.equals("RD") || n.equals("WR") || n.equals("RDA") || n.equals("WRA") || n.equals("ACT");
                boolean pimCmd = n.startsWith("MAC_") || n.equals("WR_GB") || n.equals("RD_MAC") || n.equals("ACT_AB");
                if (pimCmd) {
                    pimCmds++;
                    assertTrue(x.cycle() >= r.start() && x.cycle() <= r.end(), preset + ": PIM command outside its phase " + x);
                }
                if (host && x.cycle() >= r.start() && x.cycle() < r.end()) hostIn++;
                if (host && x.cycle() >= r.end()) hostAfter++;
            }
            assertTrue(pimCmds > 0 && pimCmds <= r.gemv().commands(), preset);
            // the phase takes about what the stand-alone channel takes (the controller's refresh
            // and the host's open rows differ); printed for the report
            GemvResult alone = dev.bitline.pim.run.GemvRun.run(sys, 256, 1024, 1, sys.precisions().get(0),
                    dev.bitline.pim.run.GemvRun.Options.defaults().withNumerics(false));
            System.out.printf("%s: PIM phase %d cycles on the host controllers, %d stand-alone; %d host requests%n",
                    preset, r.gemv().cycles(), alone.cycles(), r.done().size());
            assertEquals(alone.cycles(), r.gemv().cycles(), 0.15 * alone.cycles(), preset);
            assertEquals(0, hostIn, preset + ": blocked mode: no host access during the PIM phase");
            assertTrue(hostAfter > 0, preset + ": requests held during the phase are served after it");
            assertTrue(r.start() > 1000 - 1, preset);
        }
    }

    /** The event-driven and the ticked reference give the identical command trace on mixed traffic too. */
    @Test
    void eventEqualsTickedOnMixedTraffic() {
        for (String preset : new String[] {"aim-gddr6", "hbm-pim"}) {
            Run ev = run(preset, false, 300, 5, 700);
            Run tk = run(preset, true, 300, 5, 700);
            assertEquals(-1, ev.trace().firstDifference(tk.trace()), preset);
            assertEquals(ev.done(), tk.done(), preset);
        }
    }

    /**
     * Dual row buffers (NeuPIMs): host accesses proceed during the PIM phase, the output is still
     * the reference's, the whole trace checks clean (both row buffers tracked from the flags), and
     * the event driver equals the ticked reference.
     */
    @Test
    void dualRowBuffersOverlapHostAndPimWork() {
        for (String preset : new String[] {"aim-gddr6", "hbm-pim"}) {
            PimSystem sys = dual(preset);
            assertTrue(sys.isa().dualRowBuffer(), preset);
            Run r = run(sys, false, 600, 4, 1000);
            assertEquals(600, r.done().size(), preset + ": every host request completes");
            assertTrue(r.gemv().verified(), preset + ": the GEMV's output is the reference's");
            CheckReport c = TimingChecker.check(sys.dram(), r.trace());
            assertTrue(c.clean(), preset + ": " + c.summary(5));
            long hostIn = 0, pimClose = 0;
            for (CommandRecord x : r.trace().asList()) {
                String n = x.command().name();
                boolean host = n.equals("RD") || n.equals("WR") || n.equals("ACT");
                if (host && x.cycle() >= r.start() && x.cycle() < r.end()) hostIn++;
                if (n.equals("PREA_PIM")) pimClose++;
            }
            assertTrue(hostIn > 50, preset + ": host accesses overlap the PIM phase (" + hostIn + ")");
            assertTrue(pimClose > 0, preset + ": the program closes its PIM rows with PREA_PIM");
            assertEquals(1000, r.start(), preset + ": the phase starts at once, nothing is drained first");
            Run tk = run(sys, true, 600, 4, 1000);
            assertEquals(-1, r.trace().firstDifference(tk.trace()), preset + ": event == ticked");
            assertEquals(r.done(), tk.done(), preset);
        }
    }

    /** The checker follows the PIM row buffer: a MAC with it closed, or a refresh with it open, is flagged. */
    @Test
    void checkerFlagsPimBufferViolations() {
        PimSystem sys = dual("aim-gddr6");
        Run r = run(sys, false, 200, 8, 500);
        java.util.List<CommandRecord> all = r.trace().asList();
        int act = -1;
        for (int i = 0; i < all.size() && act < 0; i++) if (all.get(i).command().name().equals("ACT_AB")) act = i;
        assertTrue(act >= 0);
        CommandBuffer noAct = new CommandBuffer();
        for (int i = 0; i < all.size(); i++) if (i != act) add(noAct, all.get(i));
        CheckReport c = TimingChecker.check(sys.dram(), noAct);
        assertTrue(c.summary(20).contains("closed bank"), c.summary(5));
        // a REFab right after an ACT_AB, rows still open in the PIM buffers
        CommandRecord a = all.get(act);
        CommandBuffer refOpen = new CommandBuffer();
        for (int i = 0; i <= act; i++) add(refOpen, all.get(i));
        refOpen.add(new CommandRecord(a.cycle() + 200, sys.dram().command("REFab"), a.channel(), a.pseudoChannel(),
                a.rank(), CommandRecord.NONE, CommandRecord.NONE, CommandRecord.NONE, CommandRecord.NONE));
        CheckReport c2 = TimingChecker.check(sys.dram(), refOpen);
        assertTrue(c2.summary(20).contains("bank(s) open"), c2.summary(5));
    }

    private static void add(CommandBuffer b, CommandRecord x) {
        b.add(x);
    }
}
