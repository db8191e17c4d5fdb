package dev.bitline.dram.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.dram.Presets;
import dev.bitline.dram.run.ReferenceStudy;
import dev.bitline.dram.trace.ReferenceTraces;
import org.junit.jupiter.api.Test;

class ReferenceStudyTest {
    static int columns(String line) {
        return line.split(",", -1).length;
    }

    @Test
    void peerRowsAndCsvShape() {
        int header = columns(ReferenceStudy.Row.csvHeader());
        assertEquals(7, ReferenceStudy.peers().size());
        for (ReferenceStudy.Row r : ReferenceStudy.peers()) {
            assertEquals(header, columns(r.csv()), r.csv());
        }
    }

    @Test
    void oneBitlineRowCarriesItsFigures() {
        assumeTrue(ReferenceTraces.dir() != null, ReferenceTraces.SKIP_REASON);
        ReferenceStudy.Row r = ReferenceStudy.run(Presets.configsRoot(), ReferenceTraces.dir(),
                "ddr4-2400-dramsim3", "unloaded-20k");
        assertEquals("Bitline/dramsim3-setup", r.setup());
        assertEquals(20_000, r.reads());
        assertEquals(0, r.violations());
        // closed bank or row conflict, plus the cycle of the move into the bank queue
        assertTrue(r.readLatencyP50() == 1 + 38 || r.readLatencyP50() == 1 + 55, "p50 " + r.readLatencyP50());
        assertTrue(r.energyPerBitPj() > 0);
        assertEquals(columns(ReferenceStudy.Row.csvHeader()), columns(r.csv()));
    }
}
