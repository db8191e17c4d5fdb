package dev.bitline.dram.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {
    static final long CAP = 1L << 30;

    @Property(tries = 50, seed = "20261125")
    void addressesAreAlignedAndInRange(@ForAll("kinds") SyntheticSpec.Kind kind,
            @ForAll @LongRange(min = 1, max = 2000) long seed) {
        SyntheticSpec spec = SyntheticSpec.of(kind, 500);
        RequestSource s = new SyntheticSource(spec, new SplittableRandom(seed), CAP);
        long prevCycle = 0;
        int n = 0;
        while (s.next()) {
            assertTrue(s.address() >= 0 && s.address() < CAP);
            assertEquals(0, s.address() % 64);
            assertTrue(s.cycle() >= prevCycle);
            prevCycle = s.cycle();
            n++;
        }
        assertEquals(500, n);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<SyntheticSpec.Kind> kinds() {
        return net.jqwik.api.Arbitraries.of(SyntheticSpec.Kind.class);
    }

    @Property(tries = 20, seed = "20261125")
    void sameSeedSameStream(@ForAll @IntRange(min = 0, max = 1000) int seed) {
        SyntheticSpec spec = SyntheticSpec.parse("hotrow:300,read=0.5,rate=0.1");
        RequestBuffer a = RequestBuffer.readAll(new SyntheticSource(spec, new SplittableRandom(seed), CAP));
        RequestBuffer b = RequestBuffer.readAll(new SyntheticSource(spec, new SplittableRandom(seed), CAP));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.address(i), b.address(i));
            assertEquals(a.cycle(i), b.cycle(i));
            assertEquals(a.isWrite(i), b.isWrite(i));
        }
    }

    @Test
    void streamAndStrideAreSequentialAndRateAndRatioHold() {
        RequestBuffer s = RequestBuffer.readAll(new SyntheticSource(SyntheticSpec.parse("stream:100"), new SplittableRandom(1), CAP));
        for (int i = 0; i < 100; i++) {
            assertEquals(64L * i, s.address(i));
        }
        RequestBuffer st = RequestBuffer.readAll(new SyntheticSource(SyntheticSpec.parse("strided:10,stride=4096"), new SplittableRandom(1), CAP));
        assertEquals(4096L * 9, st.address(9));
        RequestBuffer r = RequestBuffer.readAll(new SyntheticSource(
                SyntheticSpec.parse("random:20000,read=0.75,rate=0.05"), new SplittableRandom(7), CAP));
        int reads = 0;
        for (int i = 0; i < r.size(); i++) {
            reads += r.isWrite(i) ? 0 : 1;
        }
        assertEquals(0.75, reads / 20000.0, 0.02);
        assertEquals(20000 / 0.05, r.cycle(r.size() - 1), 20000 / 0.05 * 0.05);
    }

    @Test
    void badSpecsSayWhatWasExpected() {
        assertEquals("--synthetic 'foo:10':1: unknown pattern 'foo' (expected random, stream, strided or hotrow)",
                assertThrows(TraceFormatException.class, () -> SyntheticSpec.parse("foo:10")).getMessage());
        assertEquals("--synthetic 'random':1: missing count (expected KIND:COUNT, e.g. random:1000000)",
                assertThrows(TraceFormatException.class, () -> SyntheticSpec.parse("random")).getMessage());
        assertEquals("--synthetic 'random:5,read=2':1: read ratio must be in [0, 1]",
                assertThrows(TraceFormatException.class, () -> SyntheticSpec.parse("random:5,read=2")).getMessage());
        assertEquals("--synthetic 'random:5,x=1':1: unknown option 'x' (expected read, rate, stride, hot, regions or region)",
                assertThrows(TraceFormatException.class, () -> SyntheticSpec.parse("random:5,x=1")).getMessage());
    }
}
