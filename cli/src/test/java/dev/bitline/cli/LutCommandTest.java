package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.sim.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LutCommandTest {
    static final Path CONFIG = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow().resolve("lut/lut-tensor-core.yaml");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Bitline.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void gemmRunsVerifiesAndPrintsTheBreakdown() {
        Run r = run("lut", "gemm", "--config", CONFIG.toString(), "--m", "3", "--n", "200", "--k", "256", "--weights", "w2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cycles"), r.out());
        assertTrue(r.out().contains("utilization"), r.out());
        assertTrue(r.out().contains("weight stall (memory)"), r.out());
        assertTrue(r.out().contains("bit for bit"), r.out());
        assertTrue(r.out().contains("array energy"), r.out());
    }

    @Test
    void unfusedPrecomputeShowsOnTheCriticalPath() {
        Run r = run("lut", "gemm", "--config", CONFIG.toString(), "--n", "128", "--k", "128", "--set", "precompute.fused=false");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("precompute unfused"), r.out());
        assertFalse(r.out().contains("precompute    0 cycles"), r.out());
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Run r = run("lut", "gemm", "--config", CONFIG.toString(), "--weights", "int8");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("maxWeightBits"), r.err());
        r = run("lut", "gemm", "--config", CONFIG.toString(), "--set", "array.tiles=0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("array.tiles") || r.err().contains("tiles"), r.err());
        r = run("lut", "gemm", "--config", CONFIG.toString(), "--weights", "w9x");
        assertEquals(2, r.code());
        r = run("lut", "ppa", "--config", "no/such.yaml");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void ppaPrintsRatiosAndWritesCsvAndPng(@TempDir Path dir) throws Exception {
        Run r = run("lut", "ppa", "--config", CONFIG.toString(), "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("W2A8"), r.out());
        assertTrue(r.out().contains("precompute fusion"), r.out());
        for (String f : new String[] {"lut-vs-mac.csv", "ablation.csv", "parts.csv", "lut-vs-mac.png", "ablation.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        byte[] png = Files.readAllBytes(dir.resolve("lut-vs-mac.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals(7, Files.readAllLines(dir.resolve("lut-vs-mac.csv")).size());
    }
}
