package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.spec.TimingRelations;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timing sections are validated at load: unknown (unused) keys with did-you-mean, JEDEC minimums
 * >= 1 cycle, and relations (tRC >= tRAS + tRP, tCCD_L >= tCCD_S, ...), each a located error
 * naming the rule; every shipped standard passes.
 */
class TimingRelationsTest {
    private static final Path ROOT = Presets.configsRoot();

    private static ConfigException bad(String preset, String... sets) {
        return assertThrows(ConfigException.class, () -> DramStandards.load(new ConfigLoader(ROOT),
                ROOT.resolve("dram/" + preset + ".yaml"), List.of(sets)));
    }

    @Test
    void unknownTimingKeyIsAnErrorWithDidYouMean() {
        ConfigException e = bad("ddr4-3200-8gb-x8", "timing.tRDC=3");
        assertTrue(e.getMessage().contains("unknown key 'tRDC'") && e.getMessage().contains("did you mean 'tRCD'?"),
                e.getMessage());
        assertEquals(1, e.line(), e.getMessage()); // the --set is where the user wrote it
    }

    @Test
    void unknownKeyInAPresetPointsAtTheKey(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("p.yaml");
        Files.writeString(f, "extends: " + ROOT.resolve("dram/ddr4-3200-8gb-x8.yaml") + "\ntiming:\n  tRDC: 17\n");
        ConfigLoader loader = new ConfigLoader(ROOT);
        ConfigException e = assertThrows(ConfigException.class, () -> DramStandards.load(loader, f, List.of()));
        assertTrue(e.getMessage().contains("unknown key 'tRDC'"), e.getMessage());
        assertEquals(3, e.line(), e.getMessage());
    }

    @Test
    void zeroAndImpossibleTimingsNameTheRule() {
        for (String[] c : List.of(
                new String[] {"timing.CL=0", "timing.CL: 0 cycles (expected >= 1"},
                new String[] {"timing.tRCD=0", "timing.tRCD: 0 cycles"},
                new String[] {"timing.tFAW=0", "timing.tFAW: 0 cycles"},
                new String[] {"timing.tWR=0", "timing.tWR: 0 cycles"},
                new String[] {"timing.tRP=0", "timing.tRP: 0 cycles"},
                new String[] {"timing.tRAS=0", "timing.tRAS: 0 cycles"},
                new String[] {"timing.tCCD_L=3", "expected tCCD_L >= tCCD_S"},
                new String[] {"timing.tRRD_L=3", "expected tRRD_L >= tRRD_S"},
                new String[] {"timing.tRC=40", "expected tRC >= tRAS + tRP"},
                new String[] {"timing.tREFI=100", "expected tREFI >= tRFC"})) {
            ConfigException e = bad("ddr4-3200-8gb-x8", c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void everyShippedStandardSatisfiesEveryRelation() {
        for (String n : Presets.names()) Presets.load(n);
        for (String n : List.of("pim/aim-gddr6", "pim/hbm-pim", "pim/hbm3-pim")) DramStandards.preset(ROOT, n);
        assertTrue(TimingRelations.describe().size() > 20);
    }
}
