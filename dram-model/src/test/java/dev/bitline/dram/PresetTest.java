package dev.bitline.dram;

import static org.junit.jupiter.api.Assertions.*;

import dev.bitline.dram.spec.Command;
import dev.bitline.dram.spec.Constraint;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.dram.spec.Organization;
import dev.bitline.dram.spec.Scope;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PresetTest {
    static List<String> presets() {
        return Presets.names();
    }

    @ParameterizedTest
    @MethodSource("presets")
    void presetLoadsAndIsSane(String name) {
        DramSpec s = Presets.load(name);
        Organization o = s.organization();
        assertFalse(s.name().isBlank());
        assertTrue(s.tCKps() > 0);
        // peak bandwidth = channels x pseudo-channels x bus bytes x transfers per second
        double expect = o.channels() * o.pseudoChannels() * (o.busWidth() / 8.0) * s.dataRateMTs() * 1e6;
        assertEquals(expect, s.peakBandwidthBytesPerSecond(), expect * 1e-12);
        assertTrue(s.readLatency() > 0 && s.writeLatency() > 0 && s.burstCycles() > 0);
        assertTrue(s.param("tREFI") > s.param("tRFC"), "tREFI > tRFC");
        assertTrue(s.param("tRC") >= s.param("tRAS") + s.param("tRP") - 1, "tRC ~ tRAS + tRP");
        assertFalse(s.constraints().isEmpty());
        assertTrue(s.power().IDD4R() > s.power().IDD3N(), "reading costs more than standby");
    }

    @Test
    void ddr4_2400IsTheReferencePart() {
        DramSpec s = Presets.load("ddr4-2400-8gb-x8");
        assertEquals(833, s.tCKps());
        assertEquals(17, s.param("CL"));
        assertEquals(12, s.param("CWL"));
        assertEquals(56, s.param("tRC"));
        assertEquals(420, s.param("tRFC"));
        assertEquals(9360, s.param("tREFI"));
        assertEquals(8L << 30, s.organization().totalBytes());
        assertEquals(8L << 30, s.organization().deviceBits());
        assertEquals(64, s.organization().burstBytes());
        assertEquals(48, s.power().IDD0());
        assertEquals(250, s.power().IDD5B());
        // 2400 MT/s x 8 bytes = 19.2 GB/s (tCK rounded to 833 ps)
        assertEquals(19.2e9, s.peakBandwidthBytesPerSecond(), 0.01e9);
        // expression evaluated at load: RD -> WR same rank = CL + BL/2 + 2 - CWL = 11
        Constraint rw = s.constraints().stream()
                .filter(c -> c.prev().name().equals("RD") && c.next().name().equals("WR") && c.scope() == Scope.RANK)
                .findFirst().orElseThrow();
        assertEquals(17 + 4 + 2 - 12, rw.cycles());
    }

    @Test
    void ddr4_3200PeakBandwidth() {
        DramSpec s = Presets.load("ddr4-3200-8gb-x8");
        assertEquals(25.6e9, s.peakBandwidthBytesPerSecond(), 1e3);
        DramSpec x16 = Presets.load("ddr4-3200-8gb-x16");
        assertEquals(2, x16.organization().bankGroups());
        assertEquals(48, x16.param("tFAW"));
        assertEquals(22, x16.param("CL"), "inherited through two extends levels");
        assertEquals(4L << 30, x16.organization().totalBytes());
    }

    @Test
    void overridesApply() {
        Path root = Presets.configsRoot();
        DramSpec s = DramStandards.load(new ConfigLoader(root), root.resolve("dram/ddr4-3200-8gb-x8.yaml"),
                List.of("timing.CL=24"));
        assertEquals(24, s.param("CL"));
    }

    @Test
    void badExpressionIsLocated(@TempDir Path dir) throws Exception {
        Path root = Presets.configsRoot();
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "extends: " + root.resolve("dram/ddr4-2400-8gb-x8.yaml") + "\n"
                + "timing:\n  tRC: \"tRAS+tXYZ\"\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> DramStandards.load(new ConfigLoader(root), f, List.of()));
        assertTrue(e.getMessage().contains("bad.yaml:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("tXYZ"), e.getMessage());
    }
}
