package dev.bitline.lut.cycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.quant.ActivationFormat;
import dev.bitline.sim.quant.Activations;
import dev.bitline.sim.quant.PackedWeights;
import dev.bitline.sim.quant.WeightFormat;
import dev.bitline.lut.functional.LutConfig;
import dev.bitline.lut.functional.LutGemm;
import dev.bitline.lut.functional.TablePrecision;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Cycle counts against hand-derived formulas. Shapes: tile M2 N64 K4; chunk of 16 K elements =
 * 4 k-groups; a W-bit chunk costs 4 W cycles of compute and 64 * 16 * W / 8 = 128 W bytes.
 */
class LutArraySimTest {
    static final long GHZ = 1_000_000_000L;

    /** One tile, fused precompute, big buffers, port of {@code bpc} B/cycle and {@code lat} cycles. */
    static ArrayParams params(double bpc, long lat) {
        return new ArrayParams(GHZ, 2, 64, 4, 1, true, 1, 0, 1 << 20, 1 << 20, 16, true, bpc, lat);
    }

    static GemmJob job(int m, int n, int k, int planes) {
        return new GemmJob(m, n, k, planes, 1, 8, 10);
    }

    @Test
    void computeBoundSingleBlock() {
        // K=64: 4 chunks of 256 B (W2). 1024 B/cycle: each chunk moves in 1 cycle, so the first
        // arrives at 1 + L and every later one is already there when the previous finishes.
        // cycles = ceil(256/1024) + L + chunks * groups * W = 1 + 10 + 4 * 4 * 2 = 43
        CycleReport r = LutArraySim.run(params(1024, 10), job(2, 64, 64, 2), BlockKernel.NONE);
        assertEquals(43, r.cycles());
        assertEquals(32, r.computeTileCycles());
        assertEquals(11, r.weightStallTileCycles());
        assertEquals("compute-bound", r.bound());
        assertEquals(2L * 64 * 16 * 2, r.usefulLookups());
        assertEquals(1024, r.bytesRead());
    }

    @Test
    void memoryBoundSingleBlock() {
        // 8 B/cycle: a 256 B chunk takes 32 cycles, compute 8; the port never idles.
        // cycles = chunks * 32 + L + last chunk's compute = 128 + 10 + 8 = 146
        CycleReport r = LutArraySim.run(params(8, 10), job(2, 64, 64, 2), BlockKernel.NONE);
        assertEquals(146, r.cycles());
        assertEquals(32, r.computeTileCycles());
        assertEquals(146 - 32, r.weightStallTileCycles());
        assertEquals("memory-bound", r.bound());
        assertEquals(128, r.portBusyCycles());
    }

    @Test
    void memoryBoundGemvOnManyTiles() {
        // N=512 -> 8 column blocks over 4 tiles; K=256 -> 16 chunks each. Total weight bytes
        // 512 * 256 * 2 / 8 = 32 KiB at 16 B/cycle = 2048 busy cycles; the port never idles
        // (every tile has chunks queued), so cycles = 2048 + L + 8 (the last chunk's compute).
        ArrayParams p = params(16, 7).withTiles(4);
        CycleReport r = LutArraySim.run(p, job(1, 512, 256, 2), BlockKernel.NONE);
        assertEquals(2048 + 7 + 8, r.cycles());
        assertEquals(32768, r.bytesRead());
        // every tile-cycle is accounted for exactly once
        assertEquals(4L * r.cycles(), r.computeTileCycles() + r.weightStallTileCycles() + r.tableStallTileCycles()
                + r.precomputeTileCycles() + r.idleTileCycles());
        // GEMV on M2 tiles: at most half the lookups are useful
        assertTrue(r.utilization() <= 0.5);
    }

    @Test
    void computeBoundManyBlocksWithResidentWeights() {
        // M=6 (3 row blocks), N=128 (2 column blocks), K=64, one tile, W=3. Column weights
        // (4 chunks of 384 B) fit the buffer, so each is fetched once and reused by 3 row blocks.
        // 1 MiB/cycle-ish port: first arrival at 1 + L, then compute never waits:
        // cycles = 1 + L + 2 * 3 * 4 chunks * 4 groups * 3 planes = 1 + 5 + 288
        CycleReport r = LutArraySim.run(params(4096, 5), job(6, 128, 64, 3), BlockKernel.NONE);
        assertTrue(r.weightsResident());
        assertEquals(1 + 5 + 288, r.cycles());
        assertEquals(2 * 4 * 384, r.bytesRead());
    }

