package dev.bitline.mapping.pim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.pim.layout.GemvLayout;
import dev.bitline.pim.layout.Geometry;
import dev.bitline.pim.mac.InputFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A partitioned matrix covers every bank slice exactly once; regions never overlap. */
class PimPlacementTest {
    /** PIM-GPT's geometry: 16 channels x 16 banks, 16K rows of 2 KB, 32 B columns, a unit per bank. */
    static final Geometry PIM_GPT = new Geometry(16, 1, 4, 4, 16384, 64, 32, 1);

    @Property(tries = 40, seed = "11")
    void everyMatrixRowLivesInExactlyOneBankSlot(@ForAll @IntRange(min = 1, max = 6000) int n,
            @ForAll @IntRange(min = 1, max = 5000) int k, @ForAll @IntRange(min = 1, max = 4) int channelsLog) {
        Geometry g = new Geometry(1 << channelsLog, 1, 2, 4, 4096, 64, 32, 1);
        PimPlacement p = new PimPlacement(g, InputFormat.BF16, 16, 1024);
        PimPlacement.Region r = p.place("W", n, k);
        GemvLayout l = r.layout();
        int[] seen = new int[n];
        for (int ch = 0; ch < g.channels(); ch++) {
            for (int bank = 0; bank < g.banksPerRankUnit(); bank++) {
                for (int slot = 0; slot < l.slots(); slot++) {
                    int row = l.matrixRow(ch, 0, bank, slot);
                    if (row >= 0) {
                        seen[row]++;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "matrix row " + i);
        }
        // every (bank, DRAM row) slice of the region holds exactly one (slot, chunk) of the matrix
        long slices = (long) l.slots() * l.rowsPerSlot();
        assertEquals(slices, r.rows());
        java.util.Set<Long> dramRows = new java.util.HashSet<>();
        for (int slot = 0; slot < l.slots(); slot++) {
            for (int c = 0; c < l.chunks(); c += l.chunksPerRow()) {
                assertTrue(dramRows.add((long) l.dramRow(slot, c)), "slot " + slot + " chunk " + c);
            }
        }
        assertEquals(r.rows(), dramRows.size());
    }

    @Property(tries = 20, seed = "11")
    void regionsAreDisjointAndBackToBack(@ForAll @IntRange(min = 1, max = 4000) int a, @ForAll @IntRange(min = 1, max = 4000) int b) {
        PimPlacement p = new PimPlacement(PIM_GPT, InputFormat.BF16, 16, 1024);
        var r1 = p.place("A", a, 768);
        var r2 = p.place("B", b, 3072);
        var r3 = p.place("C", 64, a);
        assertEquals(0, r1.firstRow());
        assertEquals(r1.endRow(), r2.firstRow());
        assertEquals(r2.endRow(), r3.firstRow());
        assertEquals(r3.endRow(), p.rowsUsed());
    }

    @Property(tries = 5, seed = "11")
    void aMatrixTooLargeForTheBanksDoesNotFit(@ForAll @IntRange(min = 2, max = 6) int times) {
        PimPlacement p = new PimPlacement(PIM_GPT, InputFormat.BF16, 16, 1024);
        // 256 banks: 1024 x times rows per bank, each 4096 bf16 = 4 DRAM rows of 2 KB: 4096 x times of 16384
        p.place("big", 256 * 1024 * times, 4096);
        assertEquals(4096L * times, p.rowsUsed());
        assertEquals(times <= 4, p.fits());
        assertEquals(256L * 1024 * times * 4096 * 2, p.bytesUsed());
    }
}
