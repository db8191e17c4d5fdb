package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.DramStandards;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A misspelled timing key is reported where the user wrote it, not where a shared table uses it. */
class TimingTypoTest {
    @Test
    void misspelledTimingKeyPointsAtItself(@TempDir Path tmp) throws IOException {
        Path root = Presets.configsRoot();
        String text = Files.readString(root.resolve("dram/ddr4-3200-8gb-x8.yaml"));
        assertTrue(text.contains("\n  tRCD:"), "preset sets tRCD");
        Path bad = tmp.resolve("typo.yaml");
        Files.writeString(bad, text.replace("\n  tRCD:", "\n  tRDC:"));
        int line = (int) text.substring(0, text.indexOf("\n  tRCD:") + 1).lines().count() + 1;

        ConfigException e = assertThrows(ConfigException.class,
                () -> DramStandards.load(new ConfigLoader(root), bad, List.of()));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(3, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'tRCD'?"), e.getMessage());
    }
}
