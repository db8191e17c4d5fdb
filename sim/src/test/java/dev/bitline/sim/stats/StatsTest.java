package dev.bitline.sim.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void histogramExactBelow256() {
        StatsRegistry r = new StatsRegistry();
        Histogram h = r.histogram("lat");
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(50, h.percentile(50));
        assertEquals(99, h.percentile(99));
        assertEquals(100, h.percentile(100));
        assertEquals(1, h.percentile(0));
        assertEquals(50.5, h.mean(), 1e-12);
    }

    @Property(tries = 100, seed = "20261125")
    void percentileWithinOnePercentOfExact(@ForAll @LongRange(min = 1, max = 1_000_000_000L) long scale,
                                           @ForAll @LongRange(min = 0, max = 1000) long seed) {
        Histogram h = new StatsRegistry().histogram("x");
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] v = new long[501];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextLong(scale + 1);
            h.record(v[i]);
        }
        Arrays.sort(v);
        for (double p : new double[] {1, 50, 90, 99, 100}) {
            long exact = v[(int) Math.max(0, Math.ceil(p / 100 * v.length) - 1)];
            long got = h.percentile(p);
            assertTrue(got <= exact && got >= exact - exact / 128 - 1, p + ": " + got + " vs " + exact);
        }
    }

    @Test
    void bucketBoundariesAreContiguous() {
        for (int b = 0; b < 3000; b++) {
            assertEquals(b, Histogram.bucketOf(Histogram.bucketLow(b)));
            assertEquals(b, Histogram.bucketOf(Histogram.bucketLow(b + 1) - 1));
        }
    }

    @Test
    void timeWeightedAverage() {
        TimeWeightedAverage t = new StatsRegistry().timeAverage("q");
        t.set(0, 2);
        t.set(10, 4);   // 2 for 10 ps
        t.set(30, 0);   // 4 for 20 ps
        assertEquals((2 * 10 + 4 * 20) / 40.0, t.average(40), 1e-12);
        assertEquals(4, t.max());
        assertThrows(IllegalArgumentException.class, () -> t.set(5, 1));
    }

    @Test
    void registryIsTypedAndDumpsSorted() {
        StatsRegistry r = new StatsRegistry();
        r.counter("dram.ch0.rowHits").add(12);
        r.counter("dram.ch0.reads").inc();
        r.histogram("dram.ch0.readLatency").record(40);
        assertEquals(r.counter("dram.ch0.rowHits"), r.find("dram.ch0.rowHits"));
        assertThrows(IllegalArgumentException.class, () -> r.histogram("dram.ch0.rowHits"));
        String csv = r.toCsv();
        assertTrue(csv.startsWith("name,kind,field,value\ndram.ch0.readLatency,histogram,count,1\n"), csv);
        assertTrue(csv.contains("dram.ch0.rowHits,counter,value,12\n"));
        String json = r.toJson();
        assertTrue(json.contains("\"rowHits\" : {"), json);
        assertTrue(json.contains("\"value\" : 12"), json);
    }

    @Test
    void probesReadTheModelsOwnCountLive() {
        StatsRegistry r = new StatsRegistry();
        long[] field = {3};
        Counter c = r.probe("dram.ch0.rowHits", () -> field[0]);
        assertTrue(c.isProbe());
        assertEquals(3, c.value());
        field[0] = 7;
        assertTrue(r.toJson().contains("\"value\" : 7"), r.toJson());
        assertThrows(IllegalStateException.class, () -> c.add(1));
        assertThrows(IllegalArgumentException.class, () -> r.probe("dram.ch0.rowHits", () -> 0));
    }

    @Test
    void underSelectsOneSubtree() {
        StatsRegistry r = new StatsRegistry();
        r.counter("lut.cycles");
        r.counter("lut.tile0.chunks");
        r.counter("lut-x.cycles");
        r.counter("lutx.cycles");
        r.counter("lu.cycles");
        r.counter("lut");
        assertEquals(java.util.List.of("lut", "lut.cycles", "lut.tile0.chunks"),
                r.under("lut").stream().map(Stat::name).toList());
        assertEquals(1, r.under("lut.tile0").size());
    }
}
