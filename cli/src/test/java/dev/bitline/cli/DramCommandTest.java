package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.checker.TimingChecker;
import dev.bitline.dram.run.DramRunConfig;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.trace.CommandBuffer;
import dev.bitline.dram.trace.CommandTraceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DramCommandTest {
    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bitline.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static final String CONFIG = Path.of("..", "configs", "dram", "ddr4-3200.yaml").toAbsolutePath().normalize().toString();

    @Test
    void syntheticRunPrintsFiguresAndWritesResults(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Result r = run("dram", "--config", CONFIG, "--synthetic", "random:5000,read=0.5", "--check",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String s : List.of("bandwidth:", "read latency (cycles): mean", "p99", "row buffer: hit rate",
                "energy:", "pJ/bit", "act ", "actStandby", "violations: 0", "requests: 5,000")) {
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
        }
        for (String f : List.of("config.yaml", "stats.json", "stats.csv", "latency.svg")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("stats.json")).contains("readLatency"));
        String svg = Files.readString(out.resolve("latency.svg"));
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.endsWith("</svg>\n"), svg);
        assertTrue(svg.contains("<polyline") && svg.contains(">reads<") && svg.contains(">writes<"), svg);
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    /** The config.yaml a run writes is the config as run: running it again gives the same stats. */
    @Test
    void writtenConfigRepeatsTheRun(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run("dram", "--config", CONFIG, "--synthetic", "hotrow:3000", "--set",
                "controller.arbitration=round-robin", "--set", "controller.pagePolicy=closed", "--out", a.toString()).code());
        String cfg = Files.readString(a.resolve("config.yaml"));
        assertTrue(cfg.contains("arbitration: round-robin") && cfg.contains("pagePolicy: closed"), cfg);
        assertFalse(cfg.contains("extends"), "self-contained: " + cfg);
        assertEquals(0, run("dram", "--config", a.resolve("config.yaml").toString(), "--synthetic", "hotrow:3000",
                "--out", b.toString()).code());
        assertEquals(Files.readString(a.resolve("stats.json")), Files.readString(b.resolve("stats.json")));
    }

    @Test
    void tracesInBothFormatsAndTheCommandTrace(@TempDir Path tmp) throws IOException {
        Path d3 = tmp.resolve("t.dramsim3");
        Files.writeString(d3, "0x0 READ 0\n0x40 WRITE 3\n0x10000 READ 10\n0x1F40000 READ 10\n");
        Path ra = tmp.resolve("t.ramulator");
        Files.writeString(ra, "LD 0x0\nST 0x40\n5 LD 0x10000\nLD 0x1F40000\n");
        Path cmds = tmp.resolve("cmds.txt");
        Result a = run("dram", "--config", CONFIG, "--trace", d3.toString(), "--out", tmp.resolve("a").toString(),
                "--cmd-trace", cmds.toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(a.out().contains("requests: 4 (3 reads, 1 writes)"), a.out());
        Result b = run("dram", "--config", CONFIG, "--trace", ra.toString(), "--format", "ramulator",
                "--out", tmp.resolve("b").toString());
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("requests: 4 (3 reads, 1 writes)"), b.out());
        DramSpec spec = DramRunConfig.load(Path.of(CONFIG), List.of()).spec();
        CommandBuffer buf = CommandTraceReader.read(cmds, spec);
        assertTrue(buf.size() >= 4 + 3, "ACTs and column commands: " + buf.size());
        assertTrue(TimingChecker.check(spec, buf).clean());
    }

    @Test
    void checkSubcommandReportsViolationsOfAFile(@TempDir Path tmp) throws IOException {
        Path good = tmp.resolve("good.txt");
        Files.writeString(good, "0 ACT ch=0 ra=0 bg=0 ba=0 row=1\n30 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0\n");
        Result ok = run("dram", "check", "--config", CONFIG, good.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("violations: 0"), ok.out());
        Path bad = tmp.resolve("bad.txt");
        Files.writeString(bad, "0 ACT ch=0 ra=0 bg=0 ba=0 row=1\n10 RD ch=0 ra=0 bg=0 ba=0 row=1 col=0\n");
        Result no = run("dram", "check", "--config", CONFIG, bad.toString());
        assertEquals(1, no.code());
        assertTrue(no.out().contains("violations: 1"), no.out());
        assertTrue(no.out().contains("ACT->RD bank >= tRCD"), no.out());
        Path junk = tmp.resolve("junk.txt");
        Files.writeString(junk, "0 ACT ch=0 bg=0 ba=0 row=0\nzero FOO\n");
        Result j = run("dram", "check", "--config", CONFIG, junk.toString());
        assertEquals(2, j.code());
        assertTrue(j.err().startsWith(junk + ":2: "), j.err());
    }

    @Test
    void tickedModeIssuesTheSameCommands(@TempDir Path tmp) throws IOException {
        Path e = tmp.resolve("event.txt");
        Path t = tmp.resolve("ticked.txt");
        assertEquals(0, run("dram", "--config", CONFIG, "--synthetic", "hotrow:2000,rate=0.05",
                "--out", tmp.resolve("e").toString(), "--cmd-trace", e.toString()).code());
        assertEquals(0, run("dram", "--config", CONFIG, "--synthetic", "hotrow:2000,rate=0.05", "--ticked",
                "--out", tmp.resolve("t").toString(), "--cmd-trace", t.toString()).code());
        assertEquals(Files.readString(e), Files.readString(t));
        // the config's own `controller.ticked: true` holds without --ticked
        Result c = run("dram", "--config", CONFIG, "--synthetic", "hotrow:200,rate=0.05",
                "--set", "controller.ticked=true", "--out", tmp.resolve("c").toString());
        assertEquals(0, c.code());
        assertTrue(c.out().contains(", ticked"), c.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.trace");
        Files.writeString(bad, "0x40 READ 0\n0x80 READX 1\n");
        Result r = run("dram", "--config", CONFIG, "--trace", bad.toString(), "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals(bad + ":2: bad command 'READX' (expected READ or WRITE)", r.err().trim());

        Path far = tmp.resolve("far.trace");
        Files.writeString(far, "LD 0x0\nLD 0x4000000000\n");
        Result f = run("dram", "--config", CONFIG, "--trace", far.toString(), "--out", tmp.toString());
        assertEquals(2, f.code());
        assertTrue(f.err().startsWith(far + ":2: address 0x4000000000 is beyond the capacity"), f.err());

        Result s = run("dram", "--config", CONFIG, "--synthetic", "zigzag:10", "--out", tmp.toString());
        assertEquals(2, s.code());
        assertTrue(s.err().contains("unknown pattern 'zigzag' (expected random, stream, strided or hotrow)"), s.err());

        Result c = run("dram", "--synthetic", "random:10");
        assertEquals(2, c.code());
        assertTrue(c.err().contains("--config FILE is required"), c.err());

        Result o = run("dram", "--config", CONFIG, "--synthetic", "random:10", "--set", "controller.pagePolicy=sometimes");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("(expected one of: open, closed, timeout)"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());

        Result w = run("dram", "--config", CONFIG, "--synthetic", "random:10", "--feed-width", "0");
        assertEquals(2, w.code());
        assertTrue(w.err().contains("--feed-width 0 (expected >= 1"), w.err());
    }

    @Test
    void everyStandardRunsFromItsPlainPreset(@TempDir Path tmp) {
        // HBM has pseudo-channels: the default mapping must cover them.
        Path hbm = Path.of("..", "configs", "dram", "hbm3-6.4gbps.yaml").toAbsolutePath().normalize();
        Result r = run("dram", "--config", hbm.toString(), "--synthetic", "random:2000", "--check",
                "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("violations: 0"), r.out());
        Result bad = run("dram", "--config", CONFIG, "--synthetic", "random:10", "--set", "controller.refresh=perbank",
                "--out", tmp.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("needs a per-bank refresh (target: bank, refresh: true)"), bad.err());
    }

    @Test
    void benchDramPrintsRatesAndTheRatio() {
        Result r = run("bench", "dram", "--config", CONFIG, "--requests", "3000", "--sparse-requests", "500",
                "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("random"), r.out());
        assertTrue(r.out().contains("stream"), r.out());
        assertTrue(r.out().contains("event-driven"), r.out());
        assertTrue(r.out().contains("ratio"), r.out());
    }
}
