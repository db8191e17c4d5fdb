package dev.bitline.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.bitline.sim.random.RandomStreams;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {
    @Test
    void streamsDependOnSeedAndNameOnly() {
        RandomStreams a = new RandomStreams(1);
        RandomStreams b = new RandomStreams(1);
        b.stream("other"); // creation order must not matter
        assertEquals(a.stream("dram.ch0").nextLong(), b.stream("dram.ch0").nextLong());
        assertNotEquals(a.stream("dram.ch0").nextLong(), a.stream("dram.ch1").nextLong());
        assertNotEquals(a.stream("dram.ch0").nextLong(), new RandomStreams(2).stream("dram.ch0").nextLong());
    }
}
