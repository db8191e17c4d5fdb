package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PimCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bitline.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static String preset(String name) {
        return Path.of("..", "configs", "pim", name + ".yaml").toAbsolutePath().normalize().toString();
    }

    static String line(String out, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s+(.*)$").matcher(out);
        assertTrue(m.find(), key + " in\n" + out);
        return m.group(1);
    }

    @Test
    void gemvPrintsTheFiguresAndVerifies() {
        Result r = run("pim", "gemv", "--config", preset("pim-gpt"), "--rows", "1024", "--cols", "2048", "--check");
        assertEquals(0, r.code(), r.err());
        for (String s : List.of("cycles:", "time:", "internal BW:", "pJ/MAC", "row switch", "analytical:",
                "0 violations", "verified:         yes")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        assertTrue(line(r.out(), "utilization:").matches("\\d+\\.\\d%"), r.out());
    }

    @Test
    void timingOnlyGivesTheSameTiming() {
        Result a = run("pim", "gemv", "--config", preset("hbm-pim"), "--rows", "700", "--cols", "900");
        Result b = run("pim", "gemv", "--config", preset("hbm-pim"), "--rows", "700", "--cols", "900", "--timing-only");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(line(a.out(), "cycles:"), line(b.out(), "cycles:"));
        assertEquals(line(a.out(), "energy:"), line(b.out(), "energy:"));
        assertTrue(b.out().contains("--timing-only"));
    }

    @Test
    void gemmAndEltwiseRun() {
        Result g = run("pim", "gemm", "--config", preset("aim-gddr6"), "--rows", "256", "--cols", "512", "--batch", "3");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().contains("batch 3"), g.out());
        Result e = run("pim", "eltwise", "--config", preset("pim-gpt"), "--op", "softmax", "--length", "2048", "--rows", "4");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("pJ/element"), e.out());
    }

    @Test
    void mixedTrafficRunsBlockedAndChecksClean() {
        Result r = run("pim", "mixed", "--config", preset("aim-gddr6"), "--rows", "256", "--cols", "512", "--requests", "300",
                "--pim-at", "500", "--check");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("300 of 300 requests served"), r.out());
        assertTrue(r.out().contains("host commands during the phase: 0"), r.out());
        assertTrue(r.out().contains("checker:          0 violations"), r.out());
        assertTrue(r.out().contains("verified:         yes"), r.out());
        Result bad = run("pim", "mixed", "--config", preset("aim-gddr6"), "--gap", "0");
        assertEquals(2, bad.code(), bad.out() + bad.err());
    }

    @Test
    void aPimTraceChecksCleanWithDramCheck(@TempDir Path tmp) throws IOException {
        Path trace = tmp.resolve("aim.trace");
        Result r = run("pim", "gemv", "--config", preset("aim-gddr6"), "--rows", "256", "--cols", "1024", "--timing-only",
                "--cmd-trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(trace).contains(" MAC_AB "));
        Result c = run("dram", "check", "--config", preset("aim-gddr6"), trace.toString());
        assertEquals(0, c.code(), c.out() + c.err());
        // move the second ACT_AB of channel 0 to one cycle before the first MAC of its sweep (the
        // buffer loads sit between the two in the trace): tRCDMAC is violated and reported
        List<String> lines = Files.readAllLines(trace);
        int actAt = -1, seen = 0;
        boolean moved = false;
        for (int i = 1; i < lines.size() && !moved; i++) {
            String l = lines.get(i);
            if (!l.contains(" ch=0 ")) continue;
            if (l.contains(" ACT_AB ") && ++seen == 2) actAt = i;
            else if (actAt >= 0 && l.contains(" MAC_AB ")) {
                String act = lines.remove(actAt);
                long mac = Long.parseLong(l.split(" ")[0]);
                lines.add(i - 1, (mac - 1) + act.substring(act.indexOf(' ')));
                moved = true;
            }
        }
        assertTrue(moved, "no sweep to move");
        Path bad = tmp.resolve("bad.trace");
        Files.write(bad, lines);
        Result v = run("dram", "check", "--config", preset("aim-gddr6"), bad.toString());
        assertEquals(1, v.code(), v.out());
        assertTrue(v.out().contains("MAC_AB"), v.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        for (String[] args : new String[][] {
            {"pim", "gemv", "--config", preset("pim-gpt"), "--precision", "int4"},
            {"pim", "gemv", "--config", preset("pim-gpt"), "--precision", "bf17"},
            {"pim", "gemv", "--config", preset("aim-gddr6"), "--rows", "4000000", "--cols", "16384", "--timing-only"},
            {"pim", "gemv", "--config", preset("pim-gpt"), "--set", "globalBuffer.size=8B", "--rows", "64", "--cols", "64"},
            {"pim", "gemv", "--config", preset("pim-gpt"), "--set", "unit.clock=fast"},
            {"pim", "gemv", "--config", tmp.resolve("nope.yaml").toString()},
            {"pim", "eltwise", "--config", preset("pim-gpt"), "--op", "tanh"},
        }) {
            Result r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
            assertEquals(1, r.err().trim().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "extends: pim/pim-gpt\nunit:\n  placement: bank\n  clock: 1GHz\n  resultRegisters: 99999\n");
        Result r = run("pim", "gemv", "--config", bad.toString(), "--configs",
                Path.of("..", "configs").toAbsolutePath().normalize().toString());
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("bad.yaml:5:"), r.err());
    }
}
