package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.timing.TimingEngine;
import dev.bitline.sim.config.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One test per constraint kind, on the DDR4-2400 reference part (values in its README). */
class TimingEngineTest {
    static final DramSpec SPEC = Presets.load("ddr4-2400-8gb-x8");
    static final Command ACT = SPEC.command("ACT"), PRE = SPEC.command("PRE"), PREA = SPEC.command("PREA"),
            RD = SPEC.command("RD"), WR = SPEC.command("WR"), RDA = SPEC.command("RDA"), WRA = SPEC.command("WRA"),
            REFab = SPEC.command("REFab"), PDE = SPEC.command("PDE"), PDX = SPEC.command("PDX");
    // CL 17, CWL 12, tRCD 17, tRP 17, tRAS 39, tRC 56, tRFC 420, tRRD_S 4, tRRD_L 6, tWTR_S 3,
    // tWTR_L 9, tFAW 26, tWR 18, tRTP 9, tCCD_S 4, tCCD_L 6, tXP 8, tRTRS 1, tBL 4
    TimingEngine e;

    @BeforeEach
    void setUp() {
        e = new TimingEngine(SPEC);
    }

    @Test
    void freshEngineAllowsEverythingAtZero() {
        assertEquals(0, e.earliest(ACT, 0, 0, 0));
        assertEquals(0, e.earliest(REFab, 0, 0, 0));
    }

    @Test
    void tRCD() {
        e.issue(ACT, 0, 1, 2, 100);
        assertEquals(117, e.earliest(RD, 0, 1, 2));
        assertEquals(117, e.earliest(WRA, 0, 1, 2));
        assertEquals(0, e.earliest(RD, 0, 1, 3), "other bank unaffected");
    }

    @Test
    void tRASandtRC() {
        e.issue(ACT, 0, 0, 0, 10);
        assertEquals(49, e.earliest(PRE, 0, 0, 0));
        assertEquals(66, e.earliest(ACT, 0, 0, 0));
        assertEquals(49, e.earliest(PREA, 0, 0, 0), "PREA waits for tRAS of any bank of the rank");
    }

    @Test
    void tRP() {
        e.issue(PRE, 0, 2, 1, 50);
        assertEquals(67, e.earliest(ACT, 0, 2, 1));
        e.issue(PREA, 0, 0, 0, 60);
        assertEquals(77, e.earliest(ACT, 0, 3, 3), "PREA -> ACT on any bank");
        assertEquals(77, e.earliest(REFab, 0, 0, 0));
    }

    @Test
    void tCCD_SandL() {
        e.issue(RD, 0, 1, 0, 200);
        assertEquals(206, e.earliest(RD, 0, 1, 3), "same bank group: tCCD_L");
        assertEquals(204, e.earliest(RD, 0, 2, 0), "other bank group: tCCD_S");
        e.issue(WR, 0, 0, 0, 300);
        assertEquals(306, e.earliest(WR, 0, 0, 1));
        assertEquals(304, e.earliest(WR, 0, 3, 1));
    }

    @Test
    void tRRD_SandL() {
        e.issue(ACT, 0, 0, 0, 0);
        assertEquals(6, e.earliest(ACT, 0, 0, 1));
        assertEquals(4, e.earliest(ACT, 0, 1, 0));
    }

    @Test
    void tFAWallowsFourActivatesPerWindow() {
        long[] t = {0, 4, 8, 12};
        int[] bg = {0, 1, 2, 3};
        for (int i = 0; i < 4; i++) {
            assertTrue(e.earliest(ACT, 0, bg[i], 0) <= t[i]);
            e.issue(ACT, 0, bg[i], 0, t[i]);
        }
        // fifth ACT: tRRD_S would allow 16, tFAW pushes it to first ACT + 26
        assertEquals(26, e.earliest(ACT, 0, 0, 1));
        e.issue(ACT, 0, 0, 1, 26);
        assertEquals(30, e.earliest(ACT, 0, 1, 1), "window slides: second ACT at 4 + 26");
    }

    @Test
    void tWTR() {
        e.issue(WR, 0, 0, 0, 100);
        assertEquals(100 + 12 + 4 + 9, e.earliest(RD, 0, 0, 1), "same bank group: CWL+tBL+tWTR_L");
        assertEquals(100 + 12 + 4 + 3, e.earliest(RD, 0, 1, 1), "other bank group: CWL+tBL+tWTR_S");
    }

    @Test
    void readToWriteTurnaround() {
        e.issue(RD, 0, 0, 0, 100);
        assertEquals(100 + 17 + 4 + 2 - 12, e.earliest(WR, 0, 2, 0));
    }

