package dev.bitline.pim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.pim.Presets;
import dev.bitline.pim.mac.InputFormat;
import dev.bitline.pim.run.GemvResult;
import dev.bitline.pim.run.GemvRun;
import dev.bitline.sim.config.ConfigException;
import dev.bitline.sim.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PimPresetTest {
    @TempDir
    Path tmp;

    @Test
    void everyPresetLoadsRunsAndReportsEnergy() {
        assertEquals(List.of("aim-gddr6", "attacc", "hbm-pim", "logic-pim", "pim-gpt"), Presets.names());
        for (String n : Presets.names()) {
            PimSystem s = Presets.load(n);
            assertTrue(s.peakMacsPerSecond(s.precisions().get(0)) > 0, n);
            GemvResult r = GemvRun.run(s, 256, 1024, 1, s.precisions().get(0), GemvRun.Options.defaults().withNumerics(false));
            assertTrue(r.energy().total() > 0 && r.energy().mac() > 0 && r.energy().activate() > 0, n);
            assertTrue(r.utilization() > 0 && r.utilization() <= 1, n + " " + r.utilization());
        }
    }

    /** The MAC commands' DRAM energy is the standard's power.commands row, as the DRAM model's energy path prices a trace. */
    @Test
    void pimCommandEnergiesAreRowsOfTheStandard() {
        for (String n : Presets.names()) {
            PimSystem s = Presets.load(n);
            String mac = s.isa().mac().name();
            assertTrue(s.dram().power().commands().containsKey(mac), n + " prices no " + mac);
            var counter = new dev.bitline.dram.energy.ActivityCounter(s.dram());
            GemvResult r = GemvRun.run(s, 256, 1024, 1, s.precisions().get(0),
                    GemvRun.Options.defaults().withNumerics(false).withSink(counter));
            var model = new dev.bitline.dram.energy.EnergyModel(dev.bitline.dram.energy.EnergyParams.from(s.dram()));
            var e = dev.bitline.dram.energy.ActivityCounter.energy(model, counter.finish(r.cycles()));
            double priced = e.commands().getOrDefault(mac, 0.0);
            assertTrue(priced > 0, n);
            assertEquals(r.energy().column(), priced, 1e-6 * priced, n);
        }
    }

    @Test
    void publishedPeaksAreTheModelsPeaks() {
        // AiM: 1 TFLOPS per die; HBM-PIM: 1.2 TFLOPS per stack (shared/reference/pim.md)
        assertEquals(1.024e12, 2 * Presets.load("aim-gddr6").peakMacsPerSecond(InputFormat.BF16), 1e9);
        assertEquals(1.2288e12, 2 * Presets.load("hbm-pim").peakMacsPerSecond(InputFormat.FP16), 1e9);
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private ConfigException load(Path p) {
        return assertThrows(ConfigException.class, () -> PimSystem.load(new ConfigLoader(Presets.configsRoot()), p, List.of()));
    }

    @Test
    void anUnknownPimCommandInATableIsALocatedError() throws IOException {
        Path p = write("bad.yaml", "extends: pim/pim-gpt\n"
                + "dram:\n  constraints:\n    extra:\n      - {prev: [MAC_XX], next: [MAC_AB], scope: rank, min: \"tMAC\"}\n");
        ConfigException e = load(p);
        assertTrue(e.getMessage().contains("bad.yaml:5:"), e.getMessage());
        assertTrue(e.getMessage().contains("MAC_XX"), e.getMessage());
    }

    @Test
    void aStandardWithoutThePlacementsMacIsAnError() throws IOException {
        String pimGpt = Files.readString(Presets.configsRoot().resolve("pim/pim-gpt.yaml"));
        Path p = write("nomac.yaml", pimGpt.replace("extends: dram/pim/aim-gddr6", "extends: dram/gddr6-16gbps"));
        ConfigException e = load(p);
        assertTrue(e.getMessage().contains("has no command"), e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        ConfigException e = load(write("regs.yaml", "extends: pim/pim-gpt\nunit:\n  resultRegisters: 0\n"));
        assertTrue(e.getMessage().contains("regs.yaml:3:"), e.getMessage());
        e = load(write("prec.yaml", "extends: pim/pim-gpt\nenergy:\n  macPj: {bf17: 1.0}\n"));
        assertTrue(e.getMessage().contains("prec.yaml:3:"), e.getMessage());
    }

    @Test
    void runProblemsSayWhat() {
        PimSystem s = Presets.load("pim-gpt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemvRun.layout(s, 4096, 4096, InputFormat.INT8));
        assertTrue(e.getMessage().contains("no int8 datapath"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GemvRun.layout(s, 1 << 22, 16384, InputFormat.BF16));
        assertTrue(e.getMessage().contains("does not fit the banks"), e.getMessage());
        PimSystem tiny = Presets.load("pim-gpt", "globalBuffer.size=16B");
        e = assertThrows(IllegalArgumentException.class, () -> GemvRun.layout(tiny, 64, 64, InputFormat.BF16));
        assertTrue(e.getMessage().contains("smaller than one"), e.getMessage());
        assertNotNull(s.unsupported(InputFormat.FP16));
    }
}
