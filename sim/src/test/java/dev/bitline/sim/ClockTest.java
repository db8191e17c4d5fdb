package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ClockTest {
    @Test
    void integerPeriods() {
        Clock ddr = Clock.ofHz(1_600_000_000L);
        assertEquals(625, ddr.timeOf(1));
        assertEquals(625_000, ddr.timeOf(1000));
        assertEquals(1.6e9, ddr.frequencyHz(), 1e-3);
        assertEquals(Clock.ofPeriodPs(625), ddr);
    }

    @Test
    void oddPeriodDoesNotDriftOverABillionCycles() {
        Clock c = Clock.ofHz(1_200_000_000L); // 833 1/3 ps
        long billion = 1_000_000_000L;
        // exactly 1e9 cycles of 1.2 GHz = 833.333... ms
        assertEquals(833_333_333_333L, c.timeOf(billion));
        assertEquals(billion * 2500 / 3, c.timeOf(billion));
        assertEquals(billion, c.cycleAt(c.timeOf(billion)));
        assertEquals(3 * 833_333_333_333L / 3, c.timeOf(billion)); // no accumulated rounding
        assertEquals(2500, c.timeOf(3));
        assertEquals(7_500_000_000_000L, c.timeOf(9_000_000_000L));
    }

    @Test
    void clocksShareOneTimeline() {
        Clock dram = Clock.ofHz(1_600_000_000L);
        Clock asic = Clock.ofHz(1_000_000_000L);
        // every 8th DRAM edge coincides with every 5th ASIC edge (5 ns)
        assertEquals(dram.timeOf(8), asic.timeOf(5));
        assertEquals(asic.nextEdge(dram.timeOf(3)), 2000);
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Clock.ofHz(0));
        assertThrows(IllegalArgumentException.class, () -> Clock.ofPeriodPs(-1));
        assertThrows(IllegalArgumentException.class, () -> Clock.ofHz(1).timeOf(-1));
    }

    @Test
    void hugeCyclesUseExactArithmetic() {
        Clock c = Clock.ofHz(3_000_000_007L); // period 10^12/3000000007 ps, awkward prime-ish denominator
        long k = 4_000_000_000_000L;
        BigInteger expect = BigInteger.valueOf(k).multiply(BigInteger.valueOf(1_000_000_000_000L))
                .divide(BigInteger.valueOf(3_000_000_007L));
        assertEquals(expect.longValueExact(), c.timeOf(k));
    }

    @Property(tries = 500, seed = "20261125")
    void edgesAreConsistent(@ForAll @LongRange(min = 1, max = 5_000_000_000L) long hz,
                            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long t) {
        Clock c = Clock.ofHz(hz);
        long k = c.cycleAt(t);
        assertTrue(c.timeOf(k) <= t, "edge k at or before t");
        assertTrue(c.timeOf(k + 1) > t, "edge k+1 after t");
        long next = c.nextEdge(t);
        assertTrue(next >= t && (next == t) == (c.timeOf(k) == t));
        assertTrue(c.edgeAfter(t) > t);
        assertEquals(c.timeOf(k + 1), c.edgeAfter(t));
    }

    @Property(tries = 300, seed = "20261125")
    void timeOfMatchesExactRational(@ForAll @LongRange(min = 1_000_000, max = 5_000_000_000L) long hz,
                                    @ForAll @LongRange(min = 0, max = 10_000_000_000L) long cycle) {
        BigInteger exact = BigInteger.valueOf(cycle).multiply(BigInteger.valueOf(1_000_000_000_000L))
                .divide(BigInteger.valueOf(hz));
        assertEquals(exact.longValueExact(), Clock.ofHz(hz).timeOf(cycle));
    }
}
