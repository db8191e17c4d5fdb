package dev.bitline.dram.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Simulator;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The kernel adapter must not change what the controller does: the same
 * requests at the same cycles complete at the same cycles whether the
 * controller is driven directly or through {@link DramDevice} on the kernel.
 */
class DramDeviceTest {
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

    @Test
    void sameCompletionsAsDirectDrive() {
        for (long gap : new long[] {1, 3, 40}) { // saturated, busy, nearly idle
            DramSpec spec = Presets.load("ddr4-3200");
            ControllerConfig cfg = ControllerConfig.defaults();
            int n = 3000;
            long[] addr = new long[n];
            boolean[] write = new boolean[n];
            DramSystem probe = new DramSystem(spec, cfg, null);
            SplittableRandom rnd = new SplittableRandom(gap);
            int line = probe.mapping().burstBytes();
            for (int i = 0; i < n; i++) {
                addr[i] = rnd.nextLong(probe.capacity() / line) * line;
                write[i] = rnd.nextInt(3) == 0;
            }

            // direct: arrival i*gap, in order, blocking while full
            TreeMap<Long, Long> direct = new TreeMap<>();
            DramSystem d = new DramSystem(spec, cfg, (tag, w, arr, done) -> direct.put(tag, done));
            long t = 0;
            for (int i = 0; i < n; i++) {
                t = d.submitBlocking(addr[i], write[i], Math.max(t, i * gap), i);
            }
            d.drain();

            // kernel: a host sends request i at cycle i*gap over a zero-latency link
            Simulator sim = new Simulator(1);
            Host host = new Host(sim);
            DramDevice dev = new DramDevice(sim, "dram", null, new DramSystem(spec, cfg, null));
            DramDevice.wire(host.req, dev, host.resp, 0, 1 << 20);
            Clock clk = dev.clock();
            int send = sim.register((time, i) -> host.req.send(new MemRequest(addr[(int) i], write[(int) i], i)));
            for (int i = 0; i < n; i++) {
                sim.schedule(clk.timeOf(i * gap), send, i);
            }
            sim.runUntilQuiet();

            assertEquals(n, host.completedPs.size(), "gap " + gap);
            for (int i = 0; i < n; i++) {
                assertEquals(clk.timeOf(direct.get((long) i)), host.completedPs.get((long) i),
                        "request " + i + " at gap " + gap);
            }
            // per request: send, delivery, credit back, completion, response delivery, its credit;
            // the rest are wake-ups, at most one per controller decision cycle
            long wakes = sim.eventsDispatched() - 6L * n;
            long decisions = dev.system().channel(0).decisions();
            assertTrue(wakes <= decisions, "gap " + gap + ": " + wakes + " wake-ups for " + decisions + " decisions");
        }
    }
}
