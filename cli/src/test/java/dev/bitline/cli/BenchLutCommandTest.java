package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchLutCommandTest {

    @Test
    void smallRunPrintsEveryVariantAndRatio() {
        CliTest.Result r = CliTest.run("bench", "lut", "--size", "256", "--rounds", "1", "--weights", "int2,ternary");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("int2") && r.out().contains("ternary"), r.out());
        assertTrue(r.out().contains("g8 ratio"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        CliTest.Result r = CliTest.run("bench", "lut", "--weights", "int9");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--weights: weight bit width must be 1..8, got 9"), r.err());
        assertEquals(2, CliTest.run("bench", "lut", "--group", "12").code());
        assertEquals(2, CliTest.run("bench", "lut", "--rounds", "0").code());
    }
}