    @Test
    void smallWeightBufferRestreamsWeightsPerRowBlock() {
        // Weight buffer of 2 chunks < 4 chunks per column: weights re-streamed for every row block.
        ArrayParams p = params(4096, 5).withBuffers(1 << 20, 2 * 384, 16, true);
        CycleReport r = LutArraySim.run(p, job(6, 128, 64, 3), BlockKernel.NONE);
        assertFalse(r.weightsResident());
        assertEquals(3 * 2 * 4 * 384, r.bytesRead());
    }

    @Test
    void fusedPrecomputeRemovesExactlyThePrecomputePhase() {
        // Unfused: activations (M*K = 2*64 B) in ceil(128/1024) = 1 cycle + L = 10, then
        // ceil(M * K/4 / tablesPerCycle) + latency = 32 / 1 + 3 cycles of precompute = 46.
        ArrayParams fused = new ArrayParams(GHZ, 2, 64, 4, 1, true, 1, 3, 1 << 20, 1 << 20, 16, true, 1024, 10);
        ArrayParams unfused = fused.withPrecomputeFused(false);
        for (int w = 1; w <= 4; w++) {
            CycleReport f = LutArraySim.run(fused, job(2, 64, 64, w), BlockKernel.NONE);
            CycleReport u = LutArraySim.run(unfused, job(2, 64, 64, w), BlockKernel.NONE);
            assertEquals(0, f.precomputeCycles());
            assertEquals(1 + 10 + 32 + 3, u.precomputeCycles());
            assertEquals(u.precomputeCycles(), u.cycles() - f.cycles());
        }
        // and in a memory-bound case too: the phase is serial with the GEMM in both
        ArrayParams slowFused = fused.withPort(8, 10);
        CycleReport f = LutArraySim.run(slowFused, job(2, 64, 64, 2), BlockKernel.NONE);
        CycleReport u = LutArraySim.run(slowFused.withPrecomputeFused(false), job(2, 64, 64, 2), BlockKernel.NONE);
        assertEquals(16 + 10 + 32 + 3, u.precomputeCycles());
        assertEquals(u.precomputeCycles(), u.cycles() - f.cycles());
    }

    @Test
    void tableBufferOverflowForcesReprecomputeOrReload() {
        // Tables of one row block (K=64): 2 rows * 16 groups * 8 entries * 10 bits = 320 B.
        // Three row blocks need 960 B; a 640 B buffer holds two sets, so tables are made per visit.
        ArrayParams p = new ArrayParams(GHZ, 2, 64, 4, 1, true, 1, 0, 640, 1 << 20, 16, true, 4096, 5);
        CycleReport fused = LutArraySim.run(p, job(6, 128, 64, 3), BlockKernel.NONE);
        assertFalse(fused.tablesResident());
        assertEquals(6, fused.tableProductions()); // 2 column blocks x 3 row blocks
        assertEquals(2 * 4 * 384 + 6 * 320, fused.bytesRead()); // weights + table reloads
        CycleReport unfused = LutArraySim.run(p.withPrecomputeFused(false), job(6, 128, 64, 3), BlockKernel.NONE);
        assertEquals(6, unfused.tableProductions());
        assertEquals(2 * 4 * 384 + 6 * 2 * 64, unfused.bytesRead()); // weights + activations re-read
        assertEquals(0, unfused.precomputeCycles());
        // with a buffer that holds them all, tables are made once
        CycleReport resident = LutArraySim.run(p.withBuffers(960, 1 << 20, 16, true), job(6, 128, 64, 3), BlockKernel.NONE);
        assertTrue(resident.tablesResident());
        assertEquals(0, resident.tableProductions());
    }

