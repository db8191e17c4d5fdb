package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchLutCommandTest {

    @Test
    void smallRunPrintsEveryVariantAndRatio() {
        CliTest.Result r = CliTest.run("bench", "lut", "--shapes", "128x256", "--rounds", "1", "--weights", "int2,ternary",
                "--threads", "1,2", "--batch", "1,2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("int2") && r.out().contains("ternary"), r.out());
        assertTrue(r.out().contains("dequant-scalar") && r.out().contains("lut-scalar-g8"), r.out());
        assertTrue(r.out().contains("triad"), r.out());
        assertTrue(r.out().contains("speedup"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliTest.Result r = CliTest.run("bench", "lut", "--weights", "int9");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--weights: weight bit width must be 1..8, got 9"), r.err());
        assertEquals(2, CliTest.run("bench", "lut", "--group", "12").code());
        assertEquals(2, CliTest.run("bench", "lut", "--rounds", "0").code());
        CliTest.Result shape = CliTest.run("bench", "lut", "--shapes", "4096by4096");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("--shapes: expected NxK"), shape.err());
        assertEquals(2, CliTest.run("bench", "lut", "--threads", "0").code());
    }
}
