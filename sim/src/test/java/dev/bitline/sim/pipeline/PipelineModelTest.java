package dev.bitline.sim.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.Simulator;
import dev.bitline.sim.pipeline.PipelineConfig.ServiceDistribution;
import dev.bitline.sim.pipeline.PipelineConfig.Stage;
import dev.bitline.sim.units.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineModelTest {
    private static Stage fixed(String name, long servicePs, int buffer, long latencyPs) {
        return new Stage(name, Duration.ofPs(servicePs), ServiceDistribution.FIXED, buffer, Duration.ofPs(latencyPs));
    }

    @Test
    void bottleneckStageSetsThroughputExactly() {
        // source every 10 ps; stage a 10 ps, stage b 25 ps (bottleneck), links free.
        // In steady state one item completes every 25 ps: item k completes at
        // 10 + 25 (k + 1) (item 0 reaches b at 10, done at 35; then back to back).
        Simulator sim = new Simulator(1);
        PipelineConfig c = new PipelineConfig(100, Duration.ofPs(10),
                List.of(fixed("a", 10, 2, 0), fixed("b", 25, 2, 0)));
        PipelineModel m = new PipelineModel(sim, "pipe", c);
        m.start();
        sim.runUntilQuiet();
        assertEquals(100, m.itemsCompleted());
        assertEquals(10 + 25 * 100, sim.now());
        assertEquals(100, sim.stats().counter("pipe.a.served").value());
        // first item: emitted 0, a 0..10, b 10..35 -> latency 35
        assertEquals(35, sim.stats().histogram("pipe.sink.latencyPs").min());
        assertTrue(sim.stats().counter("pipe.source.blockedPs").value() > 0, "source must be back-pressured");
    }

    @Test
    void exponentialServiceIsDeterministicPerSeed() {
        PipelineConfig c = new PipelineConfig(2000, Duration.ofPs(10), List.of(
                new Stage("a", Duration.ofPs(8), ServiceDistribution.EXPONENTIAL, 4, Duration.ofPs(1)),
                new Stage("b", Duration.ofPs(9), ServiceDistribution.EXPONENTIAL, 4, Duration.ofPs(1))));
        assertEquals(run(c, 5), run(c, 5));
        assertTrue(!run(c, 5).equals(run(c, 6)));
    }

    private static String run(PipelineConfig c, long seed) {
        Simulator sim = new Simulator(seed);
        PipelineModel m = new PipelineModel(sim, "pipe", c);
        m.start();
        sim.runUntilQuiet();
        sim.stats().finish(sim.now());
        return sim.now() + "\n" + sim.stats().toCsv();
    }
}
