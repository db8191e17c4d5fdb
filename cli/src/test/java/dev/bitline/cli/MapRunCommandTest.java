package dev.bitline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.mapping.schedule.ScheduleJson;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapRunCommandTest {
    static final Path CONFIGS = ConfigLoader.findConfigsRoot(Path.of("")).orElseThrow();

    static String c(String rel) {
        return CONFIGS.resolve(rel).toString();
    }

    @TempDir
    Path dir;

    @Test
    void mapExplainPrintsUnitsPlacementAndTheSchedule() throws IOException {
        Path json = dir.resolve("s.json");
        var r = LutCommandTest.run("map", "--model", c("models/gpt2-small.json"), "--hw", c("gpu/t4.yaml"),
                "--compress", c("compress/w8.yaml"), "--explain", "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("L0.attn_qkv"), r.out());
        assertTrue(r.out().contains("memory-bound"), r.out());
        assertTrue(r.out().contains("block 11"), r.out());
        assertTrue(r.out().contains("no cycle model on this hardware"), r.out());
        assertEquals(12 * 13 + 4, ScheduleJson.read(Files.readString(json), "s.json").ops().size());
    }

    @Test
    void runWritesReportCsvPlotsAndSchedule() {
        Path out = dir.resolve("run");
        var r = LutCommandTest.run("run", "--model", c("models/gpt2-small.json"), "--hw", c("gpu/h100-sxm.yaml"),
                "--tokens", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("latency per token"), r.out());
        assertTrue(r.out().contains("tokens/s"), r.out());
        for (String f : new String[] {"report.json", "functions.csv", "layers.csv", "schedule.json", "breakdown.png", "breakdown.svg"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void badInputExitsTwoNamingFileAndField() throws IOException {
        var fit = LutCommandTest.run("run", "--model", c("models/mixtral-8x7b.json"), "--hw", c("gpu/t4.yaml"), "--tokens", "1",
                "--out", dir.resolve("x").toString());
        assertEquals(2, fit.code());
        assertTrue(fit.err().contains("t4.yaml: gpu.memory"), fit.err());
        assertFalse(Files.exists(dir.resolve("x")), "nothing half-written");
        Path bad = dir.resolve("config.json");
        Files.writeString(bad, "{\"model_type\": \"gpt2\", \"n_embd\": 768}");
        var missing = LutCommandTest.run("map", "--model", bad.toString(), "--hw", c("gpu/t4.yaml"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("config.json:1:1: missing field 'n_head'"), missing.err());
        var flag = LutCommandTest.run("run", "--model", c("models/gpt2-small.json"), "--hw", c("gpu/t4.yaml"), "--tokens", "0");
        assertEquals(2, flag.code());
        assertTrue(flag.err().contains("--tokens 0"), flag.err());
        var hw = LutCommandTest.run("map", "--model", c("models/gpt2-small.json"), "--hw", c("compress/w8.yaml"));
        assertEquals(2, hw.code());
        assertTrue(hw.err().contains("not a hardware preset"), hw.err());
    }
}
