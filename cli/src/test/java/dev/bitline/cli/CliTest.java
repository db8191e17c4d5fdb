package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bitline.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The repository's configs/ folder (tests run with the module as working directory). */
    static Path repoConfigs() {
        return Path.of("..", "configs").toAbsolutePath().normalize();
    }

    @Test
    void versionAndHelp() {
        Result v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("bitline "), v.out());
        Result h = run("--help");
        assertEquals(0, h.code());
        for (String sub : new String[] {"simulate", "validate", "bench"}) {
            assertTrue(h.out().contains(sub), "help lists " + sub);
        }
    }

    @Test
    void unknownFlagIsBadInput() {
        Result r = run("simulate", "--bogus", "x.yaml");
        assertEquals(2, r.code());
        assertEquals("bitline simulate: --bogus: unknown option (expected an option listed by 'bitline simulate --help')", r.err().strip());
    }

    @Test
    void simulatePipelineDemoWritesResultsAtomically(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Result r = run("simulate", repoConfigs().resolve("pipeline-demo.yaml").toString(),
                "--set", "pipeline.items=20000", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("items completed"), r.out());
        assertTrue(r.out().contains("20,000"), r.out());
        for (String f : new String[] {"config.yaml", "stats.json", "stats.csv"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("items: 20000"));
        assertTrue(Files.readString(out.resolve("stats.csv")).contains("pipeline.writeback.served,counter,value,20000"));
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void sameSeedSameStats(@TempDir Path tmp) throws IOException {
        String cfg = repoConfigs().resolve("pipeline-demo.yaml").toString();
        run("simulate", cfg, "--set", "pipeline.items=5000", "--out", tmp.resolve("a").toString());
        run("simulate", cfg, "--set", "pipeline.items=5000", "--out", tmp.resolve("b").toString());
        assertEquals(Files.readString(tmp.resolve("a/stats.json")), Files.readString(tmp.resolve("b/stats.json")));
    }

    @Test
    void validateTypoGivesFileLineColumnAndExit2(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("typo.yaml");
        Files.writeString(bad, Files.readString(repoConfigs().resolve("pipeline-demo.yaml"))
                .replace("sourceInterval:", "sourceIntervall:"));
        Result r = run("validate", bad.toString());
        assertEquals(2, r.code());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.matches(".*typo\\.yaml:\\d+:3: unknown key 'sourceIntervall' \\(did you mean 'sourceInterval'\\?.*"),
                line);
        assertFalse(r.err().contains("Exception"), "no stack trace");
    }

    @Test
    void validateAcceptsQuickstart() {
        Result r = run("validate", repoConfigs().resolve("quickstart.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ok (generation)"), r.out());
    }

    @Test
    void quickstartDecodesEndToEndOnPimGpt(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("q");
        Result r = run("simulate", repoConfigs().resolve("quickstart.yaml").toString(), "--set", "generation.tokens=2",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("PIM-GPT"), r.out());
        assertTrue(r.out().contains("latency per token"), r.out());
        assertTrue(r.out().contains("vs cycle model"), r.out());
        for (String f : new String[] {"config.yaml", "report.json", "layers.csv", "breakdown.png", "breakdown.svg"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Result bad = run("simulate", repoConfigs().resolve("quickstart.yaml").toString(), "--set", "generation.tokens=5000",
                "--out", tmp.resolve("bad").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("exceeds gpt2-small's context of 1024"), bad.err());
    }

    @Test
    void validateRecognisesEveryKindOfConfig() {
        Result r = run("validate", repoConfigs().resolve("quickstart.yaml").toString(),
                repoConfigs().resolve("dram/ddr4-3200.yaml").toString(),
                repoConfigs().resolve("lut/lut-tensor-core.yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("quickstart.yaml: ok (generation)"), r.out());
        assertTrue(r.out().contains("ddr4-3200.yaml: ok (dram)"), r.out());
        assertTrue(r.out().contains("lut-tensor-core.yaml: ok (lut)"), r.out());
    }

    @Test
    void validateLutTypoIsLocated(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("lut-typo.yaml");
        Files.writeString(bad, "extends: lut/lut-tensor-core\narray:\n  tilesz: 8\n");
        Result r = run("validate", "--configs", repoConfigs().toString(), bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().matches(".*lut-typo\\.yaml:3:3: unknown key 'tilesz' \\(did you mean 'tiles'\\?.*"), r.err());
    }

    @Test
    void badOverrideValueIsLocated() {
        Result r = run("validate", repoConfigs().resolve("quickstart.yaml").toString(), "--set", "seed=x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("<--set seed>:1:"), r.err());
    }

    @Test
    void missingFile() {
        Result r = run("simulate", "does-not-exist.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does-not-exist.yaml: no such config file"), r.err());
    }

    @Test
    void benchKernelPrintsRatio() {
        Result r = run("bench", "kernel", "--pending", "2000", "--events", "20000", "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ratio"), r.out());
        assertEquals(2, run("bench", "kernel", "--pending", "0").code());
    }
}