    @Test
    void tablesLargerThanTheBufferAreMadeInKSegments() {
        // K=64: one row block's tables are 320 B; a 160 B buffer holds two chunks' worth (2 x 80 B).
        // Without double buffering each visit makes its tables in 2 segments of 32 K elements;
        // with it, segments take half the buffer: 4 segments of 16.
        ArrayParams p = new ArrayParams(GHZ, 2, 64, 4, 1, true, 1, 0, 160, 1 << 20, 16, false, 4096, 5);
        CycleReport fused = LutArraySim.run(p, job(2, 128, 64, 2), BlockKernel.NONE);
        assertFalse(fused.tablesResident());
        assertEquals(2 * 2, fused.tableProductions()); // 2 column blocks x 2 segments
        assertEquals(2 * 4 * 256 + 4 * 160, fused.bytesRead()); // weights + table segments reloaded
        CycleReport unfused = LutArraySim.run(p.withPrecomputeFused(false), job(2, 128, 64, 2), BlockKernel.NONE);
        assertEquals(4, unfused.tableProductions());
        assertEquals(2 * 4 * 256 + 4 * 2 * 32, unfused.bytesRead()); // activations re-read per segment
        ArrayParams dbl = p.withBuffers(160, 1 << 20, 16, true);
        CycleReport d = LutArraySim.run(dbl, job(2, 128, 64, 2), BlockKernel.NONE);
        assertEquals(2 * 4, d.tableProductions());
        assertEquals(2 * 4 * 256 + 8 * 80, d.bytesRead());
        // and the outputs are still right
        SplittableRandom rnd = new SplittableRandom(5);
        Activations a = Activations.random(ActivationFormat.INT8, 3, 64, rnd);
        PackedWeights w = PackedWeights.random(new WeightFormat.SInt(2), 128, 64, 32, rnd);
        LutGemmRun.Outcome o = LutGemmRun.run(dbl.withPrecomputeFused(false), a, w, LutConfig.DEFAULT);
        assertTrue(o.verified());
        assertEquals(2 * 2 * 4, o.report().tableProductions()); // 2 row blocks now
    }

    @Test
    void tooSmallBuffersAreClearErrors() {
        // one 16-element chunk's tables: 2 rows x 4 groups x 8 entries x 10 bits = 80 B
        ArrayParams p = params(1024, 1).withBuffers(79, 1 << 20, 16, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LutArraySim.run(p, job(2, 64, 64, 2), BlockKernel.NONE));
        assertTrue(e.getMessage().contains("table buffer"), e.getMessage());
        ArrayParams q = params(1024, 1).withBuffers(1 << 20, 100, 16, true);
        e = assertThrows(IllegalArgumentException.class, () -> LutArraySim.run(q, job(2, 64, 64, 2), BlockKernel.NONE));
        assertTrue(e.getMessage().contains("weight buffer"), e.getMessage());
    }

    @Test
    void withoutDoubleBufferingFetchAndComputeSerialize() {
        // Every chunk: fetch (32 cycles at 8 B/cycle) + L + compute 8, nothing overlapped.
        ArrayParams p = params(8, 10).withBuffers(1 << 20, 1 << 20, 16, false);
        CycleReport r = LutArraySim.run(p, job(2, 64, 64, 2), BlockKernel.NONE);
        assertEquals(4 * (32 + 10 + 8), r.cycles());
        CycleReport d = LutArraySim.run(params(8, 10), job(2, 64, 64, 2), BlockKernel.NONE);
        assertTrue(d.cycles() < r.cycles());
    }

