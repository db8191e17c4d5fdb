package dev.bitline.mapping.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bitline.dram.controller.ControllerConfig;
import dev.bitline.dram.controller.DramSystem;
import dev.bitline.dram.spec.DramSpec;
import dev.bitline.dram.spec.DramStandards;
import dev.bitline.sim.Simulator;
import dev.bitline.sim.config.ConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DramMemoryPortTest {
    private static DramSpec preset(String name) {
        Path root = ConfigLoader.findConfigsRoot(Path.of("").toAbsolutePath()).orElseThrow();
        return DramStandards.preset(root, name);
    }

    @Test
    void streamingReadsReachTheDramPeakAndNeverExceedIt() {
        DramSpec spec = preset("ddr4-3200");
        Simulator sim = new Simulator(1);
        DramMemoryPort port = new DramMemoryPort(sim, "mem", null,
                new DramSystem(spec, ControllerConfig.defaults(), null), 64, 0, false);
        List<Long> done = new ArrayList<>();
        int h = sim.register((t, p) -> done.add(t));
        long chunk = 4096;
        int chunks = 256; // 1 MiB, sequential
        for (int i = 0; i < chunks; i++) {
            port.read(i * chunk, chunk, h, i);
        }
        sim.runUntilQuiet();
        assertEquals(chunks, done.size());
        assertEquals(chunks * chunk, port.bytesRequested());
        double seconds = done.get(done.size() - 1) * 1e-12;
        double bw = chunks * chunk / seconds;
        double peak = spec.peakBandwidthBytesPerSecond();
        assertTrue(bw <= peak, "bandwidth " + bw + " above peak " + peak);
        // with the preset's default mapping consecutive lines share a bank group (tCCD_L), so
        // streaming sits well below peak; it must still be far above a row-miss-per-burst rate
        assertTrue(bw > 0.4 * peak, "sequential reads should stream: " + bw / peak + " of peak");
    }

    @Test
    void addressBeyondCapacityIsAnErrorUnlessWrapping() {
        DramSpec spec = preset("ddr4-3200");
        Simulator sim = new Simulator(1);
        DramSystem sys = new DramSystem(spec, ControllerConfig.defaults(), null);
        DramMemoryPort strict = new DramMemoryPort(sim, "strict", null, sys, 8, 0, false);
        int h = sim.register((t, p) -> { });
        assertThrows(IllegalArgumentException.class, () -> strict.read(sys.capacity(), 64, h, 0));
        DramMemoryPort wrapping = new DramMemoryPort(sim, "wrap", null,
                new DramSystem(spec, ControllerConfig.defaults(), null), 8, 0, true);
        wrapping.read(sys.capacity(), 128, h, 0);
        sim.runUntilQuiet();
        assertEquals(128, wrapping.bytesRequested());
    }
}
