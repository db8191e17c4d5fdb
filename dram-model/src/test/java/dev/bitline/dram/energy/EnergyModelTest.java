package dev.bitline.dram.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.Power;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The IDD formulas checked against DRAMsim3's energy table (shared/reference/dram/README.md) with
 * the reference's own command and cycle counts, so the controller plays no part.
 */
class EnergyModelTest {
    /** The reference part: DDR4-2400 8 Gb x8, 8 devices per rank, VDD currents only (as DRAMsim3). */
    static EnergyParams ddr4_2400() {
        Power c = vddOnly();
        return new EnergyParams(c, 8, 833, 39, 17, 420, 0, 16, 4, 64);
    }

    /** The reference README's currents, VDD only: DRAMsim3 has no VPP term. */
    static Power vddOnly() {
        return new Power(1.2, 0, 48, 0, 34, 0, 25, 0, 43, 0, 37, 0, 135, 0, 123, 0, 250, 0, 0, 30, 0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // trace, cycles, ACT, RD, WR, REF, act, read, write, refresh, actStb, preStb, total, avg power (mW)
            "random,   1412082, 200711, 133003,  66976, 150, 834, 470, 206, 125,  556,  21, 2212, 1567",
            "stream,   1022855,   1727, 200000,      0, 109, 7.2, 707,   0,  91,  403,  16, 1223, 1196",
            "mixed,    1040160, 113970,  98955, 101024, 111, 474, 350, 310,  93,  409,  16, 1652, 1588",
            "unloaded, 7999657,  20000,  20000,      0, 854,  83,  71,   0, 713, 3148, 122, 4137,  517"})
    void matchesDramsim3WithTheSameCounts(String trace, long cycles, long acts, long reads, long writes,
            long refs, double act, double read, double write, double refresh, double actStb,
            double preStb, double total, double powerMw) {
        EnergyParams p = ddr4_2400();
        // DRAMsim3 reports no state split; with open pages and no power-down, the rank has all banks
        // closed essentially only while refreshing, so take REF x tRFC as the precharged time.
        long pre = refs * p.tRFC();
        RankActivity a = new RankActivity(acts, acts, reads, writes, refs, 0, cycles - pre, pre, 0, 0, 0);
        EnergyBreakdown real = new EnergyModel(p).energy(a);
        // The table's energies are DRAMsim3's sums of V x mA x cycles divided by 10^6 (the column says
        // nJ; its own avg-power column = energy / cycles only holds in that unit). Compare like with like.
        EnergyBreakdown e = scale(real.inDramsim3Units(), 1e-3);
        assertWithin(total, e.total() / 1000, 0.10, trace + " total");
        assertWithin(act, e.act() / 1000, 0.20, trace + " act");
        assertWithin(read, e.read() / 1000, 0.20, trace + " read");
        assertWithin(write, e.write() / 1000, 0.20, trace + " write");
        assertWithin(refresh, e.refresh() / 1000, 0.20, trace + " refresh");
        assertWithin(actStb, e.actStandby() / 1000, 0.20, trace + " act standby");
        assertWithin(preStb, e.preStandby() / 1000, 0.20, trace + " pre standby");
        // Average power needs no unit conversion: DRAMsim3's mW and ours (pJ / ns) are both mW.
        assertWithin(powerMw, real.averagePowerMw(), 0.10, trace + " power");
    }

    @Test
    void perCommandEnergiesFollowTheFormula() {
        EnergyModel m = new EnergyModel(ddr4_2400());
        double k = 8 * 0.833; // devices * tCK(ns)
        assertEquals(k * 1.2 * (48 * 56 - (43 * 39 + 34 * 17)), m.rowCyclePj(), 1e-6);
        assertEquals(k * 1.2 * (135 - 43) * 4, m.readPj(), 1e-6);
        assertEquals(k * 1.2 * (123 - 43) * 4, m.writePj(), 1e-6);
        assertEquals(k * 1.2 * (250 - 43) * 420, m.refreshPj(), 1e-6);
    }

    @Test
    void backgroundStatesUseTheirOwnCurrentAndVppAdds() {
        // VDD, VPP, IDD0, IPP0, IDD2N, IPP2N, IDD2P, IPP2P, IDD3N, IPP3N, IDD3P, IPP3P, IDD4R, IPP4R,
        // IDD4W, IPP4W, IDD5B, IPP5B, IDD5PB, IDD6, IPP6
        Power c = new Power(1.2, 2.5, 48, 3, 34, 3, 25, 3, 43, 3, 37, 3, 135, 3, 123, 3, 250, 3, 0, 30, 3);
        EnergyParams p = new EnergyParams(c, 8, 1000, 39, 17, 420, 0, 16, 4, 64);
        EnergyBreakdown e = new EnergyModel(p).energy(new RankActivity(0, 0, 0, 0, 0, 0, 10, 20, 30, 40, 50));
        assertEquals(8 * 10 * (1.2 * 43 + 2.5 * 3), e.actStandby(), 1e-9);
        assertEquals(8 * 20 * (1.2 * 34 + 2.5 * 3), e.preStandby(), 1e-9);
        assertEquals(8 * (30 * (1.2 * 37 + 7.5) + 40 * (1.2 * 25 + 7.5)), e.powerDown(), 1e-9);
        assertEquals(8 * 50 * (1.2 * 30 + 7.5), e.selfRefresh(), 1e-9);
        // VPP with IPP0 = IPP3N = IPP2N adds nothing to a row cycle.
        EnergyModel vddOnly = new EnergyModel(new EnergyParams(vddOnly(), 8, 1000, 39, 17, 420, 0, 16, 4, 64));
        assertEquals(vddOnly.rowCyclePj(), new EnergyModel(p).rowCyclePj(), 1e-9);
        assertEquals(Double.NaN, e.perBitPj());
    }

    @Test
    void perBitDividesByBitsMoved() {
        EnergyBreakdown e = new EnergyModel(ddr4_2400()).energy(new RankActivity(1, 1, 3, 1, 0, 0, 100, 0, 0, 0, 0));
        assertEquals(4 * 64 * 8, e.bits());
        assertEquals(e.total() / 2048, e.perBitPj(), 1e-12);
    }

    static EnergyBreakdown scale(EnergyBreakdown e, double k) {
        return new EnergyBreakdown(e.act() * k, e.read() * k, e.write() * k, e.refresh() * k,
                e.actStandby() * k, e.preStandby() * k, e.powerDown() * k, e.selfRefresh() * k, e.bits(),
                e.cycles(), e.tCkPs());
    }

    static void assertWithin(double expected, double actual, double rel, String what) {
        if (expected == 0) {
            assertEquals(0, actual, 1e-9, what);
            return;
        }
        double err = Math.abs(actual - expected) / expected;
        assertTrue(err <= rel, what + ": expected " + expected + " +-" + (rel * 100) + "%, got " + actual
                + " (" + String.format("%.1f", err * 100) + "% off)");
    }
}
