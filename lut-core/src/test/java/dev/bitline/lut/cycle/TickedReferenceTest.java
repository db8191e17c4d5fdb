package dev.bitline.lut.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The event-driven model against its reference ticked mode (every tile handles an event on every
 * cycle): the same chunk-start trace and the same report, over random shapes, buffers, ports,
 * precompute modes and double buffering. A missed wake-up or a wrong jump in the event-driven
 * mode shows up as a different trace.
 */
class TickedReferenceTest {
    @Property(tries = 60, seed = "20250611")
    void eventDrivenEqualsTicked(@ForAll @IntRange(min = 1, max = 7) int m, @ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 160) int k, @ForAll @IntRange(min = 1, max = 4) int planes,
            @ForAll @IntRange(min = 1, max = 3) int tiles, @ForAll @IntRange(min = 1, max = 96) int bpc,
            @ForAll @IntRange(min = 0, max = 30) int latency, @ForAll boolean fused, @ForAll boolean doubleBuffer,
            @ForAll @IntRange(min = 1, max = 6) int weightSlots, @ForAll @IntRange(min = 1, max = 16) int tableQuarterSets) {
        int chunkK = 16;
        long chunkBytes = (64L * chunkK * planes + 7) / 8;
        long setBytes = (2L * ((k + 3) / 4) * 8 * 10 + 7) / 8;
        // from a quarter of one row block's tables (K split into segments) to four row blocks' worth;
        // never below one 16-element chunk's tables (2 x 4 x 8 x 10 bits = 80 B)
        long tableBytes = Math.max(80, tableQuarterSets * setBytes / 4);
        ArrayParams p = new ArrayParams(1_000_000_000L, 2, 64, 4, tiles, fused, 2, 3, tableBytes,
                weightSlots * chunkBytes, chunkK, doubleBuffer, bpc, latency);
        GemmJob job = new GemmJob(m, n, k, planes, 1, 8, 10);
        List<long[]> fast = new ArrayList<>();
        List<long[]> slow = new ArrayList<>();
        CycleReport a = LutArraySim.runForTest(p, job, false, fast);
        CycleReport b = LutArraySim.runForTest(p, job, true, slow);
        // starts at the same cycle on different tiles may be recorded in either order
        java.util.Comparator<long[]> byCycle = java.util.Comparator.<long[]>comparingLong(x -> x[2])
                .thenComparingLong(x -> x[0]).thenComparingLong(x -> x[1]);
        fast.sort(byCycle);
        slow.sort(byCycle);
        assertEquals(fast.size(), slow.size());
        for (int i = 0; i < fast.size(); i++) {
            assertEquals(List.of(fast.get(i)[0], fast.get(i)[1], fast.get(i)[2]),
                    List.of(slow.get(i)[0], slow.get(i)[1], slow.get(i)[2]), "chunk start " + i);
        }
        assertEquals(a.cycles(), b.cycles());
        assertEquals(a.computeTileCycles(), b.computeTileCycles());
        assertEquals(a.weightStallTileCycles(), b.weightStallTileCycles());
        assertEquals(a.tableStallTileCycles(), b.tableStallTileCycles());
        assertEquals(a.bytesRead(), b.bytesRead());
        // the ticked mode really visits every cycle; the event-driven one does not need to
        assertTrue(b.events() >= a.cycles() - a.precomputeCycles());
        assertTrue(a.events() <= b.events());
    }
}
