package dev.bitline.pim.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.pim.mac.InputFormat;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GemvLayoutTest {
    // 4 channels x 1 rank unit x (4 x 4 banks), 64 rows of 64 columns of 32 B
    static final Geometry G = new Geometry(4, 1, 4, 4, 64, 64, 32, 1);

    /** Every weight element sits in exactly one (channel, bank, DRAM row, column, lane). */
    @Property(tries = 40, seed = "20261202")
    void everyElementHasOneHome(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 3000) int k,
            @ForAll @IntRange(min = 1, max = 4) int regs, @ForAll @IntRange(min = 0, max = 2) int buf) {
        int bufferElements = new int[] {1024, 256, 4096}[buf];
        GemvLayout l = new GemvLayout(G, InputFormat.BF16, n, k, regs, bufferElements);
        if (l.problem() != null) return;
        Set<Long> homes = new HashSet<>();
        int[] covered = new int[n];
        int e = l.elementsPerColumn();
        for (int ch = 0; ch < G.channels(); ch++) {
            for (int bank = 0; bank < G.banksPerRankUnit(); bank++) {
                for (int s = 0; s < l.slots(); s++) {
                    int r = l.matrixRow(ch, 0, bank, s);
                    if (r < 0) continue;
                    for (int j = 0; j < l.chunks(); j++) {
                        for (int c = 0; c < l.columnsOfChunk(j); c++) {
                            long home = (((long) ch * 16 + bank) * 1_000_000 + l.dramRow(s, j)) * 1000 + l.firstColumn(j) + c;
                            assertTrue(homes.add(home), "two columns in one place");
                            assertTrue(l.dramRow(s, j) < G.rows());
                            assertTrue(l.firstColumn(j) + c < G.columnsPerRow());
                            covered[r] += Math.min(e, k - (j * l.chunk() + c * e));
                        }
                    }
                }
            }
        }
        for (int r = 0; r < n; r++) assertEquals(k, covered[r], "row " + r);
    }

    @Test
    void rowsSpreadOverChannelsFirst() {
        GemvLayout l = new GemvLayout(G, InputFormat.BF16, 64, 1024, 1, 1024);
        assertEquals(0, l.matrixRow(0, 0, 0, 0));
        assertEquals(1, l.matrixRow(1, 0, 0, 0));
        assertEquals(4, l.matrixRow(0, 0, 1, 0));
        assertEquals(-1, l.matrixRow(0, 0, 0, 1));
        assertEquals(1024, l.chunk());
        assertNull(l.problem());
    }

    @Test
    void problemsSayWhat() {
        assertTrue(new GemvLayout(G, InputFormat.BF16, 64, 64, 1, 8).problem().contains("smaller than one"));
        assertTrue(new GemvLayout(G, InputFormat.BF16, 100_000, 4096, 1, 1024).problem().contains("does not fit the banks"));
        GemvLayout small = new GemvLayout(G, InputFormat.BF16, 16, 4096, 1, 256);
        assertNull(small.problem());
        assertEquals(4, small.chunksPerRow());
        assertEquals(4, small.rowsPerSlot());
    }

    @Test
    void bankOfWalksBankGroupsFastestForAWholeRankUnit() {
        Geometry die = new Geometry(1, 1, 4, 4, 64, 64, 32, 16);
        assertEquals(0, die.bankOf(0, 0));
        assertEquals(4, die.bankOf(0, 1));
        assertEquals(1, die.bankOf(0, 4));
        Geometry pair = new Geometry(1, 1, 4, 4, 64, 64, 32, 2);
        assertEquals(8, pair.unitsPerRankUnit());
        assertEquals(7, pair.bankOf(3, 1));
    }
}
