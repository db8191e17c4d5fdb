package dev.bitline.mapping.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.port.DramDevice;
import dev.bitline.dram.port.MemRequest;
import dev.bitline.dram.port.MemResponse;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.lut.cycle.CycleReport;
import dev.bitline.lut.cycle.LutArraySim;
import dev.bitline.lut.cycle.LutTensorCoreConfig;
import dev.bitline.sim.Component;
import dev.bitline.sim.InPort;
import dev.bitline.sim.OutPort;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.config.ConfigLoader;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.sim.stats.Counter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A LUT array (operands from a cycle-accurate HBM2 stack) and an independent DDR4 channel with its
 * own traffic, on one simulator: one event queue, one stats tree. Sharing the timeline must not
 * perturb either model (each gives exactly what it gives alone), and each model's statistics sit
 * under its own path, registered by the model.
 */
class SharedTimelineTest {
    private static final Path ROOT = ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath()).orElseThrow();
    private static final Operation.Gemm GEMV = Operation.Gemm.inDram("gemv", 1, 512, 1024, WeightFormat.parse("w2"),
            ActivationFormat.INT8);

    /** Sends {@code count} reads, 64 B apart, as fast as credits allow; records completion times. */
    static final class Reader extends Component {
        final OutPort<MemRequest> req = outPort("req");
        final InPort<MemResponse> resp = inPort("resp", this::done);
        final List<Long> completions = new ArrayList<>();
        final int count;
        int sent;

        Reader(Simulator sim, DramDevice dram, int count) {
            super(sim, "reader", null);
            this.count = count;
            DramDevice.wire(req, dram, resp, 1000, 16);
            req.onSpace(this::pump);
        }

        void pump() {
            while (sent < count && req.canSend()) {
                req.send(new MemRequest(sent * 64L * 37, false, sent)); // strided: row hits and misses
                sent++;
            }
        }

        private void done(MemResponse r) {
            resp.release();
            completions.add(r.completedPs());
        }
    }

    private static LutArraySim lut(Simulator sim) {
        LutTensorCoreConfig c = new ConfigLoader(ROOT).load(ROOT.resolve("lut/lut-tensor-core-hbm2-dram.yaml"),
                LutTensorCoreConfig.class, List.of());
        LutMemory mem = LutMemory.of(c, ROOT);
        return new LutArraySim(sim, "lut", null, mem.params(), c.lutConfig(), mem.portFactory());
    }

    private static Reader reader(Simulator sim) {
        DramSystem ddr4 = new DramSystem(DramStandards.preset(ROOT, "ddr4-3200"), ControllerConfig.defaults(), null);
        return new Reader(sim, new DramDevice(sim, "dram", null, ddr4), 2000);
    }

    @Test
    void lutArrayAndDramChannelShareOneEventQueue() {
        // each alone
        Simulator a = new Simulator(1);
        LutArraySim lutAlone = lut(a);
        lutAlone.submit(GEMV, -1, 0);
        a.runUntilQuiet();
        CycleReport alone = lutAlone.lastReport();
        Simulator b = new Simulator(1);
        Reader readerAlone = reader(b);
        readerAlone.pump();
        b.runUntilQuiet();

        // together
        Simulator sim = new Simulator(1);
        LutArraySim lut = lut(sim);
        Reader reader = reader(sim);
        long[] lutDone = {-1};
        lut.submit(GEMV, sim.register((t, p) -> lutDone[0] = t), 0);
        reader.pump();
        sim.runUntilQuiet();

        assertEquals(alone.cycles(), lut.lastReport().cycles());
        assertEquals(alone.bytesRead(), lut.lastReport().bytesRead());
        assertEquals(lutDone[0], Math.round(alone.cycles() * 1e12 / alone.clockHz()), "completion event at the last cycle");
        assertEquals(readerAlone.completions, reader.completions);
        assertTrue(sim.eventsDispatched() > a.eventsDispatched() && sim.eventsDispatched() > b.eventsDispatched());

        // one stats tree: the LUT array's, its HBM2's (lut.mem.dram.*), the DDR4 channel's (dram.*)
        assertEquals(2000, value(sim, "dram.reads"));
        assertEquals(2000 * 64, value(sim, "dram.ch0.bytes"));
        assertTrue(value(sim, "dram.ch0.rowHits") > 0 && value(sim, "dram.ch0.commands.ACT") > 0);
        long hbmBytes = 0;
        for (int ch = 0; ch < 8; ch++) {
            hbmBytes += value(sim, "lut.mem.dram.ch" + ch + ".bytes");
        }
        assertEquals(hbmBytes, value(sim, "lut.mem.dram.bytes"));
        assertTrue(hbmBytes >= alone.bytesRead(), "the HBM2 delivered the array's bytes (whole bursts)");
        assertEquals(alone.cycles(), value(sim, "lut.cycles"));
        assertEquals(1, value(sim, "lut.operations"));
    }

    private static long value(Simulator sim, String name) {
        return ((Counter) sim.stats().find(name)).value();
    }
}
