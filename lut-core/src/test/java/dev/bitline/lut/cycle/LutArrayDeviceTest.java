package dev.bitline.lut.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.lut.functional.LutConfig;
import dev.bitline.sim.Clock;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.device.Estimate;
import dev.bitline.sim.device.Location;
import dev.bitline.sim.device.Operation;
import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.sim.stats.Counter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The LUT array as a device on the caller's simulator: operations described once ({@link
 * Operation.Gemm}) run back to back, signal completion on the shared timeline, accumulate
 * statistics under the array's path, and the analytical model answers the same descriptions
 * close to (and never above) the cycle model.
 */
class LutArrayDeviceTest {
    static final long GHZ = 1_000_000_000L;
    static final LutConfig TABLES = LutConfig.DEFAULT; // g=4 symmetric exact: 8 entries

    static ArrayParams params(int tiles, double bpc, long lat, boolean fused) {
        return new ArrayParams(GHZ, 2, 64, 4, tiles, fused, 1, 0, 1 << 20, 1 << 20, 16, true, bpc, lat);
    }

    static Operation.Gemm gemm(String name, int m, int n, int k, String w) {
        return Operation.Gemm.inDram(name, m, n, k, WeightFormat.parse(w), ActivationFormat.INT8);
    }

    @Test
    void operationsRunBackToBackOnTheCallersSimulator() {
        ArrayParams p = params(2, 64, 10, true);
        Operation.Gemm a = gemm("a", 4, 256, 128, "w2");
        Operation.Gemm b = gemm("b", 1, 512, 256, "w4");
        CycleReport aloneA = LutArraySim.run(p, new LutArrayModel(p, TABLES).job(a), BlockKernel.NONE);
        CycleReport aloneB = LutArraySim.run(p, new LutArrayModel(p, TABLES).job(b), BlockKernel.NONE);

        Simulator sim = new Simulator(1);
        LutArraySim lut = new LutArraySim(sim, "lut", null, p, TABLES);
        List<long[]> done = new ArrayList<>();
        int h = sim.register((t, payload) -> done.add(new long[] {payload, t}));
        lut.submit(a, h, 1);
        lut.submit(b, h, 2);
        assertEquals(2, lut.pending());
        sim.runUntilQuiet();
        assertEquals(0, lut.pending());
        Clock clk = Clock.ofHz(GHZ);
        assertEquals(2, done.size());
        assertEquals(1, done.get(0)[0]);
        assertEquals(clk.timeOf(aloneA.cycles()), done.get(0)[1]);
        assertEquals(2, done.get(1)[0]);
        assertEquals(clk.timeOf(aloneA.cycles() + aloneB.cycles()), done.get(1)[1], "b starts when a completes");
        assertEquals(aloneB, withEvents(lut.lastReport(), aloneB.events()), "b alone and b after a: same report");

        assertEquals(2, counter(sim, "lut.operations"));
        assertEquals(aloneA.cycles() + aloneB.cycles(), counter(sim, "lut.cycles"));
        assertEquals(aloneA.bytesRead() + aloneB.bytesRead(), counter(sim, "lut.port.bytes"));
        long tile0 = counter(sim, "lut.tile0.computeCycles");
        long tile1 = counter(sim, "lut.tile1.computeCycles");
        assertEquals(aloneA.computeTileCycles() + aloneB.computeTileCycles(), tile0 + tile1);
        assertTrue(lut.stats().size() >= 2 * 6 + 5, "tile and array stats under lut.*: " + lut.stats().size());
    }

    private static CycleReport withEvents(CycleReport r, long events) {
        return new CycleReport(r.cycles(), r.clockHz(), r.tiles(), r.usefulLookups(), r.peakLookups(),
                r.precomputeCycles(), r.computeTileCycles(), r.weightStallTileCycles(), r.tableStallTileCycles(),
                r.precomputeTileCycles(), r.idleTileCycles(), r.bytesRead(), r.portBusyCycles(), r.tablesResident(),
                r.weightsResident(), r.tableProductions(), events, r.maxTileComputeCycles(), r.portBoundCycles());
    }

    private static long counter(Simulator sim, String name) {
        return ((Counter) sim.stats().find(name)).value();
    }

    @Test
    void rejectsWhatItCannotExecute() {
        ArrayParams p = params(1, 64, 0, true);
        Simulator sim = new Simulator(1);
        LutArraySim lut = new LutArraySim(sim, "lut", null, p, TABLES);
        Operation softmax = new Operation.Nonlinear("sm", Operation.Function.SOFTMAX, 4, 128, ActivationFormat.FP16,
                Location.ON_CHIP);
        assertFalse(lut.model().supports(softmax));
        var e = assertThrows(IllegalArgumentException.class, () -> lut.submit(softmax, -1, 0));
        assertTrue(e.getMessage().startsWith("sm: a LUT array executes GEMM/GEMV only"), e.getMessage());
        Operation onChip = new Operation.Gemm("g", 1, 64, 64, WeightFormat.parse("w2"), 0, ActivationFormat.INT8,
                ActivationFormat.INT8, Location.ON_CHIP, Location.DRAM, Location.DRAM);
        assertTrue(lut.model().unsupported(onChip).contains("weights at ON_CHIP"));
        assertNull(lut.model().unsupported(gemm("ok", 1, 64, 64, "w2")));
        assertEquals(0, lut.pending());
    }

    /** Hand-derived: one tile, one 2x64 block, K=64 W2 fused: compute 4 chunks x 4 groups x 2 planes = 32. */
    @Test
    void estimateOfAComputeBoundBlock() {
        ArrayParams p = params(1, 1024, 10, true);
        Estimate e = new LutArrayModel(p, TABLES).estimate(gemm("g", 2, 64, 64, "w2"));
        // compute 32 after the first 256 B chunk arrives (1 cycle + 10 latency) = 43; memory 11 + 8
        assertEquals(Estimate.Bound.COMPUTE, e.bound());
        assertEquals(43_000, e.timePs());
        assertEquals(1024, e.bytesMoved());
        // the cycle model agrees exactly here
        assertEquals(43, LutArraySim.run(p, new LutArrayModel(p, TABLES).job(gemm("g", 2, 64, 64, "w2")),
                BlockKernel.NONE).cycles());
    }

    @Property(tries = 40, seed = "20261202")
    void estimateIsALowerBoundCloseToTheCycleModel(@ForAll @IntRange(min = 1, max = 8) int m,
            @ForAll @IntRange(min = 1, max = 8) int nBlocks, @ForAll @IntRange(min = 4, max = 32) int kChunks,
            @ForAll @IntRange(min = 1, max = 4) int bits, @ForAll @IntRange(min = 1, max = 4) int tiles,
            @ForAll @IntRange(min = 4, max = 512) int bpc, @ForAll boolean fused) {
        ArrayParams p = params(tiles, bpc, 20, fused);
        Operation.Gemm g = gemm("g", m, 64 * nBlocks, 16 * kChunks, bits == 3 ? "int3" : "int" + bits);
        LutArrayModel model = new LutArrayModel(p, TABLES);
        Estimate e = model.estimate(g);
        CycleReport r = LutArraySim.run(p, model.job(g), BlockKernel.NONE);
        long est = e.timePs() / 1000;
        assertEquals(r.bytesRead(), e.bytesMoved(), "bytes through the port");
        assertTrue(est <= r.cycles(), "estimate " + est + " above the cycle model's " + r.cycles());
        assertTrue(est >= 0.55 * r.cycles(), "estimate " + est + " far below the cycle model's " + r.cycles());
    }
}
