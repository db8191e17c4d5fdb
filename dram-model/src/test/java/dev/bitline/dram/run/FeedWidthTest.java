package dev.bitline.dram.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.PresetConfigs;
import dev.bitline.dram.Presets;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.RequestBuffer;
import dev.bitline.dram.trace.SyntheticSpec;
import org.junit.jupiter.api.Test;

/** The feed delivers at most feedWidth requests per cycle; 1 is the reference rule. */
class FeedWidthTest {
    static final DramSpec HBM2 = Presets.load("hbm2-2gbps");

    static RunResult run(int width, RequestBuffer requests) {
        return new TraceRun(HBM2, PresetConfigs.forSpec(HBM2)).check(true).feedWidth(width).run(requests.source());
    }

    @Test
    void widerFeedFillsAManyChannelPartAndStaysLegal() {
        RequestBuffer stream = SpeedWorkload.requests(HBM2, SyntheticSpec.Kind.STREAM, 20_000, 0, 1);
        RunResult one = run(1, stream);
        RunResult four = run(4, stream);
        assertEquals(20_000, one.requests());
        assertEquals(20_000, four.requests());
        assertEquals(0, one.check().violations());
        assertEquals(0, four.check().violations());
        // one request per cycle caps 8 channels at 1 x 32 B per 1 ns = 32 GB/s
        assertTrue(one.bandwidthGBps() <= 32.0 + 1e-9, "one per cycle: " + one.bandwidthGBps());
        assertTrue(four.bandwidthGBps() > 2 * one.bandwidthGBps(), one.bandwidthGBps() + " -> " + four.bandwidthGBps());
        // cycles >= requests / width
        assertTrue(four.cycles() >= 20_000 / 4);
    }

    @Test
    void widthOneIsTheDefault() {
        RequestBuffer random = SpeedWorkload.requests(HBM2, SyntheticSpec.Kind.RANDOM, 5_000, 0, 2);
        RunResult a = new TraceRun(HBM2, PresetConfigs.forSpec(HBM2)).run(random.source());
        RunResult b = run(1, random);
        assertEquals(a.cycles(), b.cycles());
        assertEquals(a.stats(), b.stats());
        assertThrows(IllegalArgumentException.class, () -> new TraceRun(HBM2, PresetConfigs.forSpec(HBM2)).feedWidth(0));
    }
}
