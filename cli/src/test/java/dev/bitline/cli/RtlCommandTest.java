package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bitline.rtl.cosim.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtlCommandTest {
    @TempDir
    Path tmp;

    private static LutCommandTest.Run run(String... args) {
        return LutCommandTest.run(args);
    }

    @Test
    void genWritesOneFilePerModuleAndReplacesTheDirectoryWhole() throws Exception {
        Path out = tmp.resolve("v");
        LutCommandTest.Run r = run("rtl", "gen", "lut-tile", "--param", "m=1", "--param", "n=2", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(3, s.count());
        }
        assertTrue(Files.readString(out.resolve("lut_tile_m1_n2_k4_w4_a8_acc32.v")).contains("module lut_tile_m1_n2_k4_w4_a8_acc32"));
        Files.writeString(out.resolve("stale.v"), "x");
        r = run("rtl", "gen", "mac-array", "--param", "rows=1", "--param", "k=2", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("stale.v")));
        assertTrue(Files.exists(out.resolve("mac_array_r1_c1_k2_w4_a8_acc32.v")));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "no temporary directories left");
        }
    }

    @Test
    void badInputIsOneLineExit2AndWritesNothing() {
        Path out = tmp.resolve("never");
        String[][] cases = {
            {"rtl", "gen", "pim-mac2", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "g=4", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "k=0", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "a=0", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "acc=8", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "n", "-o", out.toString()},
            {"rtl", "gen", "mac-array", "--param", "w=8", "-o", out.toString()},
            {"rtl", "gen", "mac-array", "--param", "k=x", "-o", out.toString()},
            {"rtl", "cosim", "lut-tile", "--cycles", "0"},
            {"rtl", "gen", "pim-mac", "--param", "lanes=3", "-o", out.toString()},
            {"rtl", "gen", "pim-mac", "--param", "format=int32", "-o", out.toString()},
            {"rtl", "gen", "pim-mac", "--param", "bits=8", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "fp16=true", "--param", "precompute=true", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "fp16=true", "--param", "a=8", "-o", out.toString()},
            {"rtl", "gen", "lut-tile", "--param", "fp16=yes", "-o", out.toString()},
            {"rtl", "gen", "mac-array", "--param", "fp16=true", "--param", "acc=16", "-o", out.toString()},
        };
        for (String[] c : cases) {
            LutCommandTest.Run r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("bitline: rtl"), r.err());
        }
        assertFalse(Files.exists(out));
        assertTrue(run("rtl", "gen", "lut-tile", "--param", "k=0", "-o", out.toString()).err().contains("expected 2..8"));
        assertTrue(run("rtl", "gen", "nope", "-o", out.toString()).err().contains("expected one of lut-tile, mac-array, pim-mac"));
    }

    @Test
    void lintIsClean() {
        assumeTrue(Tools.available("verilator"), "verilator not on PATH");
        LutCommandTest.Run r = run("rtl", "lint", "lut-tile", "--param", "n=4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lint clean"), r.out());
        r = run("rtl", "lint", "mac-array", "--param", "cols=2", "--param", "w=2");
        assertEquals(0, r.code(), r.err());
        // the floating-point datapaths, every flavour of the fp units among them
        r = run("rtl", "lint", "lut-tile", "--param", "n=2", "--param", "fp16=true");
        assertEquals(0, r.code(), r.err());
        r = run("rtl", "lint", "mac-array", "--param", "rows=1", "--param", "k=3", "--param", "fp16=true");
        assertEquals(0, r.code(), r.err());
        r = run("rtl", "lint", "pim-mac", "--param", "lanes=2", "--param", "format=bf16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pim-mac lanes=2 format=bf16: lint clean"), r.out());
        r = run("rtl", "lint", "pim-mac", "--param", "format=int16");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pim-mac lanes=16 format=int16: lint clean"), r.out());
    }
}
