package dev.bitline.sim.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class UnitsPropertiesTest {

    @Property(tries = 300, seed = "20261125")
    void frequencyRoundTrips(@ForAll @LongRange(min = 1) long hz) {
        Frequency f = new Frequency(hz);
        assertEquals(f, Frequency.parse(f.toString()));
    }

    @Property(tries = 300, seed = "20261125")
    void durationRoundTrips(@ForAll @LongRange(min = 0) long ps) {
        Duration d = new Duration(ps);
        assertEquals(d, Duration.parse(d.toString()));
    }

    @Property(tries = 300, seed = "20261125")
    void dataSizeRoundTrips(@ForAll("sizes") long bytes) {
        DataSize d = new DataSize(bytes);
        assertEquals(d, DataSize.parse(d.toString()));
    }

    @Property(tries = 300, seed = "20261125")
    void bitRateRoundTrips(@ForAll @LongRange(min = 0) long bps) {
        BitRate b = new BitRate(bps);
        assertEquals(b, BitRate.parse(b.toString()));
    }

    @Property(tries = 300, seed = "20261125")
    void bandwidthRoundTrips(@ForAll @DoubleRange(min = 0, max = 1e300) double bps) {
        Bandwidth b = new Bandwidth(bps);
        assertEquals(b, Bandwidth.parse(b.toString()));
    }

    /** Random "number + unit" text either parses or fails with IllegalArgumentException, nothing else. */
    @Property(tries = 500, seed = "20261125")
    void parseNeverThrowsAnythingElse(@ForAll("quantityLike") String text) {
        for (java.util.function.Function<String, ?> p : java.util.List.<java.util.function.Function<String, ?>>of(
                Frequency::parse, Duration::parse, DataSize::parse, BitRate::parse, Bandwidth::parse)) {
            try {
                Object v = p.apply(text);
                // whatever parsed must print and re-parse to the same value
                assertEquals(v, p.apply(v.toString()));
            } catch (IllegalArgumentException expected) {
                // fine: a clear error
            }
        }
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.oneOf(
                Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.longs().between(0, 1 << 20).map(k -> k << 20),
                Arbitraries.longs().between(0, 1000).map(k -> k * 1_000_000L));
    }

    @Provide
    Arbitrary<String> quantityLike() {
        Arbitrary<String> number = Arbitraries.strings().withChars("0123456789.eE+-_ ").ofMaxLength(12);
        Arbitrary<String> unit = Arbitraries.of("", "Hz", "GHz", "ghz", "ps", "ns", "us", "\u00b5s", "s", "B", "KiB",
                "GB", "Gb", "Gib", "b", "Gbps", "Gb/s", "GB/s", "TiB/s", "x", "/", "GHzz");
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(number, unit).as((n, u) -> n + u),
                Arbitraries.strings().ofMaxLength(20));
    }
}