    @Test
    void tRTPandtWR() {
        e.issue(ACT, 0, 0, 0, 0);
        e.issue(RD, 0, 0, 0, 40);
        assertEquals(49, e.earliest(PRE, 0, 0, 0), "max(tRAS=39, RD+tRTP=49)");
        e.issue(WR, 0, 0, 0, 60);
        assertEquals(60 + 12 + 4 + 18, e.earliest(PRE, 0, 0, 0), "WR -> PRE: CWL+tBL+tWR");
    }

    @Test
    void autoPrecharge() {
        e.issue(ACT, 0, 0, 0, 0);
        e.issue(RDA, 0, 0, 0, 17);
        assertEquals(Math.max(56, 17 + 9 + 17), e.earliest(ACT, 0, 0, 0));
        e.issue(WRA, 0, 1, 0, 100);
        assertEquals(100 + 12 + 4 + 18 + 17, e.earliest(ACT, 0, 1, 0));
    }

    @Test
    void tRFCandRefreshNeedsPrecharge() {
        e.issue(PRE, 0, 1, 1, 10);
        assertEquals(27, e.earliest(REFab, 0, 0, 0), "any PRE of the rank delays REFab by tRP");
        e.issue(REFab, 0, 0, 0, 30);
        assertEquals(450, e.earliest(ACT, 0, 3, 2));
        assertEquals(450, e.earliest(REFab, 0, 0, 0));
    }

    @Test
    void powerDown() {
        e.issue(PDE, 0, 0, 0, 100);
        assertEquals(106, e.earliest(PDX, 0, 0, 0), "tCKE");
        e.issue(PDX, 0, 0, 0, 110);
        assertEquals(118, e.earliest(ACT, 0, 0, 0), "tXP");
        assertEquals(118, e.earliest(RD, 0, 2, 2));
    }

    @Test
    void tRTRSbetweenRanks() {
        DramSpec two = DramStandards.load(new ConfigLoader(Presets.configsRoot()),
                Presets.configsRoot().resolve("dram/ddr4-2400-8gb-x8.yaml"), List.of("organization.ranks=2"));
        TimingEngine t = new TimingEngine(two);
        t.issue(RD, 0, 0, 0, 100);
        assertEquals(104, t.earliest(RD, 0, 1, 0), "same rank: tCCD_S");
        assertEquals(105, t.earliest(RD, 1, 0, 0), "other rank: tBL + tRTRS");
        assertEquals(0, t.earliest(ACT, 1, 0, 0), "other rank's activates are independent");
        assertEquals(100 + 17 + 4 + 1 - 12, t.earliest(WR, 1, 0, 0), "RD -> WR other rank: CL+tBL+tRTRS-CWL");
        // WR -> RD other rank = CWL+tBL+tRTRS-CL = 0: never constrains, only rank 0's own tCCD_L does
        t.issue(WR, 1, 0, 0, 200);
        assertEquals(106, t.earliest(RD, 0, 0, 1));
    }

    @Test
    void sameBankRefreshSpansBankGroups() {
        DramSpec ddr5 = Presets.load("ddr5-4800-16gb-x8");
        TimingEngine t = new TimingEngine(ddr5);
        Command REFsb = ddr5.command("REFsb"), ACT = ddr5.command("ACT"), PRE = ddr5.command("PRE");
        int rfcsb = ddr5.param("tRFCsb"), sbrd = ddr5.param("tREFSBRD");
        t.issue(REFsb, 0, 0, 2, 1000);
        assertEquals(1000 + rfcsb, t.earliest(ACT, 0, 5, 2), "bank 2 of every group is busy tRFCsb");
        assertEquals(1000 + sbrd, t.earliest(ACT, 0, 5, 1), "other banks: tREFSBRD");
        t.issue(PRE, 0, 3, 1, 5000);
        assertEquals(5000 + ddr5.param("tRP"), t.earliest(REFsb, 0, 0, 1), "PRE of bank 1 in group 3 delays REFsb of bank 1");
        assertTrue(t.earliest(REFsb, 0, 0, 0) < 5000, "but not REFsb of bank 0");
    }

    @Test
    void outOfOrderIssuesKeepWindowSemantics() {
        // the engine folds windows into its shared ready time while issue cycles never decrease;
        // an earlier cycle after a later one must fall back to "last N issues" exactly
        for (int g = 0; g < 4; g++) e.issue(ACT, 0, g, 0, 100 + g);
        assertEquals(100 + 26, e.earliestShared(ACT.id(), 0), "tFAW after four ACTs");
        for (int g = 0; g < 4; g++) e.issue(ACT, 0, g, 1, 5 + g);
        // the window now holds 5..8 (oldest 5): tFAW gives 31; tRRD_S after the ACT at 103 gives 107
        assertEquals(107, e.earliestShared(ACT.id(), 0));
        assertEquals(106, e.earliestLocal(ACT.id(), 0, 0, 2), "tRRD_L after the ACT at 100 in group 0");
        assertEquals(107, e.earliest(ACT, 0, 0, 2));
    }
}