    @Property(tries = 40, seed = "20250611")
    void cyclesAreMonotonicInWeightBits(@ForAll @IntRange(min = 1, max = 9) int m,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 200) int k,
            @ForAll @IntRange(min = 1, max = 64) int bpc, @ForAll @IntRange(min = 1, max = 3) int tiles) {
        ArrayParams p = params(bpc, 13).withTiles(tiles);
        long prev = 0;
        for (int w = 1; w <= 4; w++) {
            CycleReport r = LutArraySim.run(p, job(m, n, k, w), BlockKernel.NONE);
            assertTrue(r.cycles() >= prev, "W" + w + ": " + r.cycles() + " < " + prev);
            assertEquals((long) tiles * r.cycles(), r.computeTileCycles() + r.weightStallTileCycles()
                    + r.tableStallTileCycles() + r.precomputeTileCycles() + r.idleTileCycles());
            // compute alone is a lower bound: every k-group of every block costs W cycles
            long blocksPerTileMax = (long) Math.ceil(Math.ceil(n / 64.0) / tiles) * (long) Math.ceil(m / 2.0);
            assertTrue(r.cycles() >= blocksPerTileMax * (long) Math.ceil(k / 4.0) * w);
            prev = r.cycles();
        }
    }

    @Property(tries = 40, seed = "20250611")
    void fusingRemovesExactlyThePrecomputePhase(@ForAll @IntRange(min = 1, max = 9) int m,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 200) int k,
            @ForAll @IntRange(min = 1, max = 4) int w, @ForAll @IntRange(min = 1, max = 64) int bpc,
            @ForAll @IntRange(min = 1, max = 3) int tiles, @ForAll @IntRange(min = 1, max = 4) int tablesPerCycle,
            @ForAll @IntRange(min = 0, max = 40) int latency) {
        ArrayParams fused = new ArrayParams(GHZ, 2, 64, 4, tiles, true, tablesPerCycle, 2, 1 << 20, 1 << 20, 16, true,
                bpc, latency);
        CycleReport f = LutArraySim.run(fused, job(m, n, k, w), BlockKernel.NONE);
        CycleReport u = LutArraySim.run(fused.withPrecomputeFused(false), job(m, n, k, w), BlockKernel.NONE);
        // activations through the port, then the tables: ceil(M*K/bpc) + L + ceil(M*ceil(K/4)/rate) + 2
        long expected = (long) Math.ceil((double) m * k / bpc) + latency + (m * ((k + 3) / 4) + tablesPerCycle - 1) / tablesPerCycle + 2;
        assertEquals(expected, u.precomputeCycles());
        assertEquals(u.precomputeCycles(), u.cycles() - f.cycles());
        assertEquals(f.computeTileCycles(), u.computeTileCycles());
    }

    @Test
    void outputsEqualTheReferenceBitForBit() {
        SplittableRandom rnd = new SplittableRandom(7);
        Activations a = Activations.random(ActivationFormat.INT8, 5, 200, rnd);
        for (WeightFormat f : new WeightFormat[] {new WeightFormat.SInt(2), new WeightFormat.UInt(4),
                new WeightFormat.Ternary(), new WeightFormat.Bipolar(1)}) {
            PackedWeights w = PackedWeights.random(f, 150, 200, 40, rnd);
            LutGemmRun.Outcome o = LutGemmRun.run(params(64, 3).withTiles(3), a, w, LutConfig.DEFAULT);
            assertTrue(o.exactRequired());
            assertTrue(o.verified(), f.name() + " max diff " + o.maxAbsDiff());
            assertArrayEquals(o.reference(), o.output(), 0.0);
            assertArrayEquals(LutGemm.multiply(a, w, LutConfig.DEFAULT).out(), o.output(), 0.0);
        }
    }

    @Test
    void floatActivationsStayWithinTheFunctionalBound() {
        SplittableRandom rnd = new SplittableRandom(11);
        Activations a = Activations.random(ActivationFormat.FP16, 3, 128, rnd);
        PackedWeights w = PackedWeights.random(new WeightFormat.SInt(4), 70, 128, 32, rnd);
        LutConfig cfg = LutConfig.DEFAULT.withTable(TablePrecision.FP16);
        LutGemmRun.Outcome o = LutGemmRun.run(params(64, 3), a, w, cfg);
        assertFalse(o.exactRequired());
        assertTrue(o.verified(), "max diff " + o.maxAbsDiff());
        assertArrayEquals(LutGemm.multiply(a, w, cfg).out(), o.output(), 0.0);
    }

    @Test
    void aPortInAnotherClockDomainPlugsIn() {
        // A 1.6 GHz port moving 16 B per its cycle (25.6 GB/s), as a DRAM channel adapter would:
        // completions land between core edges and are taken at the next core edge.
        dev.bitline.sim.Clock dramClock = dev.bitline.sim.Clock.ofHz(1_600_000_000L);
        SplittableRandom rnd = new SplittableRandom(3);
        Activations a = Activations.random(ActivationFormat.INT8, 1, 512, rnd);
        PackedWeights w = PackedWeights.random(new WeightFormat.SInt(2), 256, 512, 128, rnd);
        FunctionalBlocks blocks = new FunctionalBlocks(a, w, LutConfig.DEFAULT);
        CycleReport r = LutArraySim.run(params(1, 0).withTiles(2), LutGemmRun.job(a, w, LutConfig.DEFAULT), blocks,
                (sim, parent) -> new FixedBandwidthPort(sim, "dram", parent, dramClock, 16, 20));
        // 32 KiB at 25.6 B/ns = 1280 ns of transfer: memory-bound at 1 GHz
        assertTrue(r.cycles() >= 1280 + 12, "cycles " + r.cycles());
        assertTrue(r.cycles() < 1280 + 12 + 200, "cycles " + r.cycles());
        assertEquals(32768, r.bytesRead());
        assertArrayEquals(dev.bitline.lut.functional.ReferenceGemm.multiply(a, w), blocks.output(), 0.0);
    }

    @Test
    void runsAreDeterministic() {
        ArrayParams p = params(24, 9).withTiles(3);
        CycleReport a = LutArraySim.run(p, job(5, 700, 300, 3), BlockKernel.NONE);
        CycleReport b = LutArraySim.run(p, job(5, 700, 300, 3), BlockKernel.NONE);
        assertEquals(a, b);
    }
}
